namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// Methods that once crashed the generator, produced C# that did not compile, or returned a wrong gradient
/// (issue 8's reproducers). They compile with this project, so a regression breaks the build; their
/// gradients are checked against finite differences like the rest of the catalogue.
/// </summary>
public static partial class ReproducerMethods
{
    /// <summary>C1: two overloads that differ only by 'in' once shared a generated file name (CS8785, every companion lost).</summary>
    [Differentiable]
    public static double Overload(double x) => x * x;

    /// <inheritdoc cref="Overload(double)"/>
    [Differentiable]
    public static double Overload(in double x) => x * x * x;

    /// <summary>A call with 'in' picks the 'in' overload; the generated calls must pick it too (they took the by-value one).</summary>
    [Differentiable]
    public static double CallsInOverload(double z) => Overload(in z) + Overload(z);

    /// <summary>B1: an early return before a top-level local array (its adjoint was declared inside the guard).</summary>
    [Differentiable]
    public static double EarlyReturnBeforeLocalArray(double x)
    {
        if (x > 1.0)
        {
            return x;
        }

        double[] t = new double[1];
        t[0] = x * x;
        return t[0];
    }

    /// <summary>B2: a bool reassigned in a loop and read by ?: (it was pushed on the double tape).</summary>
    [Differentiable]
    public static double BoolFlagInLoop(double x)
    {
        double s = 0;
        bool b = false;
        for (int i = 0; i < 3; i++)
        {
            b = !b;
            s += b ? x * x : x;
        }

        return s;
    }

    /// <summary>B3: verbatim identifiers that are keywords (the '@' was dropped).</summary>
    [Differentiable]
    public static double Verbatim(double @in, double @class) => (@in * @in) + (@class * @in);

    /// <summary>W1a: the index of a restored element changes after the write (the restore went to the end-of-forward index).</summary>
    [Differentiable]
    public static double RestoreAfterIndexChange(double x)
    {
        double[] w = new double[2];
        double s = 0;
        int k = 0;
        for (int r = 0; r < 2; r++)
        {
            s += x * w[0];
            w[k] = 1.0;
            k = 1;
        }

        return s;
    }

    /// <summary>W1b: an element written at an index read from the array itself.</summary>
    [Differentiable]
    public static double SelfIndexedWrite(double x)
    {
        double[] t = new double[2];
        t[(int)t[0]] = x;
        return 3.0 * t[0];
    }

    /// <summary>W1c: in-place updates in a loop with 'continue' (the lowered index was not restored; IndexOutOfRange in the gradient).</summary>
    [Differentiable]
    public static double ContinueInNestedLoop(double x)
    {
        double[] t = new double[2];
        t[0] = x;
        t[1] = 2 * x;
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 2; i++)
            {
                if (i == 1)
                {
                    continue;
                }

                t[i] -= 1.0;
            }

            s += t[0] * t[1];
        }

        return s;
    }

    /// <summary>W1, as random programs hit it: an index computed from data, overwritten in a loop.</summary>
    [Differentiable]
    public static double DataDependentIndex(double x)
    {
        double[] a = new double[3];
        a[1] = x;
        double s = 0;
        for (int r = 0; r < 3; r++)
        {
            a[(int)(Math.Abs(Math.Tanh(x + a[1])) * 2.99) % 3] = x * (r + 1);
            s += a[0] + (a[1] * a[2]);
        }

        return s;
    }

    [Differentiable]
    internal static double Scaled(double p, [NoGrad] double c) => c * p;

    /// <summary>W2: Gradient.Stop is the explicit way to pass a differentiated value to a [NoGrad] parameter.</summary>
    [Differentiable]
    public static double StoppedArgument(double x) => Scaled(2.0, Gradient.Stop(x)) + x;

    [Differentiable]
    internal static double Weighted(double a, double b) => a * a * b;

    /// <summary>W4: named arguments out of parameter order (they were passed in source order).</summary>
    [Differentiable]
    public static double NamedArguments(double x)
        => Weighted(b: 2.0, a: x) + Math.Pow(y: 3.0, x: x) + Math.Log(newBase: 3.0, a: 1.5 + (x * x)) + Math.Clamp(max: 0.8, min: -0.5, value: x * 0.3);

    /// <summary>Integer bit operations and a mirrored loop condition are constants to differentiation, not errors.</summary>
    [Differentiable]
    public static double IntegerBits(double x)
    {
        int mask = 5;
        double s = 0;
        for (int c = 0; 3 > c; c++)
        {
            if (((mask >> c) & 1) == 1)
            {
                s += x * (c + 1);
            }
        }

        int k = ~3;
        k <<= 2;
        k ^= 5;
        return s + (k & 0xff);
    }

    /// <summary>long and uint values, one of them recorded on the tape by its bits.</summary>
    [Differentiable]
    public static double LongAndUInt(double x)
    {
        long m = 3;
        uint u = 7u;
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            m = (m * 1000003L) + i;
            s += x * (m % 7) * u;
        }

        return s + ((1L << 40) >> 39);
    }

    /// <summary>A local array declared in a loop: hoisted and cleared on every pass.</summary>
    [Differentiable]
    public static double LocalArrayInLoop(double x)
    {
        double s = 0;
        for (int r = 0; r < 3; r++)
        {
            double[] t = new double[2];
            t[0] += x * r;
            t[1] = (t[0] * t[0]) + x;
            s += t[1];
        }

        return s;
    }

    /// <summary>A stackalloc'd local in a branch.</summary>
    [Differentiable]
    public static double LocalArrayInBranch(double x)
    {
        double s = x;
        if (x > 0)
        {
            Span<double> t = stackalloc double[3];
            t[1] = x * x;
            s = t[1] + t[0];
        }

        return s;
    }

    /// <summary>A partial that is 0/0 (atan2 at the origin) on a path that never reaches the result must not make the gradient NaN.</summary>
    [Differentiable]
    public static double ZeroAdjointAtan2(double x)
    {
        double a = Math.Atan2(x * 0, x * 0);
        double s = x * x;
        if (x > 5)
        {
            s += a;
        }

        return s;
    }

    /// <summary>The generic-math statics (double.Exp) are the Math functions.</summary>
    [Differentiable]
    public static double GenericMathStatics(double x) => double.Exp(x * 0.5) + double.Sqrt(1 + (x * x)) + double.Max(x, 0.1);
}

internal static class ReproducerCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of("ReproducerMethods.Overload", Domains.Signed(1), p => ReproducerMethods.Overload(p[0]), (p, g, seed) => ReproducerMethods.OverloadWithGradient(p[0], ref g[0], seed)),
        Cases.Of("ReproducerMethods.Overload(in)", Domains.Signed(1), p => ReproducerMethods.Overload(in p[0]), (p, g, seed) => ReproducerMethods.OverloadWithGradient(in p[0], ref g[0], seed)),
        Cases.Of(ReproducerMethods.CallsInOverload, ReproducerMethods.CallsInOverloadWithGradient),
        Cases.Of(ReproducerMethods.EarlyReturnBeforeLocalArray, ReproducerMethods.EarlyReturnBeforeLocalArrayWithGradient),
        Cases.Of(ReproducerMethods.BoolFlagInLoop, ReproducerMethods.BoolFlagInLoopWithGradient),
        Cases.Of(ReproducerMethods.Verbatim, ReproducerMethods.VerbatimWithGradient),
        Cases.Of(ReproducerMethods.RestoreAfterIndexChange, ReproducerMethods.RestoreAfterIndexChangeWithGradient),
        Cases.Of(ReproducerMethods.SelfIndexedWrite, ReproducerMethods.SelfIndexedWriteWithGradient),
        Cases.Of(ReproducerMethods.ContinueInNestedLoop, ReproducerMethods.ContinueInNestedLoopWithGradient),
        Cases.Of(ReproducerMethods.DataDependentIndex, ReproducerMethods.DataDependentIndexWithGradient),
        new GradientCase(
            "ReproducerMethods.StoppedArgument",
            Domains.Signed(1),
            p => ReproducerMethods.StoppedArgument(p[0]),
            (p, g, seed) => ReproducerMethods.StoppedArgumentWithGradient(p[0], ref g[0], seed),
            1,
            Expected: _ => [1.0]),
        Cases.Of(
            "ReproducerMethods.Scaled",
            Domains.Signed(2),
            p => ReproducerMethods.Scaled(p[0], p[1]),
            (p, g, seed) => ReproducerMethods.ScaledWithGradient(p[0], p[1], ref g[0], seed),
            differentiated: 1),
        Cases.Of(ReproducerMethods.Weighted, ReproducerMethods.WeightedWithGradient),
        Cases.Of(ReproducerMethods.NamedArguments, ReproducerMethods.NamedArgumentsWithGradient),
        Cases.Of(ReproducerMethods.IntegerBits, ReproducerMethods.IntegerBitsWithGradient),
        Cases.Of(ReproducerMethods.LongAndUInt, ReproducerMethods.LongAndUIntWithGradient),
        Cases.Of(ReproducerMethods.LocalArrayInLoop, ReproducerMethods.LocalArrayInLoopWithGradient),
        Cases.Of(ReproducerMethods.LocalArrayInBranch, ReproducerMethods.LocalArrayInBranchWithGradient),
        Cases.Of(ReproducerMethods.ZeroAdjointAtan2, ReproducerMethods.ZeroAdjointAtan2WithGradient),
        Cases.Of(ReproducerMethods.GenericMathStatics, ReproducerMethods.GenericMathStaticsWithGradient),
    ];
}
