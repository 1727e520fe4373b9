using CsCheck;
using LinearRegression;

namespace SharpGrad.Gradients.Tests;

/// <summary>The seed sample's own model class (nn.Linear(10, 1) and MSE): its generated gradient against central finite differences.</summary>
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
                var model = new LinearModel();

                double Loss(double[] p)
                {
                    p.AsSpan(0, Inputs).CopyTo(model.Linear.Weight.Data);
                    model.Linear.Bias[0] = p[Inputs];
                    return model.Loss(features, targets);
                }

                double expected = Loss(parameters);
                model.ZeroGrad();
                double value = model.LossWithGradient(features, targets);
                Assert.Equal(expected, value);
                double[] gradient = [.. model.Linear.Weight.Grad, .. model.Linear.Bias.Grad];
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Loss, parameters), gradient);
            },
            iter: 25,
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Gradient_Accumulates_LikePyTorchGrad()
    {
        double[] features = Enumerable.Range(0, 2 * Inputs).Select(i => (i % 7) - 3.0).ToArray();
        double[] targets = [1, -1];
        var model = new LinearModel();
        model.LossWithGradient(features, targets);
        double[] once = model.Linear.Weight.Grad.ToArray();
        double biasOnce = model.Linear.Bias.Grad[0];
        model.LossWithGradient(features, targets);

        for (int i = 0; i < Inputs; i++)
        {
            // Each sample's layer call adds into Grad, so the second step's sum is rounded in another order.
            Assert.Equal(2 * once[i], model.Linear.Weight.Grad[i], 1e-12);
        }

        Assert.NotEqual(0, once.Sum(Math.Abs));
        Assert.Equal(2 * biasOnce, model.Linear.Bias.Grad[0], 1e-12);
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad.ToArray(), g => Assert.Equal(0, g)));
    }

    [Fact]
    public void Features_OfTheWrongWidth_AreRejectedWithBothShapes()
    {
        var model = new LinearModel();
        Assert.Equal(["linear.weight", "linear.bias"], model.Parameters().Names);
        var exception = Assert.Throws<ArgumentException>(() => model.LossWithGradient(new double[4 * 9], new double[4]));
        Assert.Equal("features", exception.ParamName);
        Assert.StartsWith("LinearModel: 'features' has shape [4, 9], expected [4, 10] (4 rows of 10 features).", exception.Message, StringComparison.Ordinal);
    }
}
