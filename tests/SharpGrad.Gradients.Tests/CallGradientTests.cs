using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

public sealed class CallGradientTests
{
    [Fact]
    public void CallsToDifferentiableMethods_MatchFiniteDifferences()
    {
        FiniteDifferences.Points(5).Sample(
            p =>
            {
                var g = new double[4];
                double gs = 0;
                CallMethods.CompositeWithGradient(p.AsSpan(0, 4), p[4], g, ref gs);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => CallMethods.Composite(q.AsSpan(0, 4), q[4]), p), [.. g, gs]);

                var h = new double[4];
                CallMethods.SumOfSquaresWithGradient(p.AsSpan(0, 4), h);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => CallMethods.SumOfSquares(q.AsSpan(0, 4)), p[..4]), h);
            },
            iter: 20);
    }

    [Fact]
    public void CustomGradient_IsUsed_AndMatchesFiniteDifferences()
    {
        FiniteDifferences.Points(2).Sample(
            p =>
            {
                double ga = 0, gb = 0;
                CallMethods.UsesCustomWithGradient(p[0], p[1], ref ga, ref gb);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => CallMethods.UsesCustom(q[0], q[1]), p), [ga, gb]);
            },
            iter: 20);
    }

    [Fact]
    public void StoppedGradient_IsTreatedAsConstant_AndIntHelpersCarryNoDerivative()
    {
        double[] v = [1, 2, 3, 4, 5, 6];
        var g = new double[6];
        double gs = 0;
        CallMethods.WithHelpersWithGradient(v, 3, g, ref gs);

        // total = sum_i v[2i] * stop(s^2) + s: d/dv[2i] = s^2, d/ds = count (the s^2 factor is stopped).
        Assert.Equal([9, 0, 9, 0, 9, 0], g);
        Assert.Equal(3, gs);
    }

    [Fact]
    public void RecursiveMethod_IsDifferentiatedThroughItself()
    {
        double g = 0;
        double value = CallMethods.RecursivePowerWithGradient(1.5, 4, ref g);
        Assert.Equal(Math.Pow(1.5, 4), value, 12);
        Assert.Equal(4 * Math.Pow(1.5, 3), g, 12);
    }

    [Fact]
    public void OutputGradient_ScalesEveryGradient()
    {
        double[] v = [0.5, -1.5, 2];
        var once = new double[3];
        var scaled = new double[3];
        Helpers.NormWithGradient(v, once);
        Helpers.NormWithGradient(v, scaled, outputGradient: -2.5);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(-2.5 * once[i], scaled[i], 14);
        }
    }
}
