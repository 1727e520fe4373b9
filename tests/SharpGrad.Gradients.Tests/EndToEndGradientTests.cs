using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

/// <summary>Whole models' gradients: against finite differences at random points, and against what each model should give.</summary>
public sealed class EndToEndGradientTests
{
    private const int Iterations = 10;

    private static void CheckAgainstFiniteDifferences(GradientCase c)
        => c.Domain.Where(Domains.IsGeneric).Sample(point => GradientCheck.AtPoint(c, point), iter: Iterations, threads: 1);

    [Fact]
    public void SoftmaxCrossEntropy_GradientIsSoftmaxMinusOneHot()
    {
        CheckAgainstFiniteDifferences(ModelCases.SoftmaxCrossEntropy);

        // Logits far beyond exp's range: the max shift keeps the loss and gradient exact.
        double[] logits = [800, -800, 799, 0];
        var gradient = new double[4];
        double loss = ModelMethods.SoftmaxCrossEntropyWithGradient(logits, 2, gradient);
        Assert.Equal(Math.Log(1 + Math.Exp(-1)) + 1, loss, 1e-12);
        double top = 1 / (1 + Math.Exp(-1));
        Assert.Equal(top, gradient[0], 1e-12);
        Assert.Equal(0, gradient[1]);
        Assert.Equal(1 - top - 1, gradient[2], 1e-12);
        Assert.Equal(0, gradient[3], 1e-300);
    }

    [Fact]
    public void SoftmaxClassifier_OverABatch_MatchesFiniteDifferences()
        => CheckAgainstFiniteDifferences(ModelCases.SoftmaxClassifier);

    [Fact]
    public void TwoLayerPerceptron_WithLocalActivations_MatchesFiniteDifferences()
        => CheckAgainstFiniteDifferences(ModelCases.TwoLayerPerceptron);

    [Fact]
    public void RecurrentNetwork_StateOverwrittenInPlace_MatchesFiniteDifferences()
        => CheckAgainstFiniteDifferences(ModelCases.RecurrentSequence);

    [Fact]
    public void LogSumExp_MatchesFiniteDifferences_TheRuntimeFunction_AndSurvivesHugeInputs()
    {
        CheckAgainstFiniteDifferences(ModelCases.LogSumExp);

        FiniteDifferences.Points(6, 0.2, 20).Sample(
            v =>
            {
                var byHand = new double[6];
                var runtime = new double[6];
                Assert.Equal(Functions.LogSumExpWithGradient(v, runtime), ModelMethods.LogSumExpWithGradient(v, byHand), 1e-12);
                FiniteDifferences.AssertClose(runtime, byHand, 1e-14, "hand-written against runtime log-sum-exp gradient");
            },
            iter: Iterations);

        var gradient = new double[3];
        Assert.Equal(1000 + Math.Log(3), ModelMethods.LogSumExpWithGradient([1000.0, 1000.0, 1000.0], gradient), 1e-12);
        Assert.All(gradient, g => Assert.Equal(1.0 / 3, g, 1e-15));
    }

    [Fact]
    public void GaussianMixtureLogLikelihood_MatchesFiniteDifferences_AndTheDensityByDefinition()
    {
        CheckAgainstFiniteDifferences(ModelCases.GaussianMixture);

        // The value against sum_n log sum_k pi_k prod_d N(x_nd | mu_kd, sigma_kd), computed directly.
        double[] means = [0, 0, 1, -1, -2, 0.5];
        double[] logStds = [0, 0.3, -0.2, 0.1, 0.5, -0.5];
        double[] logits = [0.2, -1, 0.7];
        double[] points = [0.1, 0.2, 1.5, -0.5, -2, 1, 0.3, -0.3];
        double expected = 0;
        for (int n = 0; n < 4; n++)
        {
            double mixture = 0;
            double normalizer = logits.Sum(Math.Exp);
            for (int k = 0; k < 3; k++)
            {
                double density = Math.Exp(logits[k]) / normalizer;
                for (int d = 0; d < 2; d++)
                {
                    double std = Math.Exp(logStds[(k * 2) + d]);
                    double z = (points[(n * 2) + d] - means[(k * 2) + d]) / std;
                    density *= Math.Exp(-0.5 * z * z) / (std * Math.Sqrt(2 * Math.PI));
                }

                mixture += density;
            }

            expected += Math.Log(mixture);
        }

        Assert.Equal(expected, ModelMethods.GaussianMixtureLogLikelihood(means, logStds, logits, points), 1e-12);

        // d/dlogits of a log-likelihood sums to zero: softmax is invariant to a shift of the logits.
        var gm = new double[6];
        var gs = new double[6];
        var gl = new double[3];
        ModelMethods.GaussianMixtureLogLikelihoodWithGradient(means, logStds, logits, points, gm, gs, gl);
        Assert.Equal(0, gl.Sum(), 1e-12);
    }

    [Fact]
    public void RungeKutta4_DampedOscillator_MatchesFiniteDifferences_AndTheExactSolution()
    {
        CheckAgainstFiniteDifferences(ModelCases.DampedOscillator);

        // Underdamped x'' + c x' + k x = 0: x(t) = e^(-g t) (x0 cos wt + (v0 + g x0) / w sin wt), g = c / 2, w = sqrt(k - g^2).
        double stiffness = 4, damping = 0.5, x0 = 1, v0 = -0.5;
        double time = ModelCases.TimeStep * ModelCases.IntegrationSteps;
        double g = damping / 2, w = Math.Sqrt(stiffness - (g * g));
        double Exact(double start, double velocity) => Math.Exp(-g * time) * ((start * Math.Cos(w * time)) + ((velocity + (g * start)) / w * Math.Sin(w * time)));

        double dk = 0, dc = 0, dx0 = 0, dv0 = 0;
        double x = ModelMethods.DampedOscillatorRk4WithGradient(stiffness, damping, x0, v0, ModelCases.TimeStep, ModelCases.IntegrationSteps, 1, 0, ref dk, ref dc, ref dx0, ref dv0);
        Assert.Equal(Exact(x0, v0), x, 1e-5);

        // The solution is linear in the initial state, so d x(T) / d x0 and d x(T) / d v0 are the exact solution's coefficients.
        Assert.Equal(Exact(1, 0), dx0, 1e-5);
        Assert.Equal(Exact(0, 1), dv0, 1e-5);

        // The second component of the final state, read with the other weight.
        double ek = 0, ec = 0, ex0 = 0, ev0 = 0;
        double v = ModelMethods.DampedOscillatorRk4WithGradient(stiffness, damping, x0, v0, ModelCases.TimeStep, ModelCases.IntegrationSteps, 0, 1, ref ek, ref ec, ref ex0, ref ev0);
        double[] point = [stiffness, damping, x0, v0];
        double FinalVelocity(double[] q) => ModelMethods.DampedOscillatorRk4(q[0], q[1], q[2], q[3], ModelCases.TimeStep, ModelCases.IntegrationSteps, 0, 1);
        Assert.Equal(FinalVelocity(point), v);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(FinalVelocity, point), [ek, ec, ex0, ev0]);
    }
}
