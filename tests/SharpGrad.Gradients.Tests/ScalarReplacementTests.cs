namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Loops whose bodies update one element several times (Optimization/ScalarReplacement.cs): where the element is
/// replaced by a local (a gradient buffer alone in its loop, a local array's adjoint) and where it must not be (two
/// gradient buffers in one loop, which a caller may pass as one array). Gradients against central differences in double
/// and float at lengths around the vector widths; GeneratedCodeTests checks which loops were replaced.
/// </summary>
public sealed class ScalarReplacementTests
{
    public static readonly TheoryData<int> Lengths = [0, 1, 7, 8, 9, 16, 17, 32, 33, 65, 200];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TwoBuffersUpdatedTwice_MatchFiniteDifferences(int n)
    {
        double[] p = Points(2 * n, seed: n);
        double F(double[] q) => ScalarReplacementMethods.Coupled(q.AsSpan(0, n), q.AsSpan(n, n));
        var ga = new double[n];
        var gb = new double[n];
        Close(F(p), ScalarReplacementMethods.CoupledWithGradient(p[..n], p[n..], ga, gb), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. ga, .. gb], 1e-7);

        float[] af = p[..n].Select(v => (float)v).ToArray(), bf = p[n..].Select(v => (float)v).ToArray();
        var gaf = new float[n];
        var gbf = new float[n];
        Close(F(p), ScalarReplacementMethods.CoupledWithGradient(af, bf, gaf, gbf), 1e-5);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gaf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void OneArrayForBothGradients_ReceivesBothUpdates(int n)
    {
        // Were aGrad[i] kept in a local across bGrad[i]'s updates, the store at the end would drop them.
        double[] a = Points(n, seed: 100 + n);
        var shared = new double[n];
        ScalarReplacementMethods.CoupledWithGradient(a, a, shared, shared);
        var ga = new double[n];
        var gb = new double[n];
        ScalarReplacementMethods.CoupledWithGradient(a, a, ga, gb);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(ga[i] + gb[i], shared[i], 12);
        }

        float[] af = a.Select(v => (float)v).ToArray();
        var sharedF = new float[n];
        ScalarReplacementMethods.CoupledWithGradient(af, af, sharedF, sharedF);
        for (int i = 0; i < n; i++)
        {
            Close(ga[i] + gb[i], sharedF[i], 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LocalArrayReadTwice_MatchesFiniteDifferences(int n)
    {
        double[] x = Points(n, seed: 200 + n);
        var gradient = new double[n];
        Close(ScalarReplacementMethods.ExpSquares(x), ScalarReplacementMethods.ExpSquaresWithGradient(x, gradient), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => ScalarReplacementMethods.ExpSquares(q), x), gradient, 1e-7);

        float[] xf = x.Select(v => (float)v).ToArray();
        var gradientF = new float[n];
        Close(ScalarReplacementMethods.ExpSquares(x), ScalarReplacementMethods.ExpSquaresWithGradient(xf, gradientF), 1e-5);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => ScalarReplacementMethods.ExpSquares(q), x), gradientF.Select(v => (double)v).ToArray(), 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void GradientAddsIntoWhatTheBufferHeld(int n)
    {
        // The element's local starts from the buffer's value: the gradient is added to it, as every companion does.
        double[] x = Points(n, seed: 300 + n);
        var fresh = new double[n];
        ScalarReplacementMethods.ExpSquaresWithGradient(x, fresh);
        double[] held = Enumerable.Range(0, n).Select(i => 0.25 * i).ToArray();
        ScalarReplacementMethods.ExpSquaresWithGradient(x, held);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(fresh[i] + (0.25 * i), held[i], 12);
        }
    }

    private static void Close(double expected, double actual, double tolerance)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"value {actual:R}, method {expected:R}");

    private static double[] Points(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 3) - 1.5)).ToArray();
    }
}

/// <summary>The loop shapes ScalarReplacementTests differentiates (read by GeneratedCodeTests too).</summary>
public static partial class ScalarReplacementMethods
{
    /// <summary>Each of a's and b's elements receives terms inside the reduction's adjoint guard and after it, in one loop.</summary>
    [Differentiable]
    public static double Coupled(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double t = Math.Tanh(a[i]) * b[i];
            sum += (t * t * Math.Exp(b[i])) + (a[i] * b[i]);
        }

        return sum;
    }

    /// <inheritdoc cref="Coupled(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float Coupled(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            float t = MathF.Tanh(a[i]) * b[i];
            sum += (t * t * MathF.Exp(b[i])) + (a[i] * b[i]);
        }

        return sum;
    }

    /// <summary>A local array each of whose elements the sum reads three times, so its adjoint receives three terms.</summary>
    [Differentiable]
    public static double ExpSquares(ReadOnlySpan<double> x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i] * 0.5);
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (y[i] * y[i]) - (y[i] * x[i]);
        }

        return sum;
    }

    /// <inheritdoc cref="ExpSquares(ReadOnlySpan{double})"/>
    [Differentiable]
    public static float ExpSquares(ReadOnlySpan<float> x)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Exp(x[i] * 0.5f);
        }

        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (y[i] * y[i]) - (y[i] * x[i]);
        }

        return sum;
    }
}
