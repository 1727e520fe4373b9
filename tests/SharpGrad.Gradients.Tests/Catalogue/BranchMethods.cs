namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>if/else, else-if chains, nested branches, ?:, comparisons, &amp;&amp; || ! and bool locals.</summary>
public static partial class BranchMethods
{
    [Differentiable]
    public static double IfElse(double a, double b)
    {
        double r;
        if (a > b)
        {
            r = a * b;
        }
        else
        {
            r = a + (b * b);
        }

        return r;
    }

    [Differentiable]
    public static double IfWithoutElse(double a, double b)
    {
        double r = a;
        if (b > 0)
        {
            r *= b;
        }

        return r * a;
    }

    /// <summary>A piecewise function of four pieces (not continuous: each piece is tested inside its interval).</summary>
    [Differentiable]
    public static double ElseIfChain(double x)
    {
        double y;
        if (x < -1)
        {
            y = x * x;
        }
        else if (x < 0)
        {
            y = Math.Sin(x);
        }
        else if (x < 1)
        {
            y = Math.Exp(x) - x;
        }
        else
        {
            y = 3 / x;
        }

        return y * x;
    }

    [Differentiable]
    public static double NestedIf(double a, double b)
    {
        double r = 0;
        if (a > 0)
        {
            if (b > 0)
            {
                r = a * b;
            }
            else
            {
                r = a - b;
            }
        }
        else
        {
            r = a * a;
            if (b < a)
            {
                r += b;
            }
        }

        return r + a;
    }

    [Differentiable]
    public static double Ternary(double a, double b) => a > b ? a * a : b * b * a;

    [Differentiable]
    public static double NestedTernary(double x)
        => x < -1 ? -x : x < 0 ? x * x : x < 1 ? Math.Sqrt(x) : x * 2;

    [Differentiable]
    public static double TernaryOnInt(double a, double b)
    {
        int k = a > b ? 2 : -3;
        return (k * a) + (k > 0 ? b : -b);
    }

    [Differentiable]
    public static double LogicalOperators(double a, double b)
    {
        double r = a * b;
        if ((a > 0 && b > 0) || !(a < b))
        {
            r = r + a;
        }
        else
        {
            r = r - (b * b);
        }

        return r;
    }

    [Differentiable]
    public static double BoolLocals(double a, double b)
    {
        bool positive = a > 0;
        bool large = Math.Abs(b) > 1;
        bool either = positive || large;
        double r = either ? a * b : a - b;
        if (positive && !large)
        {
            r *= a;
        }

        return r;
    }

    [Differentiable]
    public static double EqualityComparisons(double a, int mode)
    {
        double r = a;
        if (mode == 1)
        {
            r = a * a;
        }
        else if (mode != 2)
        {
            r = Math.Exp(a);
        }

        return (a >= 0 ? r : -r) + (a <= 0 ? a : 0);
    }

    /// <summary>A branch that overwrites a variable the other branch leaves alone.</summary>
    [Differentiable]
    public static double BranchOverwrites(double a, double b)
    {
        double x = a * b;
        double y = a + b;
        if (x > y)
        {
            x = y * y;
        }
        else
        {
            y = x * a;
        }

        return x + (y * 2);
    }

    /// <summary>A branch in a loop: the reverse sweep replays the branch taken at each iteration.</summary>
    [Differentiable]
    public static double BranchInLoop(ReadOnlySpan<double> v, double s)
    {
        double total = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] * s > 0)
            {
                total += v[i] * v[i] * s;
            }
            else if (v[i] < -1)
            {
                total -= v[i] * s;
            }
            else
            {
                total = total * 0.5 + v[i];
            }
        }

        return total;
    }

    /// <summary>The branch condition depends on a value computed in the previous iteration.</summary>
    [Differentiable]
    public static double ConditionOnLoopState(double a)
    {
        double x = a;
        for (int i = 0; i < 6; i++)
        {
            if (x > 1)
            {
                x = x * 0.5;
            }
            else
            {
                x = (x * x) + 0.7;
            }
        }

        return x;
    }
}

internal static class BranchCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(BranchMethods.IfElse, BranchMethods.IfElseWithGradient),
        Cases.Of(BranchMethods.IfWithoutElse, BranchMethods.IfWithoutElseWithGradient),
        Cases.Of(BranchMethods.ElseIfChain, BranchMethods.ElseIfChainWithGradient, Domains.Signed(1, 0.1, 2.5)),
        Cases.Of(BranchMethods.NestedIf, BranchMethods.NestedIfWithGradient),
        Cases.Of(BranchMethods.Ternary, BranchMethods.TernaryWithGradient),
        Cases.Of(BranchMethods.NestedTernary, BranchMethods.NestedTernaryWithGradient, Domains.Signed(1, 0.1, 2.5)),
        Cases.Of(BranchMethods.TernaryOnInt, BranchMethods.TernaryOnIntWithGradient),
        Cases.Of(BranchMethods.LogicalOperators, BranchMethods.LogicalOperatorsWithGradient),
        Cases.Of(BranchMethods.BoolLocals, BranchMethods.BoolLocalsWithGradient),
        Cases.Of(
            "BranchMethods.EqualityComparisons",
            Domains.Each(Domains.SignedValue(), Domains.Value(0, 2.99)),
            p => BranchMethods.EqualityComparisons(p[0], (int)p[1]),
            (p, g, seed) => BranchMethods.EqualityComparisonsWithGradient(p[0], (int)p[1], ref g[0], seed),
            differentiated: 1),
        Cases.Of(BranchMethods.BranchOverwrites, BranchMethods.BranchOverwritesWithGradient),
        Cases.Of(
            "BranchMethods.BranchInLoop",
            Domains.Signed(7),
            p => BranchMethods.BranchInLoop(p.AsSpan(0, 6), p[6]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = BranchMethods.BranchInLoopWithGradient(p.AsSpan(0, 6), p[6], g.AsSpan(0, 6), ref sGrad, seed);
                g[6] += sGrad;
                return value;
            }),
        Cases.Of(BranchMethods.ConditionOnLoopState, BranchMethods.ConditionOnLoopStateWithGradient, Domains.Between(1, 0.1, 0.25)),
    ];
}
