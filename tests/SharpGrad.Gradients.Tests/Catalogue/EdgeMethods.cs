namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Corners: names that clash with generated ones, modifiers, containing types, values changed after the loops that read them.</summary>
public static partial class EdgeMethods
{
    /// <summary>Parameters and locals named like the generated code's own variables.</summary>
    [Differentiable]
    public static double GeneratedNames(double x, double xGrad, double outputGradient, double result)
    {
        double tape = x * xGrad;
        double d_x = tape + outputGradient;
        double t0 = d_x * result;
        double trips = t0 - x;
        return (trips * x) + tape;
    }

    /// <summary>An 'in' parameter.</summary>
    [Differentiable]
    public static double InParameter(in double x, double y) => (x * y) + Math.Exp(x);

    /// <summary>Constant locals and float literals in double code.</summary>
    [Differentiable]
    public static double ConstantLocals(double a)
    {
        const double half = 0.5;
        const int three = 3;
        return (half * a * a) + (three * a) + (2f * a);
    }

    /// <summary>A loop's bound changed after the loop: the reverse sweep must replay the first loop with the old bound.</summary>
    [Differentiable]
    public static double BoundChangedAfterLoop(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += v[i] * v[i];
        }

        n = 2;
        for (int i = 0; i < n; i++)
        {
            sum += v[i] * sum;
        }

        return sum;
    }

    /// <summary>A factor read in a loop and overwritten after it.</summary>
    [Differentiable]
    public static double FactorChangedAfterLoop(ReadOnlySpan<double> v, double a)
    {
        double w = a * a;
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += w * v[i];
        }

        w = Math.Sin(a);
        return sum * w;
    }

    /// <summary>Sibling scopes reusing one name with different types.</summary>
    [Differentiable]
    public static double SiblingScopesReuseNames(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double k = v[i] * 2;
            sum += k * k;
        }

        for (int i = 0; i < v.Length; i++)
        {
            int k = i * 2;
            sum += v[i] * k;
        }

        return sum;
    }

    /// <summary>An index chosen by ?: and by Math.Max/Min/Abs on ints.</summary>
    [Differentiable]
    public static double IntMathInIndices(ReadOnlySpan<double> v, double a)
    {
        int first = a > 0 ? 1 : 2;
        int last = Math.Min(v.Length - 1, Math.Max(first + 1, Math.Abs(-3)));
        return (v[first] * a) + (v[last] * v[last]) - v[Math.Sign(-a) + 1];
    }

    /// <summary>A private differentiable method, called by a public one.</summary>
    [Differentiable]
    private static double PrivateSquare(double x) => x * x;

    [Differentiable]
    public static double CallsPrivate(double x) => PrivateSquare(x + 1) * x;

    /// <summary>Self-negation and a variable assigned from itself through a call.</summary>
    [Differentiable]
    public static double SelfAssignments(double a)
    {
        double x = a;
        x = -x;
        x = ArithmeticMethods.Square(x) + x;
        x = Math.Max(x, x * 0.5);
        return x;
    }

    /// <summary>A differentiated span read whole by a callee, then overwritten in place, then read whole again.</summary>
    [Differentiable]
    public static double CallThenOverwrite(Span<double> x)
    {
        double before = Functions.LogSumExp(x);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= before;
        }

        return Functions.LogSumExp(x) + before;
    }

    /// <summary>In-place updates that read neighbours already overwritten in the same sweep (wrapping around).</summary>
    [Differentiable]
    public static double CyclicInPlace(double[] x)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            x[i] *= x[(i + 1) % n] + 1;
            x[i] += x[(i + n - 1) % n] * 0.5;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>An int local used as an index and overwritten every iteration: the reverse sweep must restore it.</summary>
    [Differentiable]
    public static double IntLocalIndexOverwritten(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        int k = 0;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            k = (i * 3 + k) % n;
            s += v[k] * v[i] * s + v[k];
        }

        return s;
    }

    /// <summary>Local arrays whose lengths are expressions, read through index arithmetic on their lengths.</summary>
    [Differentiable]
    public static double LocalArrayLengths(ReadOnlySpan<double> v)
    {
        double[] a = new double[v.Length + 1];
        double[] b = new double[2 * v.Length];
        for (int i = 0; i < a.Length - 1; i++)
        {
            a[i + 1] = a[i] + v[i];
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = a[i % (a.Length - 1) + 1] * v[i / 2];
        }

        double sum = 0;
        for (int i = 0; i < b.Length; i++)
        {
            sum += b[i] * b[i] / b.Length;
        }

        return sum;
    }

    /// <summary>Doubles x[0] in place and returns it.</summary>
    [Differentiable]
    public static double DoubleFirstInPlace(Span<double> x)
    {
        x[0] = 2 * x[0];
        return x[0];
    }

    /// <summary>A data span passed to a differentiated span parameter: the callee's gradient for it is discarded.</summary>
    [Differentiable]
    public static double DataToDifferentiatedCallee(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x) => Functions.Dot(w, x) * Functions.Dot(x, w);

    public static partial class Nested
    {
        /// <summary>A method in a nested partial class.</summary>
        [Differentiable]
        public static double Inner(double a) => Math.Cos(a) * a;
    }
}

/// <summary>A partial struct with a static and an instance method.</summary>
public partial struct EdgeStruct
{
    [Differentiable]
    public static double Static(double a, double b) => a / (1 + (b * b));

    [Differentiable]
    public readonly double Instance(double a) => a * a * a;
}

internal static class EdgeCases
{
    public static IEnumerable<GradientCase> All =>
    [
        new GradientCase(
            "EdgeMethods.GeneratedNames",
            Domains.Signed(4),
            p => EdgeMethods.GeneratedNames(p[0], p[1], p[2], p[3]),
            (p, g, seed) =>
            {
                // Positional: the companion's own buffers and seed were renamed around the parameters.
                double a = 0, b = 0, c = 0, d = 0;
                double value = EdgeMethods.GeneratedNamesWithGradient(p[0], p[1], p[2], p[3], ref a, ref b, ref c, ref d, seed);
                g[0] += a;
                g[1] += b;
                g[2] += c;
                g[3] += d;
                return value;
            },
            4),
        Cases.Of(
            "EdgeMethods.InParameter",
            Domains.Signed(2),
            p => EdgeMethods.InParameter(p[0], p[1]),
            (p, g, seed) => EdgeMethods.InParameterWithGradient(p[0], p[1], ref g[0], ref g[1], seed)),
        Cases.Of(EdgeMethods.ConstantLocals, EdgeMethods.ConstantLocalsWithGradient),
        Cases.OfSpan("EdgeMethods.BoundChangedAfterLoop", 4, v => EdgeMethods.BoundChangedAfterLoop(v), (v, g, seed) => EdgeMethods.BoundChangedAfterLoopWithGradient(v, g, seed), Domains.Signed(4, 0.1, 0.8)),
        Cases.Of(
            "EdgeMethods.FactorChangedAfterLoop",
            Domains.Signed(5),
            p => EdgeMethods.FactorChangedAfterLoop(p.AsSpan(0, 4), p[4]),
            (p, g, seed) =>
            {
                double aGrad = 0;
                double value = EdgeMethods.FactorChangedAfterLoopWithGradient(p.AsSpan(0, 4), p[4], g.AsSpan(0, 4), ref aGrad, seed);
                g[4] += aGrad;
                return value;
            }),
        Cases.OfSpan("EdgeMethods.SiblingScopesReuseNames", 4, v => EdgeMethods.SiblingScopesReuseNames(v), (v, g, seed) => EdgeMethods.SiblingScopesReuseNamesWithGradient(v, g, seed)),
        Cases.Of(
            "EdgeMethods.IntMathInIndices",
            Domains.Signed(6),
            p => EdgeMethods.IntMathInIndices(p.AsSpan(0, 5), p[5]),
            (p, g, seed) =>
            {
                double aGrad = 0;
                double value = EdgeMethods.IntMathInIndicesWithGradient(p.AsSpan(0, 5), p[5], g.AsSpan(0, 5), ref aGrad, seed);
                g[5] += aGrad;
                return value;
            }),
        // PrivateSquare is reached through CallsPrivate (its companion is private too).
        Cases.Of(EdgeMethods.CallsPrivate, EdgeMethods.CallsPrivateWithGradient),
        Cases.Of(EdgeMethods.CallsPrivate, EdgeMethods.CallsPrivateWithGradient, name: "EdgeMethods.PrivateSquare"),
        Cases.Of(EdgeMethods.SelfAssignments, EdgeMethods.SelfAssignmentsWithGradient),
        Cases.OfSpan("EdgeMethods.CallThenOverwrite", 4, v => EdgeMethods.CallThenOverwrite(v.ToArray()), (v, g, seed) => EdgeMethods.CallThenOverwriteWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("EdgeMethods.IntLocalIndexOverwritten", 5, v => EdgeMethods.IntLocalIndexOverwritten(v), (v, g, seed) => EdgeMethods.IntLocalIndexOverwrittenWithGradient(v, g, seed), Domains.Signed(5, 0.1, 0.9)),
        Cases.OfSpan("EdgeMethods.CyclicInPlace", 4, v => EdgeMethods.CyclicInPlace(v.ToArray()), (v, g, seed) => EdgeMethods.CyclicInPlaceWithGradient(v.ToArray(), g, seed)),
        Cases.OfSpan("EdgeMethods.LocalArrayLengths", 4, v => EdgeMethods.LocalArrayLengths(v), (v, g, seed) => EdgeMethods.LocalArrayLengthsWithGradient(v, g, seed)),
        Cases.OfSpan("EdgeMethods.DoubleFirstInPlace", 2, v => EdgeMethods.DoubleFirstInPlace(v.ToArray()), (v, g, seed) => EdgeMethods.DoubleFirstInPlaceWithGradient(v.ToArray(), g, seed)),
        Cases.Of(
            "EdgeMethods.DataToDifferentiatedCallee",
            Domains.Signed(6),
            p => EdgeMethods.DataToDifferentiatedCallee(p.AsSpan(0, 3), p.AsSpan(3)),
            (p, g, seed) => EdgeMethods.DataToDifferentiatedCalleeWithGradient(p.AsSpan(0, 3), p.AsSpan(3), g.AsSpan(0, 3), seed),
            differentiated: 3),
        Cases.Of(EdgeMethods.Nested.Inner, EdgeMethods.Nested.InnerWithGradient, name: "Nested.Inner"),
        Cases.Of(EdgeStruct.Static, EdgeStruct.StaticWithGradient, name: "EdgeStruct.Static"),
        Cases.Of(new EdgeStruct().Instance, new EdgeStruct().InstanceWithGradient, name: "EdgeStruct.Instance"),
    ];
}

