using CsCheck;
using LinearRegression;

namespace SharpGrad.Gradients.Tests;

/// <summary>The seed sample's own loss: its generated gradient against central finite differences.</summary>
public sealed class SeedLossGradientTests
{
    private const int Inputs = 10;
    private const int Batch = 8;

    private static readonly Gen<double[]> _vector = FiniteDifferences.Points(Inputs + 1 + (Batch * Inputs) + Batch);

    [Fact]
    public void Gradient_MatchesFiniteDifferences_AtRandomPoints()
    {
        _vector.Sample(
            point =>
            {
                double[] features = point.AsSpan(Inputs + 1, Batch * Inputs).ToArray();
                double[] targets = point.AsSpan(Inputs + 1 + (Batch * Inputs), Batch).ToArray();
                double[] parameters = point.AsSpan(0, Inputs + 1).ToArray();

                var weightGrad = new double[Inputs];
                var biasGrad = new double[1];
                double value = LinearModel.LossWithGradient(parameters.AsSpan(0, Inputs), parameters.AsSpan(Inputs, 1), features, targets, weightGrad, biasGrad);

                double Loss(double[] p) => LinearModel.Loss(p.AsSpan(0, Inputs), p.AsSpan(Inputs, 1), features, targets);
                Assert.Equal(Loss(parameters), value);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Loss, parameters), [.. weightGrad, .. biasGrad]);
            },
            iter: 25,
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Gradient_Accumulates_LikePyTorchGrad()
    {
        double[] weight = [0.5, -1, 2, 0, 1, 1, 1, 1, 1, 1];
        double[] bias = [0.25];
        double[] features = Enumerable.Range(0, 2 * Inputs).Select(i => (i % 7) - 3.0).ToArray();
        double[] targets = [1, -1];
        var once = new double[Inputs];
        var twice = new double[Inputs];
        var biasOnce = new double[1];
        var biasTwice = new double[1];

        LinearModel.LossWithGradient(weight, bias, features, targets, once, biasOnce);
        LinearModel.LossWithGradient(weight, bias, features, targets, twice, biasTwice);
        LinearModel.LossWithGradient(weight, bias, features, targets, twice, biasTwice);

        for (int i = 0; i < Inputs; i++)
        {
            Assert.Equal(2 * once[i], twice[i]);
        }

        Assert.NotEqual(0, once.Sum(Math.Abs));
        Assert.Equal(2 * biasOnce[0], biasTwice[0]);
    }

    [Fact]
    public void GradientBuffer_OfTheWrongLength_IsRejectedByName()
    {
        double[] weight = new double[Inputs];
        var exception = Assert.Throws<ArgumentException>(() =>
            LinearModel.LossWithGradient(weight, [0.0], new double[Inputs], [1.0], new double[Inputs - 1], new double[1]));

        Assert.Equal("weightGrad", exception.ParamName);
        Assert.Contains("has length 9 but 'weight' has length 10", exception.Message);
    }
}
