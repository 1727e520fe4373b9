namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Methods whose loops the generator vectorizes (maps and + reductions over unit-stride spans, in both sweeps), in
/// double and float: their gradients against central differences and their values against the methods at lengths
/// around every vector width and unroll boundary (Vector256 and Vector512, 2 vectors an iteration, the scalar tail).
/// GeneratedCodeTests.VectorizedLoops_* checks that these shapes are the ones printed as vector loops.
/// </summary>
public sealed class VectorizedLoopTests
{
    public static readonly TheoryData<int> Lengths = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TanhExpReduction_MatchesFiniteDifferences(int n)
    {
        double[] x = Points(n, seed: n);
        var gradient = new double[n];
        double value = VectorizedMethods.TanhExpWithGradient(x, gradient);
        CheckValue(VectorizedMethods.TanhExp(x), value, n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.TanhExp(q), x), gradient, 1e-7);

        float[] xf = x.Select(v => (float)v).ToArray();
        var gradientF = new float[n];
        float valueF = VectorizedMethods.TanhExpWithGradient(xf, gradientF);
        CheckValue(VectorizedMethods.TanhExp(xf), valueF, n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.TanhExp(q), x), gradientF.Select(v => (double)v).ToArray(), 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TwoArrayReduction_MatchesFiniteDifferences(int n)
    {
        double[] p = Points(2 * n, seed: 100 + n);
        double[] a = p[..n], b = p[n..];
        double F(double[] q) => VectorizedMethods.Weighted(q.AsSpan(0, n), q.AsSpan(n, n));
        var ga = new double[n];
        var gb = new double[n];
        CheckValue(F(p), VectorizedMethods.WeightedWithGradient(a, b, ga, gb), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. ga, .. gb], 1e-7);

        float[] af = a.Select(v => (float)v).ToArray(), bf = b.Select(v => (float)v).ToArray();
        var gaf = new float[n];
        var gbf = new float[n];
        CheckValue(VectorizedMethods.Weighted(af, bf), VectorizedMethods.WeightedWithGradient(af, bf, gaf, gbf), n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gaf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void OneBufferForBothGradients_AccumulatesBoth(int n)
    {
        // A caller may pass one array for both parameters' gradients: the vector loop adds both terms into it (guarded).
        double[] a = Points(n, seed: 200 + n);
        var shared = new double[n];
        VectorizedMethods.WeightedWithGradient(a, a, shared, shared);
        var ga = new double[n];
        var gb = new double[n];
        VectorizedMethods.WeightedWithGradient(a, a, ga, gb);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(ga[i] + gb[i], shared[i], 12);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MapIntoLocalArray_ThenDescendingReduction_MatchesFiniteDifferences(int n)
    {
        double[] x = Points(n, seed: 300 + n);
        var gradient = new double[n];
        CheckValue(VectorizedMethods.SquaredTanh(x), VectorizedMethods.SquaredTanhWithGradient(x, gradient), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.SquaredTanh(q), x), gradient, 1e-7);

        float[] xf = x.Select(v => (float)v).ToArray();
        var gradientF = new float[n];
        CheckValue(VectorizedMethods.SquaredTanh(xf), VectorizedMethods.SquaredTanhWithGradient(xf, gradientF), n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.SquaredTanh(q), x), gradientF.Select(v => (double)v).ToArray(), 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NeighbourOffsets_MatchFiniteDifferences(int n)
    {
        double[] x = Points(n, seed: 400 + n);
        var gradient = new double[n];
        CheckValue(VectorizedMethods.Neighbours(x), VectorizedMethods.NeighboursWithGradient(x, gradient), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.Neighbours(q), x), gradient, 1e-7);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogOfSum_VectorizedInBothSweepsApart_MatchesFiniteDifferences(int n)
    {
        double[] x = Points(n + 1, seed: 500 + n);
        var gradient = new double[n + 1];
        CheckValue(VectorizedMethods.LogSum(x), VectorizedMethods.LogSumWithGradient(x, gradient), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.LogSum(q), x), gradient, 1e-7);
    }

    [Fact]
    public void ShorterGradientBuffer_IsAnError_NamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorizedMethods.TanhExpWithGradient(new double[40], new double[39]));
        Assert.Contains("xGrad", error.Message);
        Assert.Contains("'x'", error.Message);
    }

    /// <summary>
    /// The documented bound on a vectorized sum's value (README, "Vectorized loops"): within
    /// <paramref name="unit"/> x sqrt(n + 1) x the sum of the terms' magnitudes (here bounded by sum |value| + n).
    /// </summary>
    private static void CheckValue(double expected, double actual, int n, double unit)
    {
        double bound = unit * Math.Sqrt(n + 1) * (Math.Abs(expected) + n + 1);
        Assert.True(Math.Abs(actual - expected) <= bound, $"value {actual:R}, method {expected:R}, bound {bound:E2} (n = {n})");
    }

    private static double[] Points(int n, int seed)
    {
        var random = new Random(seed);
        // Float-representable, so float and double see the same inputs.
        return Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 4) - 2)).ToArray();
    }
}

/// <summary>The loop shapes VectorizedLoopTests differentiates: each is vectorized by the generator.</summary>
public static partial class VectorizedMethods
{
    [Differentiable]
    public static double TanhExp(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Tanh((0.75 * x[i]) - 0.25);
            sum += t * t * Math.Exp(-x[i]);
        }

        return sum;
    }

    [Differentiable]
    public static float TanhExp(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float t = MathF.Tanh((0.75f * x[i]) - 0.25f);
            sum += t * t * MathF.Exp(-x[i]);
        }

        return sum;
    }

    [Differentiable]
    public static double Weighted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i] * Math.Exp(b[i] * 0.5)) - (b[i] / 3);
        }

        return sum;
    }

    [Differentiable]
    public static float Weighted(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i] * MathF.Exp(b[i] * 0.5f)) - (b[i] / 3);
        }

        return sum;
    }

    [Differentiable]
    public static double SquaredTanh(ReadOnlySpan<double> x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Tanh(x[i]) * 2;
        }

        double sum = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            sum -= y[i] * y[i];
        }

        return sum;
    }

    [Differentiable]
    public static float SquaredTanh(ReadOnlySpan<float> x)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Tanh(x[i]) * 2;
        }

        float sum = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            sum -= y[i] * y[i];
        }

        return sum;
    }

    [Differentiable]
    public static double LogSum(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] * 0.5);
        }

        return Math.Log(sum);
    }

    [Differentiable]
    public static double Neighbours(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 1; i < x.Length; i++)
        {
            sum += x[i] * Math.Exp(-x[i - 1]);
        }

        return sum;
    }
}
