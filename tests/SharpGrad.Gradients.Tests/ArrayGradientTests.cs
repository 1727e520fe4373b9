using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

public sealed class ArrayGradientTests
{
    [Fact]
    public void Mlp_WithLocalActivations_MatchesFiniteDifferences()
    {
        const int inputs = 3, hidden = 4;
        FiniteDifferences.Points((hidden * inputs) + hidden + hidden + inputs).Sample(
            v =>
            {
                double[] x = v[^inputs..];
                double[] p = v[..^inputs];
                double F(double[] q) => ArrayMethods.Mlp(q.AsSpan(0, hidden * inputs), q.AsSpan(hidden * inputs, hidden), q.AsSpan((hidden * inputs) + hidden, hidden), x);
                var g1 = new double[hidden * inputs];
                var gb = new double[hidden];
                var g2 = new double[hidden];
                double value = ArrayMethods.MlpWithGradient(p.AsSpan(0, hidden * inputs), p.AsSpan(hidden * inputs, hidden), p.AsSpan((hidden * inputs) + hidden, hidden), x, g1, gb, g2);
                Assert.Equal(F(p), value, 12);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. g1, .. gb, .. g2]);
            },
            iter: 20);
    }

    [Fact]
    public void Recurrent_StateOverwrittenInPlace_MatchesFiniteDifferences()
    {
        const int n = 3, steps = 5;
        FiniteDifferences.Points((2 * n) + steps).Sample(
            v =>
            {
                double[] inputs = v[^steps..];
                double[] p = v[..^steps];
                double F(double[] q) => ArrayMethods.Recurrent(q.AsSpan(0, n), q.AsSpan(n, n), inputs);
                var gw = new double[n];
                var gu = new double[n];
                ArrayMethods.RecurrentWithGradient(p.AsSpan(0, n), p.AsSpan(n, n), inputs, gw, gu);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gu]);
            },
            iter: 20);
    }

    [Fact]
    public void InPlaceUpdate_GradientIsWithRespectToTheValuesPassedIn()
    {
        FiniteDifferences.Points(5).Sample(
            x =>
            {
                double F(double[] q) => ArrayMethods.InPlace((double[])q.Clone());
                var g = new double[5];
                ArrayMethods.InPlaceWithGradient((double[])x.Clone(), g);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, x), g);
            },
            iter: 20);
    }
}
