namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Layers written sample by sample, whose loop nests become matrix products (Kernels/MatrixProductSelection.cs): the
/// dot products before the sample loop, the weight gradient's row updates after it. Gradients against central
/// differences in double and float over sample counts, row counts and row lengths around the blocks of four and the
/// vector widths, rows that start at an offset and a sample loop that skips its first sample; one array passed for two
/// gradients (both updates must land), and a weight matrix the loop itself changes (no product may be taken before it).
/// GeneratedCodeTests checks which nests became products.
/// </summary>
public sealed class MatrixProductTests
{
    public static readonly TheoryData<int, int, int> Shapes = new()
    {
        { 0, 3, 5 }, { 1, 1, 1 }, { 2, 5, 7 }, { 3, 4, 16 }, { 5, 9, 17 }, { 6, 4, 33 }, { 9, 6, 64 }, { 4, 5, 70 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Layer_MatchesFiniteDifferences(int count, int hidden, int inputs)
    {
        double[] x = Points((count * inputs) + 2, seed: count + (10 * inputs));
        double[] p = Points((hidden * inputs) + hidden, seed: hidden + (100 * inputs));
        double F(double[] q) => MatrixProductMethods.Layer(q.AsSpan(0, hidden * inputs), q.AsSpan(hidden * inputs, hidden), x, inputs);
        var gw = new double[hidden * inputs];
        var gb = new double[hidden];
        Close(F(p), MatrixProductMethods.LayerWithGradient(p[..(hidden * inputs)], p[(hidden * inputs)..], x, inputs, gw, gb), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gb], 1e-7);

        var gwf = new float[hidden * inputs];
        var gbf = new float[hidden];
        Close(F(p), MatrixProductMethods.LayerWithGradient(Single(p[..(hidden * inputs)]), Single(p[(hidden * inputs)..]), Single(x), inputs, gwf, gbf), 1e-4);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gwf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-3, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputsToo_MatchFiniteDifferences(int count, int hidden, int inputs)
    {
        // The inputs' gradient (rows indexed by the sample, the weights' by the row) stays a row update per sample; the weights' becomes a product.
        double[] p = Points((hidden * inputs) + (count * inputs), seed: 7 + count + hidden + inputs);
        double F(double[] q) => MatrixProductMethods.InputsToo(q.AsSpan(0, hidden * inputs), q.AsSpan(hidden * inputs), hidden);
        var gw = new double[hidden * inputs];
        var gx = new double[count * inputs];
        Close(F(p), MatrixProductMethods.InputsTooWithGradient(p[..(hidden * inputs)], p[(hidden * inputs)..], hidden, gw, gx), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gx], 1e-7);

        var gwf = new float[hidden * inputs];
        var gxf = new float[count * inputs];
        Close(F(p), MatrixProductMethods.InputsTooWithGradient(Single(p[..(hidden * inputs)]), Single(p[(hidden * inputs)..]), hidden, gwf, gxf), 1e-4);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gwf.Select(v => (double)v), .. gxf.Select(v => (double)v)], 1e-3, "float gradient");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OneArrayForBothWeightGradients_ReceivesBothProducts(int count, int hidden, int inputs)
    {
        double[] x = Points(count * inputs, seed: 50 + count);
        double[] w = Points(hidden * inputs, seed: 60 + hidden), v = Points(hidden * inputs, seed: 70 + inputs);
        var gw = new double[hidden * inputs];
        var gv = new double[hidden * inputs];
        MatrixProductMethods.TwoLayersWithGradient(w, v, x, inputs, gw, gv);
        var shared = new double[hidden * inputs];
        MatrixProductMethods.TwoLayersWithGradient(w, v, x, inputs, shared, shared);
        for (int k = 0; k < shared.Length; k++)
        {
            Close(gw[k] + gv[k], shared[k], 1e-12);
        }

        var gwf = new float[hidden * inputs];
        var gvf = new float[hidden * inputs];
        MatrixProductMethods.TwoLayersWithGradient(Single(w), Single(v), Single(x), inputs, gwf, gvf);
        var sharedF = new float[hidden * inputs];
        MatrixProductMethods.TwoLayersWithGradient(Single(w), Single(v), Single(x), inputs, sharedF, sharedF);
        for (int k = 0; k < sharedF.Length; k++)
        {
            Close(gwf[k] + gvf[k], sharedF[k], 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightsChangedInTheLoop_MatchFiniteDifferences(int count, int hidden, int inputs)
    {
        double[] x = Points(count * inputs, seed: 80 + count);
        double[] w = Points(hidden * inputs, seed: 90 + inputs);
        double F(double[] q) => MatrixProductMethods.Drifting(q, x, inputs);
        var gw = new double[hidden * inputs];
        Close(F(w), MatrixProductMethods.DriftingWithGradient(w, x, inputs, gw), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, w), gw, 1e-7);

        var gwf = new float[hidden * inputs];
        Close(F(w), MatrixProductMethods.DriftingWithGradient(Single(w), Single(x), inputs, gwf), 1e-4);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, w), [.. gwf.Select(v => (double)v)], 1e-3, "float gradient");
    }

    private static float[] Single(double[] values) => [.. values.Select(v => (float)v)];

    private static void Close(double expected, double actual, double tolerance)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"value {actual:R}, method {expected:R}");

    private static double[] Points(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 1.5) - 0.75)).ToArray();
    }
}

/// <summary>The loop nests MatrixProductTests differentiates (read by GeneratedCodeTests too).</summary>
public static partial class MatrixProductMethods
{
    /// <summary>tanh(b + W x) per sample, rows of x two values into the array, the first sample skipped.</summary>
    [Differentiable]
    public static double Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoGrad] ReadOnlySpan<double> x, [NoGrad] int inputs)
    {
        int hidden = b.Length;
        int count = (x.Length - 2) / inputs;
        double total = 0;
        for (int i = 1; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double sum = b[k];
                for (int j = 0; j < inputs; j++)
                {
                    sum += w[k * inputs + j] * x[i * inputs + j + 2];
                }

                total += Math.Tanh(sum) * (k + 1);
            }
        }

        return total;
    }

    /// <inheritdoc cref="Layer(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float Layer(ReadOnlySpan<float> w, ReadOnlySpan<float> b, [NoGrad] ReadOnlySpan<float> x, [NoGrad] int inputs)
    {
        int hidden = b.Length;
        int count = (x.Length - 2) / inputs;
        float total = 0;
        for (int i = 1; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float sum = b[k];
                for (int j = 0; j < inputs; j++)
                {
                    sum += w[k * inputs + j] * x[i * inputs + j + 2];
                }

                total += MathF.Tanh(sum) * (k + 1);
            }
        }

        return total;
    }

    /// <summary>Σ sin(w[0] / 4 + W x) per sample, differentiated in both the weights and the inputs (w[0]'s gradient is also added to inside the nest).</summary>
    [Differentiable]
    public static double InputsToo(ReadOnlySpan<double> w, ReadOnlySpan<double> x, [NoGrad] int hidden)
    {
        int inputs = w.Length / hidden;
        int count = x.Length / inputs;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double sum = w[0] * 0.25;
                for (int j = 0; j < inputs; j++)
                {
                    sum += w[k * inputs + j] * x[i * inputs + j];
                }

                total += Math.Sin(sum);
            }
        }

        return total;
    }

    /// <inheritdoc cref="InputsToo(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float InputsToo(ReadOnlySpan<float> w, ReadOnlySpan<float> x, [NoGrad] int hidden)
    {
        int inputs = w.Length / hidden;
        int count = x.Length / inputs;
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float sum = w[0] * 0.25f;
                for (int j = 0; j < inputs; j++)
                {
                    sum += w[k * inputs + j] * x[i * inputs + j];
                }

                total += MathF.Sin(sum);
            }
        }

        return total;
    }

    /// <summary>Two weight matrices of one shape, each a product in the same nest: their gradient buffers may be one array.</summary>
    [Differentiable]
    public static double TwoLayers(ReadOnlySpan<double> w, ReadOnlySpan<double> v, [NoGrad] ReadOnlySpan<double> x, [NoGrad] int inputs)
    {
        int hidden = w.Length / inputs;
        int count = x.Length / inputs;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double a = 0;
                double c = 0;
                for (int j = 0; j < inputs; j++)
                {
                    a += w[k * inputs + j] * x[i * inputs + j];
                }

                for (int j = 0; j < inputs; j++)
                {
                    c += v[k * inputs + j] * x[i * inputs + j];
                }

                total += Math.Tanh(a) * Math.Cos(c);
            }
        }

        return total;
    }

    /// <inheritdoc cref="TwoLayers(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float TwoLayers(ReadOnlySpan<float> w, ReadOnlySpan<float> v, [NoGrad] ReadOnlySpan<float> x, [NoGrad] int inputs)
    {
        int hidden = w.Length / inputs;
        int count = x.Length / inputs;
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float a = 0;
                float c = 0;
                for (int j = 0; j < inputs; j++)
                {
                    a += w[k * inputs + j] * x[i * inputs + j];
                }

                for (int j = 0; j < inputs; j++)
                {
                    c += v[k * inputs + j] * x[i * inputs + j];
                }

                total += MathF.Tanh(a) * MathF.Cos(c);
            }
        }

        return total;
    }

    /// <summary>A copy of the weights that each sample shrinks: its dot products cannot be taken before the loop.</summary>
    [Differentiable]
    public static double Drifting(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x, [NoGrad] int inputs)
    {
        int n = w.Length;
        var u = new double[n];
        for (int j = 0; j < n; j++)
        {
            u[j] = w[j];
        }

        int count = x.Length / inputs;
        int hidden = n / inputs;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double sum = 0;
                for (int j = 0; j < inputs; j++)
                {
                    sum += u[k * inputs + j] * x[i * inputs + j];
                }

                total += Math.Tanh(sum);
            }

            for (int j = 0; j < n; j++)
            {
                u[j] = u[j] * 0.9;
            }
        }

        return total;
    }

    /// <inheritdoc cref="Drifting(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float Drifting(ReadOnlySpan<float> w, [NoGrad] ReadOnlySpan<float> x, [NoGrad] int inputs)
    {
        int n = w.Length;
        var u = new float[n];
        for (int j = 0; j < n; j++)
        {
            u[j] = w[j];
        }

        int count = x.Length / inputs;
        int hidden = n / inputs;
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float sum = 0;
                for (int j = 0; j < inputs; j++)
                {
                    sum += u[k * inputs + j] * x[i * inputs + j];
                }

                total += MathF.Tanh(sum);
            }

            for (int j = 0; j < n; j++)
            {
                u[j] = u[j] * 0.9f;
            }
        }

        return total;
    }
}
