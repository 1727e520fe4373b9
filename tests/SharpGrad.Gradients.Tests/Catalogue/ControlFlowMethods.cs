using CsCheck;
namespace SharpGrad.Gradients.Tests.Catalogue;

// Self-contained with ControlFlowTests.cs: while and do loops, break, continue and early return. Deleting the
// two files leaves the rest of the project building.

/// <summary>Unstructured control flow: while, do-while, break, continue and early return.</summary>
public static partial class ControlFlowMethods
{
    /// <summary>A while loop whose trip count depends on the value: halve until at most 1.</summary>
    [Differentiable]
    public static double WhileHalving(double a)
    {
        double x = a * a * 3;
        while (x > 1)
        {
            x *= 0.5;
        }

        return x * a;
    }

    /// <summary>A while loop with an int counter, reading a span.</summary>
    [Differentiable]
    public static double WhileWithCounter(ReadOnlySpan<double> v)
    {
        double sum = 0;
        int i = 0;
        while (i < v.Length)
        {
            sum += v[i] * v[i] * (i + 1);
            i++;
        }

        return sum;
    }

    /// <summary>A while loop carrying a nonlinear state.</summary>
    [Differentiable]
    public static double WhileIterated(double a, double b)
    {
        double y = a;
        int k = 0;
        while (k < 5)
        {
            y = Math.Sin(y * b) + a;
            k += 1;
        }

        return y;
    }

    /// <summary>do-while: the body runs before the first test.</summary>
    [Differentiable]
    public static double DoWhile(double a)
    {
        double y = a;
        int k = 0;
        do
        {
            y = (y * 0.5) + Math.Cos(y);
            k++;
        }
        while (k < 4);
        return y * a;
    }

    /// <summary>do-while whose condition depends on the value, with a safety bound.</summary>
    [Differentiable]
    public static double DoWhileDataDependent(double a)
    {
        double x = a;
        int n = 0;
        do
        {
            x = (x * x * 0.5) + 0.05;
            n++;
        }
        while (x > 0.2 && n < 30);
        return x + (n * a);
    }

    /// <summary>break out of a for loop at the first element below a threshold.</summary>
    [Differentiable]
    public static double BreakInFor(ReadOnlySpan<double> v, double s)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < -1)
            {
                break;
            }

            sum += v[i] * s;
        }

        return sum * s;
    }

    /// <summary>continue past negative elements.</summary>
    [Differentiable]
    public static double ContinueInFor(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < 0)
            {
                continue;
            }

            sum += Math.Sqrt(v[i]) * v[(i + 1) % v.Length];
        }

        return sum;
    }

    /// <summary>break out of a while loop once a running state saturates.</summary>
    [Differentiable]
    public static double BreakInWhile(ReadOnlySpan<double> v, double w)
    {
        double state = 0;
        int i = 0;
        while (i < v.Length)
        {
            state = Math.Tanh((state * w) + v[i]);
            if (state > 0.8)
            {
                break;
            }

            i++;
        }

        return state + (i * w);
    }

    /// <summary>continue in a while loop: the counter moves before the jump.</summary>
    [Differentiable]
    public static double ContinueInWhile(ReadOnlySpan<double> v)
    {
        double product = 1;
        int i = 0;
        while (i < v.Length)
        {
            double x = v[i];
            i++;
            if (x > 1)
            {
                continue;
            }

            product *= x + 2;
        }

        return product;
    }

    /// <summary>continue inside do-while.</summary>
    [Differentiable]
    public static double ContinueInDoWhile(ReadOnlySpan<double> v)
    {
        double sum = 0;
        int i = 0;
        do
        {
            double x = v[i];
            i++;
            if (x < 0)
            {
                continue;
            }

            sum += x * x * i;
        }
        while (i < v.Length);
        return sum;
    }

    /// <summary>break from the inner loop only.</summary>
    [Differentiable]
    public static double NestedBreak(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = i; j < v.Length; j++)
            {
                if (v[j] * v[i] < -1)
                {
                    break;
                }

                sum += v[i] * v[j];
            }
        }

        return sum;
    }

    /// <summary>Minimal: a break in an inner loop whose outer loop has no jump of its own.</summary>
    [Differentiable]
    public static double InnerBreakOnly(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                if (v[j] < 0)
                {
                    break;
                }

                sum += v[j];
            }
        }

        return sum;
    }

    /// <summary>A while loop with a break, inside a for loop without one.</summary>
    [Differentiable]
    public static double WhileBreakInsideFor(ReadOnlySpan<double> v, double s)
    {
        double total = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double x = v[i] * s;
            int k = 0;
            while (k < 10)
            {
                x = x * 0.5;
                if (Math.Abs(x) < 0.1)
                {
                    break;
                }

                k++;
            }

            total += x;
        }

        return total;
    }

    /// <summary>An early return in a branch, the usual return at the end.</summary>
    [Differentiable]
    public static double EarlyReturn(double a, double b)
    {
        if (a < 0)
        {
            return a * a * b;
        }

        double y = Math.Sin(a) * b;
        return y + a;
    }

    /// <summary>Guard clauses: several early returns in an else-if chain.</summary>
    [Differentiable]
    public static double GuardClauses(double x)
    {
        if (x < -1)
        {
            return -x;
        }

        if (x < 0)
        {
            return x * x;
        }

        double y = Math.Exp(-x);
        if (y < 0.5)
        {
            return y * 2;
        }

        return y + x;
    }

    /// <summary>A return from inside a loop: the first element above a threshold, scaled.</summary>
    [Differentiable]
    public static double ReturnFromLoop(ReadOnlySpan<double> v, double s)
    {
        double acc = 0;
        for (int i = 0; i < v.Length; i++)
        {
            acc += v[i] * s;
            if (v[i] > 1)
            {
                return acc * v[i];
            }
        }

        return acc;
    }

    /// <summary>A return from inside nested loops and a while, with a local array that is overwritten.</summary>
    [Differentiable]
    public static double ReturnFromNestedLoops(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] work = new double[n];
        for (int i = 0; i < n; i++)
        {
            work[i] = v[i];
        }

        int sweep = 0;
        while (sweep < 3)
        {
            for (int i = 1; i < n; i++)
            {
                work[i] = (work[i] * work[i - 1]) + 0.5;
                if (work[i] > 4)
                {
                    return work[i] + sweep;
                }
            }

            sweep++;
        }

        return work[n - 1];
    }

    /// <summary>A while loop on floats.</summary>
    [Differentiable]
    public static float WhileOnFloats(float a)
    {
        float x = a;
        int k = 0;
        while (k < 3)
        {
            x = MathF.Tanh(x) + (a * 0.5f);
            k++;
        }

        return x;
    }

    /// <summary>break and continue in the same loop, and an element write.</summary>
    [Differentiable]
    public static double BreakAndContinue(Span<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < -1.5)
            {
                break;
            }

            if (v[i] < 0)
            {
                continue;
            }

            v[i] = v[i] * v[i];
            sum += v[i];
        }

        return sum;
    }
}

internal static class ControlFlowCases
{
    public static IReadOnlyDictionary<string, GradientCase> All { get; } = new GradientCase[]
    {
        Cases.Of(ControlFlowMethods.WhileHalving, ControlFlowMethods.WhileHalvingWithGradient),
        Cases.OfSpan("ControlFlowMethods.WhileWithCounter", 5, v => ControlFlowMethods.WhileWithCounter(v), (v, g, seed) => ControlFlowMethods.WhileWithCounterWithGradient(v, g, seed)),
        Cases.Of(ControlFlowMethods.WhileIterated, ControlFlowMethods.WhileIteratedWithGradient, Domains.Signed(2, 0.2, 1.2)),
        Cases.Of(ControlFlowMethods.DoWhile, ControlFlowMethods.DoWhileWithGradient),
        Cases.Of(ControlFlowMethods.DoWhileDataDependent, ControlFlowMethods.DoWhileDataDependentWithGradient, Domains.Signed(1, 0.1, 1.2)),
        Cases.Of(
            "ControlFlowMethods.BreakInFor",
            Domains.Signed(7),
            p => ControlFlowMethods.BreakInFor(p.AsSpan(0, 6), p[6]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = ControlFlowMethods.BreakInForWithGradient(p.AsSpan(0, 6), p[6], g.AsSpan(0, 6), ref sGrad, seed);
                g[6] += sGrad;
                return value;
            }),
        Cases.OfSpan("ControlFlowMethods.ContinueInFor", 6, v => ControlFlowMethods.ContinueInFor(v), (v, g, seed) => ControlFlowMethods.ContinueInForWithGradient(v, g, seed)),
        Cases.Of(
            "ControlFlowMethods.BreakInWhile",
            Domains.Signed(7, 0.1, 1.5),
            p => ControlFlowMethods.BreakInWhile(p.AsSpan(0, 6), p[6]),
            (p, g, seed) =>
            {
                double wGrad = 0;
                double value = ControlFlowMethods.BreakInWhileWithGradient(p.AsSpan(0, 6), p[6], g.AsSpan(0, 6), ref wGrad, seed);
                g[6] += wGrad;
                return value;
            }),
        Cases.OfSpan("ControlFlowMethods.ContinueInWhile", 6, v => ControlFlowMethods.ContinueInWhile(v), (v, g, seed) => ControlFlowMethods.ContinueInWhileWithGradient(v, g, seed)),
        Cases.OfSpan("ControlFlowMethods.ContinueInDoWhile", 6, v => ControlFlowMethods.ContinueInDoWhile(v), (v, g, seed) => ControlFlowMethods.ContinueInDoWhileWithGradient(v, g, seed)),
        Cases.OfSpan("ControlFlowMethods.NestedBreak", 6, v => ControlFlowMethods.NestedBreak(v), (v, g, seed) => ControlFlowMethods.NestedBreakWithGradient(v, g, seed)),
        Cases.OfSpan("ControlFlowMethods.InnerBreakOnly", 5, v => ControlFlowMethods.InnerBreakOnly(v), (v, g, seed) => ControlFlowMethods.InnerBreakOnlyWithGradient(v, g, seed)),
        Cases.Of(
            "ControlFlowMethods.WhileBreakInsideFor",
            Domains.Signed(5).Where(p => ClearOfHalvingThreshold(p)),
            p => ControlFlowMethods.WhileBreakInsideFor(p.AsSpan(0, 4), p[4]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = ControlFlowMethods.WhileBreakInsideForWithGradient(p.AsSpan(0, 4), p[4], g.AsSpan(0, 4), ref sGrad, seed);
                g[4] += sGrad;
                return value;
            }),
        Cases.Of(ControlFlowMethods.EarlyReturn, ControlFlowMethods.EarlyReturnWithGradient),
        Cases.Of(ControlFlowMethods.GuardClauses, ControlFlowMethods.GuardClausesWithGradient, Domains.Signed(1, 0.1, 2.5)),
        Cases.Of(
            "ControlFlowMethods.ReturnFromLoop",
            Domains.Signed(7),
            p => ControlFlowMethods.ReturnFromLoop(p.AsSpan(0, 6), p[6]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = ControlFlowMethods.ReturnFromLoopWithGradient(p.AsSpan(0, 6), p[6], g.AsSpan(0, 6), ref sGrad, seed);
                g[6] += sGrad;
                return value;
            }),
        Cases.OfSpan("ControlFlowMethods.ReturnFromNestedLoops", 5, v => ControlFlowMethods.ReturnFromNestedLoops(v), (v, g, seed) => ControlFlowMethods.ReturnFromNestedLoopsWithGradient(v, g, seed)),
        Cases.OfFloat(
            ControlFlowMethods.WhileOnFloats,
            ControlFlowMethods.WhileOnFloatsWithGradient,
            a =>
            {
                double x = a;
                for (int k = 0; k < 3; k++)
                {
                    x = Math.Tanh(x) + (a * 0.5);
                }

                return x;
            }),
        // The method overwrites its argument: every call gets a fresh copy.
        Cases.OfSpan("ControlFlowMethods.BreakAndContinue", 6, v => ControlFlowMethods.BreakAndContinue(v.ToArray()), (v, g, seed) => ControlFlowMethods.BreakAndContinueWithGradient(v.ToArray(), g, seed)),
    }.ToDictionary(c => c.Name);

    /// <summary>
    /// Whether no halving of <c>v[i] * s</c> in <see cref="ControlFlowMethods.WhileBreakInsideFor"/> lands within
    /// 0.1 % of the 0.1 threshold: the method jumps there (the loop stops one halving earlier), and central
    /// differences straddling the jump measure the jump, not the slope.
    /// </summary>
    private static bool ClearOfHalvingThreshold(double[] point)
    {
        for (int i = 0; i < 4; i++)
        {
            double x = Math.Abs(point[i] * point[4]);
            for (int k = 0; k < 10; k++)
            {
                x *= 0.5;
                if (Math.Abs(x - 0.1) < 1e-4)
                {
                    return false;
                }
            }
        }

        return true;
    }
}