namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// Vector-valued methods: outputs written into <c>Span&lt;T&gt;</c> parameters, read back, accumulated, with and
/// without a scalar result; callers that differentiate through them, per sample in loops, with local arrays
/// and slices as inputs and outputs.
/// </summary>
public static partial class OutputMethods
{
    /// <summary>y = tanh(W x + b): one output, written, then read and rewritten in place.</summary>
    [Differentiable]
    public static void Affine(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        for (int o = 0; o < y.Length; o++)
        {
            y[o] = b[o];
            for (int j = 0; j < n; j++)
            {
                y[o] += w[(o * n) + j] * x[j];
            }

            y[o] = Math.Tanh(y[o]);
        }
    }

    /// <summary>Two outputs from one input: squares and products with the next element.</summary>
    [Differentiable]
    public static void Parts(ReadOnlySpan<double> v, Span<double> squares, Span<double> products)
    {
        for (int i = 0; i < v.Length; i++)
        {
            squares[i] = v[i] * v[i];
        }

        for (int i = 0; i < products.Length; i++)
        {
            products[i] = v[i] * v[(i + 1) % v.Length] * squares[i];
        }
    }

    /// <summary>An output (softmax probabilities) and a scalar result (their entropy).</summary>
    [Differentiable]
    public static double SoftmaxEntropy(ReadOnlySpan<double> z, [Output] Span<double> p)
    {
        double total = 0;
        for (int i = 0; i < z.Length; i++)
        {
            p[i] = Math.Exp(z[i]);
            total += p[i];
        }

        double entropy = 0;
        for (int i = 0; i < z.Length; i++)
        {
            p[i] = p[i] / total;
            entropy -= p[i] * Math.Log(p[i]);
        }

        return entropy;
    }

    /// <summary>An output read before it is written: y += x * x, so y's contents on entry flow to its contents on exit.</summary>
    [Differentiable]
    public static void AccumulateSquares(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += x[i] * x[i];
        }
    }

    /// <summary>Writes only the first half of its output: the rest keeps what the caller had there.</summary>
    [Differentiable]
    public static void ScaleFirstHalf(double scale, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length / 2; i++)
        {
            y[i] = scale * x[i];
        }
    }

    /// <summary>o[0] = w . h: the read-out of the two-layer model below.</summary>
    [Differentiable]
    public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> h, Span<double> o)
    {
        o[0] = 0;
        for (int j = 0; j < h.Length; j++)
        {
            o[0] += w[j] * h[j];
        }
    }

    /// <summary>A per-sample loop through two vector callees, with local arrays for the input, hidden and output.</summary>
    [Differentiable]
    public static double MlpLoss(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        int n = features.Length / targets.Length;
        double[] x = new double[n];
        double[] h = new double[b1.Length];
        double[] o = new double[1];
        double loss = 0;
        for (int s = 0; s < targets.Length; s++)
        {
            for (int j = 0; j < n; j++)
            {
                x[j] = features[(s * n) + j];
            }

            Affine(w1, b1, x, h);
            Dense(w2, h, o);
            double d = o[0] - targets[s];
            loss += d * d;
        }

        return loss;
    }

    /// <summary>A caller that reuses one output array: the second call overwrites what the first wrote, which is read later.</summary>
    [Differentiable]
    public static double ReusedHidden(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x)
    {
        double[] h = new double[b.Length];
        double[] g = new double[b.Length];
        Affine(w, b, x, h);
        double first = h[0] * h[1];
        Affine(w, b, h, g);
        Affine(w, b, g, h);
        return first + h[0] - (h[1] * g[0]);
    }

    /// <summary>A caller with outputs of its own, written by a callee (vector to vector), and a callee with a scalar result.</summary>
    [Differentiable]
    public static double TwoLayers(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, [Output] Span<double> y, [Output] Span<double> p)
    {
        double[] h = new double[b.Length];
        Affine(w, b, x, h);
        Affine(w, b, h, y);
        double entropy = SoftmaxEntropy(y, p);
        return entropy * y[0];
    }

    /// <summary>Callees that read or keep their outputs' previous contents: the caller's adjoint passes through them.</summary>
    [Differentiable]
    public static double ThroughAccumulation(ReadOnlySpan<double> x, double scale)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Sin(x[i]);
        }

        AccumulateSquares(x, y);
        ScaleFirstHalf(scale, x, y);
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            total += y[i] * (i + 1);
        }

        return total;
    }
}

/// <summary>Control flow in vector methods.</summary>
public static partial class OutputControlFlow
{
    /// <summary>An early 'return;' in a void method: y keeps what was written before it (and its contents on entry after it).</summary>
    [Differentiable]
    public static void PrefixProducts(ReadOnlySpan<double> x, [NoGrad] double limit, Span<double> y)
    {
        double product = 1;
        for (int i = 0; i < x.Length; i++)
        {
            product *= x[i];
            if (Math.Abs(product) > limit)
            {
                return;
            }

            y[i] = product;
        }
    }
}
