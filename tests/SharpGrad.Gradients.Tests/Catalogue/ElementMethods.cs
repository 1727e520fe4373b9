namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Arrays and spans: parameters of each kind, element writes, local arrays, in-place overwrites, index arithmetic.</summary>
public static partial class ElementMethods
{
    /// <summary>A T[] parameter.</summary>
    [Differentiable]
    public static double ArrayParameter(double[] v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += (i + 1) * v[i] * v[i];
        }

        return sum;
    }

    /// <summary>A Span&lt;T&gt; parameter, only read.</summary>
    [Differentiable]
    public static double SpanParameter(Span<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Sin(v[i]) * v[v.Length - 1 - i];
        }

        return sum;
    }

    /// <summary>Index arithmetic: reversed, strided and modular indices, and the last element.</summary>
    [Differentiable]
    public static double IndexArithmetic(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double sum = v[n - 1] * v[0];
        for (int i = 0; i < n / 2; i++)
        {
            sum += v[(2 * i) + 1] * v[(i * 3) % n];
        }

        return sum;
    }

    /// <summary>Elements picked by an int span of indices (data), with repeats.</summary>
    [Differentiable]
    public static double Gather(ReadOnlySpan<double> v, ReadOnlySpan<int> indices)
    {
        double sum = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            double picked = v[indices[i]];
            sum += picked * picked * (i + 1);
        }

        return sum;
    }

    /// <summary>A local array from new T[n], filled then read.</summary>
    [Differentiable]
    public static double LocalArray(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] squares = new double[n];
        for (int i = 0; i < n; i++)
        {
            squares[i] = v[i] * v[i];
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += squares[i] * squares[n - 1 - i];
        }

        return sum;
    }

    /// <summary>A local span from stackalloc: running prefix sums, each element reading the previous one.</summary>
    [Differentiable]
    public static double StackallocPrefixSums(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        Span<double> prefix = stackalloc double[n];
        prefix[0] = v[0];
        for (int i = 1; i < n; i++)
        {
            prefix[i] = prefix[i - 1] + Math.Exp(v[i] * 0.5);
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Log(1 + (prefix[i] * prefix[i]));
        }

        return sum;
    }

    /// <summary>A local array overwritten in place every sweep, each element from its neighbours' old and new values.</summary>
    [Differentiable]
    public static double SmoothingSweeps(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = v[i];
        }

        for (int sweep = 0; sweep < 3; sweep++)
        {
            for (int i = 1; i < n - 1; i++)
            {
                u[i] = (u[i - 1] + (u[i] * u[i]) + u[i + 1]) * 0.3;
            }
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += u[i];
        }

        return sum;
    }

    /// <summary>A differentiated Span parameter overwritten in place: the gradient is with respect to the values passed in.</summary>
    [Differentiable]
    public static double InPlaceSpan(Span<double> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Tanh(x[i]) * 2;
        }

        for (int i = x.Length - 1; i > 0; i--)
        {
            x[i - 1] = x[i - 1] * x[i];
        }

        return x[0];
    }

    /// <summary>A differentiated array parameter overwritten in place, the same element twice.</summary>
    [Differentiable]
    public static double InPlaceArrayTwice(double[] x)
    {
        x[0] = x[0] * x[1];
        x[0] = x[0] + (x[0] * x[2]);
        x[1] = x[0] - x[1];
        return x[0] + (x[1] * x[1]);
    }

    /// <summary>A data span ([NoGrad]) used as scratch: written with parameter-dependent values and read back.</summary>
    [Differentiable]
    public static double ScratchOutput(ReadOnlySpan<double> v, [NoGrad] Span<double> scratch)
    {
        for (int i = 0; i < v.Length; i++)
        {
            scratch[i] = Math.Exp(v[i]) - v[i];
        }

        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += scratch[i] * scratch[(i + 1) % v.Length];
        }

        return sum;
    }

    /// <summary>Swapping two elements of a local array through a temporary.</summary>
    [Differentiable]
    public static double SwapElements(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = v[i] * (i + 1);
        }

        for (int i = 0; i < n / 2; i++)
        {
            double t = a[i];
            a[i] = a[n - 1 - i];
            a[n - 1 - i] = t;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[i] * (i + 1) * a[i];
        }

        return sum;
    }

    /// <summary>A matrix-vector product into a local array, then its squared norm.</summary>
    [Differentiable]
    public static double MatrixVector(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x)
    {
        int columns = x.Length;
        int rows = matrix.Length / columns;
        Span<double> y = stackalloc double[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                y[r] += matrix[(r * columns) + c] * x[c];
            }
        }

        double norm = 0;
        for (int r = 0; r < rows; r++)
        {
            norm += y[r] * y[r];
        }

        return norm;
    }

    /// <summary>Elements written inside a branch.</summary>
    [Differentiable]
    public static double ConditionalWrites(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (v[i] > 0)
            {
                w[i] = v[i] * v[i];
            }
            else
            {
                w[i] = -v[i] * 3;
            }
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += w[i] * v[(i + 1) % n];
        }

        return sum;
    }

    /// <summary>Compound assignment and ++ on elements.</summary>
    [Differentiable]
    public static double ElementCompoundAssignment(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] += v[i];
            a[i] *= v[i] + 1;
            a[i]++;
            a[i] /= 2 + (v[i] * v[i]);
            a[i] -= v[(i + 2) % n];
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[i] * a[i];
        }

        return sum;
    }

    /// <summary>A float[] parameter and a float local array.</summary>
    [Differentiable]
    public static float FloatArrays(float[] v)
    {
        int n = v.Length;
        float[] h = new float[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = MathF.Tanh(v[i]) * v[(i + 1) % n];
        }

        float sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += h[i] * h[i];
        }

        return sum;
    }

    /// <summary>Two local arrays, one the running state of the other (a two-register recurrence).</summary>
    [Differentiable]
    public static double TwoLocalArrays(ReadOnlySpan<double> v, double decay)
    {
        int n = v.Length;
        double[] fast = new double[n];
        Span<double> slow = stackalloc double[n];
        fast[0] = v[0];
        slow[0] = v[0] * decay;
        for (int i = 1; i < n; i++)
        {
            fast[i] = (fast[i - 1] * decay) + v[i];
            slow[i] = (slow[i - 1] * decay) + (fast[i] * (1 - decay));
        }

        return slow[n - 1] + fast[n - 1];
    }
}

internal static class ElementCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.OfSpan("ElementMethods.ArrayParameter", 5, v => ElementMethods.ArrayParameter(v), (v, g, seed) => ElementMethods.ArrayParameterWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("ElementMethods.SpanParameter", 5, v => ElementMethods.SpanParameter(v), (v, g, seed) => ElementMethods.SpanParameterWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("ElementMethods.IndexArithmetic", 7, v => ElementMethods.IndexArithmetic(v), (v, g, seed) => ElementMethods.IndexArithmeticWithGradient(v, g, seed)),
        Cases.OfSpan("ElementMethods.Gather", 4, v => ElementMethods.Gather(v, (int[])[3, 0, 3, 1, 3]), (v, g, seed) => ElementMethods.GatherWithGradient(v, (int[])[3, 0, 3, 1, 3], g, seed)),
        Cases.OfSpan("ElementMethods.LocalArray", 5, v => ElementMethods.LocalArray(v), (v, g, seed) => ElementMethods.LocalArrayWithGradient(v, g, seed)),
        Cases.OfSpan("ElementMethods.StackallocPrefixSums", 5, v => ElementMethods.StackallocPrefixSums(v), (v, g, seed) => ElementMethods.StackallocPrefixSumsWithGradient(v, g, seed)),
        Cases.OfSpan("ElementMethods.SmoothingSweeps", 6, v => ElementMethods.SmoothingSweeps(v), (v, g, seed) => ElementMethods.SmoothingSweepsWithGradient(v, g, seed), Domains.Signed(6, 0.1, 1.0)),
        // The method overwrites its argument: every call gets a fresh copy.
        Cases.OfSpan("ElementMethods.InPlaceSpan", 5, v => ElementMethods.InPlaceSpan(v.ToArray()), (v, g, seed) => ElementMethods.InPlaceSpanWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("ElementMethods.InPlaceArrayTwice", 3, v => ElementMethods.InPlaceArrayTwice(v.ToArray()), (v, g, seed) => ElementMethods.InPlaceArrayTwiceWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("ElementMethods.ScratchOutput", 4, v => ElementMethods.ScratchOutput(v, new double[4]), (v, g, seed) => ElementMethods.ScratchOutputWithGradient(v, new double[4], g, seed)),
        Cases.OfSpan("ElementMethods.SwapElements", 5, v => ElementMethods.SwapElements(v), (v, g, seed) => ElementMethods.SwapElementsWithGradient(v, g, seed)),
        Cases.Of(
            "ElementMethods.MatrixVector",
            Domains.Signed(9),
            p => ElementMethods.MatrixVector(p.AsSpan(0, 6), p.AsSpan(6, 3)),
            (p, g, seed) => ElementMethods.MatrixVectorWithGradient(p.AsSpan(0, 6), p.AsSpan(6, 3), g.AsSpan(0, 6), g.AsSpan(6, 3), seed)),
        Cases.OfSpan("ElementMethods.ConditionalWrites", 5, v => ElementMethods.ConditionalWrites(v), (v, g, seed) => ElementMethods.ConditionalWritesWithGradient(v, g, seed)),
        Cases.OfSpan("ElementMethods.ElementCompoundAssignment", 4, v => ElementMethods.ElementCompoundAssignment(v), (v, g, seed) => ElementMethods.ElementCompoundAssignmentWithGradient(v, g, seed)),
        new GradientCase(
            "ElementMethods.FloatArrays",
            Domains.AsFloats(Domains.Signed(4)),
            p => ElementMethods.FloatArrays(p.Select(v => (float)v).ToArray()),
            (p, g, seed) =>
            {
                var floatGrad = new float[p.Length];
                float value = ElementMethods.FloatArraysWithGradient(p.Select(v => (float)v).ToArray(), floatGrad, (float)seed);
                for (int i = 0; i < p.Length; i++)
                {
                    g[i] += floatGrad[i];
                }

                return value;
            },
            4,
            p =>
            {
                double sum = 0;
                for (int i = 0; i < p.Length; i++)
                {
                    double h = Math.Tanh(p[i]) * p[(i + 1) % p.Length];
                    sum += h * h;
                }

                return sum;
            },
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance),
        Cases.Of(
            "ElementMethods.TwoLocalArrays",
            Domains.Concat(Domains.Signed(5), Domains.Between(1, 0.1, 0.9)),
            p => ElementMethods.TwoLocalArrays(p.AsSpan(0, 5), p[5]),
            (p, g, seed) =>
            {
                double decayGrad = 0;
                double value = ElementMethods.TwoLocalArraysWithGradient(p.AsSpan(0, 5), p[5], g.AsSpan(0, 5), ref decayGrad, seed);
                g[5] += decayGrad;
                return value;
            }),
    ];
}
