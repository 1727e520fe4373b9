namespace SharpGrad.Gradients.Tests;

/// <summary>
/// A [CustomGradient] with a backward method (<c>Backward = nameof(...)</c>): the reverse sweep calls it on the outputs
/// the forward call wrote, before it restores their previous contents, and never calls the gradient method that would
/// compute them again. Checked against central differences, with an output overwritten after another call read it.
/// </summary>
public sealed class BackwardMethodTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(33)]
    public void BackwardMethod_SeesTheOutputsTheCallWrote_AndMatchesFiniteDifferences(int n)
    {
        var random = new Random(n);
        for (int point = 0; point < 3; point++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
            var gradient = new double[n];
            BackwardMethods.Calls = (0, 0);
            double value = BackwardMethods.LossWithGradient(x, gradient);
            Assert.Equal((0, 3), BackwardMethods.Calls);
            Assert.Equal(BackwardMethods.Loss(x), value, 12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => BackwardMethods.Loss(q), x), gradient, 1e-7);
        }
    }
}

public static partial class BackwardMethods
{
    /// <summary>How many times the gradient method and the backward method ran.</summary>
    [ThreadStatic]
    public static (int Gradient, int Backward) Calls;

    [CustomGradient(nameof(ExpWithGradient), Backward = nameof(ExpBackward))]
    public static void Exp(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i]);
        }
    }

    public static void ExpWithGradient(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad, ReadOnlySpan<double> yGrad, Span<double> yInitialGrad)
    {
        Calls.Gradient++;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i]);
            xGrad[i] += yGrad[i] * y[i];
        }
    }

    /// <summary>exp' = exp: read from the outputs the call wrote (wrong values there give a wrong gradient).</summary>
    public static void ExpBackward(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad, ReadOnlySpan<double> yGrad, Span<double> yInitialGrad)
    {
        Calls.Backward++;
        for (int i = 0; i < x.Length; i++)
        {
            xGrad[i] += yGrad[i] * y[i];
        }
    }

    /// <summary>y = exp(x); z = exp(y); then y = exp(x / 2), overwriting the y that the second call read.</summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> x)
    {
        double[] y = new double[x.Length];
        Exp(x, y);
        double[] z = new double[x.Length];
        Exp(y, z);
        double[] half = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            half[i] = 0.5 * x[i];
        }

        Exp(half, y);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += y[i] * z[i];
        }

        return sum;
    }
}
