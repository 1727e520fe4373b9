namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>for loops: counted, stepped, descending, nested, with bounds computed before the loop, carrying state.</summary>
public static partial class LoopMethods
{
    /// <summary>exp(x) by its power series: the term is overwritten at every step.</summary>
    [Differentiable]
    public static double PowerSeries(double x)
    {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 16; k++)
        {
            term *= x / k;
            sum += term;
        }

        return sum;
    }

    /// <summary>A scalar state iterated through a nonlinearity, reading the parameter at every step.</summary>
    [Differentiable]
    public static double IteratedMap(double a, double b)
    {
        double y = a;
        for (int i = 0; i < 5; i++)
        {
            y = Math.Sin(y * b) + a;
        }

        return y;
    }

    /// <summary>Newton's iteration for sqrt(a): the unrolled derivative converges to 1 / (2 sqrt(a)).</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double y = a;
        for (int i = 0; i < 8; i++)
        {
            y = y - (((y * y) - a) / (2 * y));
        }

        return y;
    }

    [Differentiable]
    public static double Product(ReadOnlySpan<double> v)
    {
        double p = 1;
        for (int i = 0; i < v.Length; i++)
        {
            p *= v[i];
        }

        return p;
    }

    /// <summary>i += 2: pairs of elements.</summary>
    [Differentiable]
    public static double SteppedLoop(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length - 1; i += 2)
        {
            sum += v[i] * v[i + 1];
        }

        return sum;
    }

    /// <summary>i += 3 with a &lt;= bound that is not a multiple of the step.</summary>
    [Differentiable]
    public static double SteppedLessOrEqual(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 1; i <= v.Length - 2; i += 3)
        {
            sum += Math.Exp(v[i]) * v[i + 1];
        }

        return sum;
    }

    /// <summary>Horner's rule, descending: i--, i &gt;= 0.</summary>
    [Differentiable]
    public static double DescendingHorner(ReadOnlySpan<double> coefficients, double x)
    {
        double value = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            value = (value * x) + coefficients[i];
        }

        return value;
    }

    /// <summary>i -= 2 with i &gt; 0.</summary>
    [Differentiable]
    public static double DescendingStepped(ReadOnlySpan<double> v)
    {
        double acc = 1;
        for (int i = v.Length - 1; i > 0; i -= 2)
        {
            acc = (acc * v[i]) - v[i - 1];
        }

        return acc;
    }

    /// <summary>i -= 3 with i &gt;= 1.</summary>
    [Differentiable]
    public static double DescendingSteppedGreaterOrEqual(ReadOnlySpan<double> v, double s)
    {
        double acc = s;
        for (int i = v.Length - 1; i >= 1; i -= 3)
        {
            acc = Math.Tanh(acc + (v[i] * s));
        }

        return acc;
    }

    [Differentiable]
    public static double NestedLoops(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                sum += v[i] * v[j] / (1 + i + j);
            }
        }

        return sum;
    }

    /// <summary>The inner loop's start depends on the outer index.</summary>
    [Differentiable]
    public static double TriangularLoops(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = i + 1; j < v.Length; j++)
            {
                sum += Math.Sin(v[i] - v[j]);
            }
        }

        return sum;
    }

    [Differentiable]
    public static double TripleNested(ReadOnlySpan<double> v, double s)
    {
        double sum = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                double inner = 0;
                for (int k = j; k >= 0; k--)
                {
                    inner += v[k] * s;
                }

                sum += Math.Cos(inner) * (i + 1);
            }
        }

        return sum;
    }

    /// <summary>Bounds computed from the length, and an int local advanced inside the loop.</summary>
    [Differentiable]
    public static double ComputedBounds(ReadOnlySpan<double> v)
    {
        int half = v.Length / 2;
        int start = half - 1;
        double sum = 0;
        int weight = 1;
        for (int i = start; i < v.Length; i++)
        {
            sum += v[i] * weight;
            weight += 2;
        }

        return sum * v[0];
    }

    /// <summary>A loop-carried state through tanh, as in a recurrent cell with one unit.</summary>
    [Differentiable]
    public static double CarriedState([NoGrad] ReadOnlySpan<double> inputs, double w, double u)
    {
        double state = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            double preactivation = (w * state) + (u * inputs[t]);
            state = Math.Tanh(preactivation);
        }

        return state;
    }

    /// <summary>A loop that runs zero times for this input: the gradient comes from outside it only.</summary>
    [Differentiable]
    public static double EmptyLoop(double a)
    {
        double x = a * a;
        int n = 0;
        for (int i = 0; i < n; i++)
        {
            x = x * a;
        }

        return x;
    }

    /// <summary>A loop whose bound is an int parameter.</summary>
    [Differentiable]
    public static double IntBound(double a, int n)
    {
        double x = a;
        for (int i = 0; i < n; i++)
        {
            x = (x * a) + i;
        }

        return x;
    }
}

internal static class LoopCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(LoopMethods.PowerSeries, LoopMethods.PowerSeriesWithGradient),
        Cases.Of(LoopMethods.IteratedMap, LoopMethods.IteratedMapWithGradient, Domains.Signed(2, 0.2, 1.2)),
        Cases.Of(LoopMethods.NewtonSqrt, LoopMethods.NewtonSqrtWithGradient, Domains.Between(1, 0.3, 3)),
        Cases.OfSpan("LoopMethods.Product", 5, v => LoopMethods.Product(v), (v, g, seed) => LoopMethods.ProductWithGradient(v, g, seed)),
        Cases.OfSpan("LoopMethods.SteppedLoop", 7, v => LoopMethods.SteppedLoop(v), (v, g, seed) => LoopMethods.SteppedLoopWithGradient(v, g, seed)),
        Cases.OfSpan("LoopMethods.SteppedLessOrEqual", 9, v => LoopMethods.SteppedLessOrEqual(v), (v, g, seed) => LoopMethods.SteppedLessOrEqualWithGradient(v, g, seed)),
        Cases.Of(
            "LoopMethods.DescendingHorner",
            Domains.Signed(6),
            p => LoopMethods.DescendingHorner(p.AsSpan(0, 5), p[5]),
            (p, g, seed) =>
            {
                double xGrad = 0;
                double value = LoopMethods.DescendingHornerWithGradient(p.AsSpan(0, 5), p[5], g.AsSpan(0, 5), ref xGrad, seed);
                g[5] += xGrad;
                return value;
            }),
        Cases.OfSpan("LoopMethods.DescendingStepped", 7, v => LoopMethods.DescendingStepped(v), (v, g, seed) => LoopMethods.DescendingSteppedWithGradient(v, g, seed)),
        Cases.Of(
            "LoopMethods.DescendingSteppedGreaterOrEqual",
            Domains.Signed(9),
            p => LoopMethods.DescendingSteppedGreaterOrEqual(p.AsSpan(0, 8), p[8]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = LoopMethods.DescendingSteppedGreaterOrEqualWithGradient(p.AsSpan(0, 8), p[8], g.AsSpan(0, 8), ref sGrad, seed);
                g[8] += sGrad;
                return value;
            }),
        Cases.OfSpan("LoopMethods.NestedLoops", 4, v => LoopMethods.NestedLoops(v), (v, g, seed) => LoopMethods.NestedLoopsWithGradient(v, g, seed)),
        Cases.OfSpan("LoopMethods.TriangularLoops", 5, v => LoopMethods.TriangularLoops(v), (v, g, seed) => LoopMethods.TriangularLoopsWithGradient(v, g, seed)),
        Cases.Of(
            "LoopMethods.TripleNested",
            Domains.Signed(5, 0.1, 0.8),
            p => LoopMethods.TripleNested(p.AsSpan(0, 4), p[4]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = LoopMethods.TripleNestedWithGradient(p.AsSpan(0, 4), p[4], g.AsSpan(0, 4), ref sGrad, seed);
                g[4] += sGrad;
                return value;
            }),
        Cases.OfSpan("LoopMethods.ComputedBounds", 7, v => LoopMethods.ComputedBounds(v), (v, g, seed) => LoopMethods.ComputedBoundsWithGradient(v, g, seed)),
        Cases.Of(
            "LoopMethods.CarriedState",
            Domains.Signed(8),
            p => LoopMethods.CarriedState(p.AsSpan(2), p[0], p[1]),
            (p, g, seed) => LoopMethods.CarriedStateWithGradient(p.AsSpan(2), p[0], p[1], ref g[0], ref g[1], seed),
            differentiated: 2),
        Cases.Of(LoopMethods.EmptyLoop, LoopMethods.EmptyLoopWithGradient),
        Cases.Of(
            "LoopMethods.IntBound",
            Domains.Signed(1, 0.2, 1.2),
            p => LoopMethods.IntBound(p[0], 4),
            (p, g, seed) => LoopMethods.IntBoundWithGradient(p[0], 4, ref g[0], seed)),
    ];
}
