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

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReluLayer_VectorizedWithPerLaneSelects_MatchesFiniteDifferences(int n)
    {
        double[] p = Points(2 * n, seed: 600 + n);
        double F(double[] q) => VectorizedMethods.ReluLayer(q.AsSpan(0, n), q.AsSpan(n, n));
        var gx = new double[n];
        var gb = new double[n];
        CheckValue(F(p), VectorizedMethods.ReluLayerWithGradient(p.AsSpan(0, n), p.AsSpan(n, n), gx, gb), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gx, .. gb], 1e-7);

        float[] xf = p[..n].Select(v => (float)v).ToArray(), bf = p[n..].Select(v => (float)v).ToArray();
        var gxf = new float[n];
        var gbf = new float[n];
        CheckValue(VectorizedMethods.ReluLayer(xf, bf), VectorizedMethods.ReluLayerWithGradient(xf, bf, gxf, gbf), n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gxf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MaxAndAbs_ReverseMasks_MatchFiniteDifferences(int n)
    {
        double[] p = Points(2 * n, seed: 700 + n);
        double F(double[] q) => VectorizedMethods.MaxAbs(q.AsSpan(0, n), q.AsSpan(n, n));
        var ga = new double[n];
        var gb = new double[n];
        CheckValue(F(p), VectorizedMethods.MaxAbsWithGradient(p.AsSpan(0, n), p.AsSpan(n, n), ga, gb), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. ga, .. gb], 1e-7);

        float[] af = p[..n].Select(v => (float)v).ToArray(), bf = p[n..].Select(v => (float)v).ToArray();
        var gaf = new float[n];
        var gbf = new float[n];
        CheckValue(VectorizedMethods.MaxAbs(af, bf), VectorizedMethods.MaxAbsWithGradient(af, bf, gaf, gbf), n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gaf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BranchesByElement_IfConverted_MatchFiniteDifferences(int n)
    {
        double[] p = Points(2 * n, seed: 800 + n);
        double[] x = p[..n], t = p[n..];
        var gradient = new double[n];
        CheckValue(VectorizedMethods.Huber(x, t), VectorizedMethods.HuberWithGradient(x, t, gradient), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.Huber(q, t), x), gradient, 1e-7, "Huber gradient");

        float[] xf = x.Select(v => (float)v).ToArray(), tf = t.Select(v => (float)v).ToArray();
        var gradientF = new float[n];
        CheckValue(VectorizedMethods.Huber(xf, tf), VectorizedMethods.HuberWithGradient(xf, tf, gradientF), n, 1e-6);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => VectorizedMethods.Huber(q, t), x), gradientF.Select(v => (double)v).ToArray(), 1e-4, "float Huber gradient");

        double F(double[] q) => VectorizedMethods.Leaky(q.AsSpan(0, n), q.AsSpan(n, n));
        var gx = new double[n];
        var gw = new double[n];
        CheckValue(F(p), VectorizedMethods.LeakyWithGradient(x, t, gx, gw), n, 1e-15);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gx, .. gw], 1e-7, "Leaky gradient");
    }

    [Fact]
    public void BranchReadingPastAShortArray_NeverReadsIt_OnTheVectorPathOrOff()
    {
        // The branch reads w[i] only where x[i] > 0, which holds only inside w: the loop as written never reads past w.
        // The vector lanes would read both sides, so their guard (every element in bounds) sends the loop to its scalar form.
        double[] x = Enumerable.Range(0, 40).Select(i => i < 20 ? 1.0 + i : -1.0).ToArray();
        double[] w = Enumerable.Range(0, 20).Select(i => 0.5 * i).ToArray();
        var gx = new double[x.Length];
        var gw = new double[w.Length];
        double value = VectorizedMethods.WhereWithGradient(x, w, gx, gw);
        Assert.Equal(VectorizedMethods.Where(x, w), value);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(i < 20 ? w[i] : 0, gx[i]);
        }

        Assert.Equal(x[..20], gw);
    }

    [Fact]
    public void Relu_InVectorLanes_GatesTheAdjoint_AtZeroNaNAndInfinity()
    {
        // Every lane kind in each vector and in the scalar tail (37 = 2 x 16 + 5): the adjoint passes where x > 0 or x
        // is NaN and is dropped (0, not inf x 0 = NaN) where x <= 0, -0 included, as Relu's companion does.
        float[] pattern = [2f, -1f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f];
        float[] x = Enumerable.Range(0, 37).Select(i => pattern[i % pattern.Length]).ToArray();
        var gradient = new float[x.Length];
        VectorizedMethods.ReluSumWithGradient(x, gradient, float.PositiveInfinity);
        for (int i = 0; i < x.Length; i++)
        {
            float expected = x[i] > 0 || float.IsNaN(x[i]) ? float.PositiveInfinity : 0f;
            float single = 0f;
            Functions.ReluWithGradient(x[i], ref single, float.PositiveInfinity);
            Assert.Equal(expected, single);
            Assert.True(expected.Equals(gradient[i]), $"x[{i}] = {x[i]:R}: gradient {gradient[i]:R}, expected {expected:R}");
        }

        Assert.True(float.IsNaN(VectorizedMethods.ReluSum(x)));
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

    /// <summary>A hidden layer's activation, as W2 writes it: a Relu map into a local array, then a reduction over it.</summary>
    [Differentiable]
    public static double ReluLayer(ReadOnlySpan<double> x, ReadOnlySpan<double> b)
    {
        var h = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double sum = b[k] + (x[k] * 1.5);
            h[k] = Functions.Relu(sum);
        }

        double total = 0;
        for (int k = 0; k < x.Length; k++)
        {
            total += h[k] * h[k] * x[k];
        }

        return total;
    }

    /// <inheritdoc cref="ReluLayer(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float ReluLayer(ReadOnlySpan<float> x, ReadOnlySpan<float> b)
    {
        var h = new float[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            float sum = b[k] + (x[k] * 1.5f);
            h[k] = Functions.Relu(sum);
        }

        float total = 0;
        for (int k = 0; k < x.Length; k++)
        {
            total += h[k] * h[k] * x[k];
        }

        return total;
    }

    /// <summary>Max and Abs, whose derivatives select by per-lane comparisons (and a NaN test) in the reverse loop.</summary>
    [Differentiable]
    public static double MaxAbs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Max(a[i], b[i]) * a[i] + Math.Abs(b[i] - 0.5);
        }

        return sum;
    }

    /// <inheritdoc cref="MaxAbs(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float MaxAbs(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += MathF.Max(a[i], b[i]) * a[i] + MathF.Abs(b[i] - 0.5f);
        }

        return sum;
    }

    /// <summary>The Huber loss, branching on each error: if-converted in its fused vector loop.</summary>
    [Differentiable]
    public static double Huber(ReadOnlySpan<double> p, [NoGrad] ReadOnlySpan<double> t)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = p[i] - t[i];
            if (Math.Abs(e) <= 1)
            {
                sum += 0.5 * e * e;
            }
            else
            {
                sum += Math.Abs(e) - 0.5;
            }
        }

        return sum / Math.Max(1, p.Length);
    }

    /// <inheritdoc cref="Huber(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float Huber(ReadOnlySpan<float> p, [NoGrad] ReadOnlySpan<float> t)
    {
        float sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float e = p[i] - t[i];
            if (MathF.Abs(e) <= 1)
            {
                sum += 0.5f * e * e;
            }
            else
            {
                sum += MathF.Abs(e) - 0.5f;
            }
        }

        return sum / Math.Max(1, p.Length);
    }

    /// <summary>A leaky ReLU written inline, into a local array: both sides assign the element.</summary>
    [Differentiable]
    public static double Leaky(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        var h = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double z = x[k] * w[k];
            if (z > 0)
            {
                h[k] = z;
            }
            else
            {
                h[k] = 0.1 * z;
            }
        }

        double total = 0;
        for (int k = 0; k < x.Length; k++)
        {
            total += h[k] * h[k];
        }

        return total;
    }

    /// <summary>Reads w[i] only where x[i] is positive (w may be shorter than x).</summary>
    [Differentiable]
    public static double Where(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0)
            {
                sum += w[i] * x[i];
            }
        }

        return sum;
    }

    [Differentiable]
    public static float ReluSum(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Functions.Relu(x[i]);
        }

        return sum;
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
