namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Operators, compound assignment, ++/--, locals overwritten, int arithmetic and casts.</summary>
public static partial class ArithmeticMethods
{
    [Differentiable]
    public static double Add(double a, double b) => a + b;

    [Differentiable]
    public static double Subtract(double a, double b) => a - b;

    [Differentiable]
    public static double Multiply(double a, double b) => a * b;

    [Differentiable]
    public static double Divide(double a, double b) => a / b;

    /// <summary>C#'s % truncates towards zero: a % b = a - trunc(a / b) b.</summary>
    [Differentiable]
    public static double Remainder(double a, double b) => a % b;

    [Differentiable]
    public static double Negate(double a, double b) => -(a * b) + -a;

    [Differentiable]
    public static double Square(double a) => a * a;

    [Differentiable]
    public static double Polynomial(double x) => ((((3 * x) - 2) * x) + 1) * x - 5;

    [Differentiable]
    public static double Rational(double a, double b) => (a * a + 1) / (b * b + 1);

    [Differentiable]
    public static double CompoundAssignments(double a, double b)
    {
        double x = a;
        x += b;
        x *= a;
        x -= b;
        x /= 1 + (b * b);
        return x;
    }

    [Differentiable]
    public static double IncrementDecrement(double a)
    {
        double x = a;
        x++;
        x *= x;
        x--;
        --x;
        ++x;
        return x;
    }

    /// <summary>A local overwritten with expressions that read its old value.</summary>
    [Differentiable]
    public static double SelfReferencingUpdates(double a, double b)
    {
        double t = a * b;
        t = t * t + a;
        t = (t / b) - t;
        t = t * a * t;
        return t;
    }

    /// <summary>Values swapped through a temporary: every old value is read after an overwrite.</summary>
    [Differentiable]
    public static double Swap(double a, double b)
    {
        double x = a;
        double y = b;
        double t = x;
        x = y * 2;
        y = t * 3;
        t = x;
        x = y;
        y = t;
        return (x * y) + x - (y * y);
    }

    /// <summary>A result that does not depend on the argument: the gradient is zero.</summary>
    [Differentiable]
    public static double Constant(double a)
    {
        double unused = a * a;
        return 2.5 + (unused * 0);
    }

    [Differentiable]
    public static double CancellingTerms(double a, double b) => (a * b) - (b * a) + a;

    /// <summary>Int locals: they carry no derivative but scale the float ones.</summary>
    [Differentiable]
    public static double IntArithmetic(double a, double b)
    {
        int n = 7;
        int m = (n / 2) + (n % 3);
        m *= 2;
        m--;
        return (a * m) + ((m - n) * b) + (a * b / n);
    }

    /// <summary>An int parameter (not differentiated) mixed into double arithmetic.</summary>
    [Differentiable]
    public static double ScaleByInt(double a, int k) => (a * k) + (a / k) + (k * k);

    /// <summary>Casts double to int (zero derivative, locally constant) and back.</summary>
    [Differentiable]
    public static double CastToIntAndBack(double a)
    {
        int whole = (int)(a * 3);
        double fraction = (a * 3) - whole;
        return (fraction * fraction) + ((double)whole * a);
    }

    /// <summary>double to float and back: the derivative passes through the rounding as 1.</summary>
    [Differentiable]
    public static double CastThroughFloat(double a, double b)
    {
        float narrow = (float)(a * b);
        double wide = narrow;
        return (wide * a) + (double)(float)b;
    }

    /// <summary>Double arithmetic on an int that came from a double, divided with integer division.</summary>
    [Differentiable]
    public static double IntDivisionOfCasts(double a)
    {
        int scaled = (int)(a * 10);
        int half = scaled / 2;
        return (a * half) + (scaled % 2);
    }

    [Differentiable]
    public static double LongExpression(double a, double b, double c)
        => (((a * b) - c) / (1 + (c * c))) + ((a - b) * (b - c) * (c - a)) - (a / (2 + (b * b))) + (-c * -a);

    [Differentiable]
    public static double UnaryPlusAndDoubleNegation(double a) => +a * -(-a) * +(-a);

    [Differentiable]
    public static double ManyLocals(double a, double b)
    {
        double s = a + b;
        double d = a - b;
        double p = s * d;
        double q = p / (1 + (s * s));
        double r = q - (p * d);
        return r + (s * q);
    }
}

internal static class ArithmeticCases
{
    // Remainder: a / b stays at least 0.09 away from an integer, where a % b jumps.
    private static readonly CsCheck.Gen<double[]> _remainderDomain = Domains.Each(Domains.SignedValue(2.2, 2.8), Domains.Value(1.0, 1.05));

    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(ArithmeticMethods.Add, ArithmeticMethods.AddWithGradient),
        Cases.Of(ArithmeticMethods.Subtract, ArithmeticMethods.SubtractWithGradient),
        Cases.Of(ArithmeticMethods.Multiply, ArithmeticMethods.MultiplyWithGradient),
        Cases.Of(ArithmeticMethods.Divide, ArithmeticMethods.DivideWithGradient),
        Cases.Of(ArithmeticMethods.Remainder, ArithmeticMethods.RemainderWithGradient, _remainderDomain),
        Cases.Of(ArithmeticMethods.Negate, ArithmeticMethods.NegateWithGradient),
        Cases.Of(ArithmeticMethods.Square, ArithmeticMethods.SquareWithGradient),
        Cases.Of(ArithmeticMethods.Polynomial, ArithmeticMethods.PolynomialWithGradient),
        Cases.Of(ArithmeticMethods.Rational, ArithmeticMethods.RationalWithGradient),
        Cases.Of(ArithmeticMethods.CompoundAssignments, ArithmeticMethods.CompoundAssignmentsWithGradient),
        Cases.Of(ArithmeticMethods.IncrementDecrement, ArithmeticMethods.IncrementDecrementWithGradient),
        Cases.Of(ArithmeticMethods.SelfReferencingUpdates, ArithmeticMethods.SelfReferencingUpdatesWithGradient),
        Cases.Of(ArithmeticMethods.Swap, ArithmeticMethods.SwapWithGradient),
        Cases.Of(ArithmeticMethods.Constant, ArithmeticMethods.ConstantWithGradient),
        Cases.Of(ArithmeticMethods.CancellingTerms, ArithmeticMethods.CancellingTermsWithGradient),
        Cases.Of(ArithmeticMethods.IntArithmetic, ArithmeticMethods.IntArithmeticWithGradient),
        Cases.Of(
            "ArithmeticMethods.ScaleByInt",
            Domains.Signed(1),
            p => ArithmeticMethods.ScaleByInt(p[0], 3),
            (p, g, seed) => ArithmeticMethods.ScaleByIntWithGradient(p[0], 3, ref g[0], seed)),
        Cases.Of(ArithmeticMethods.CastToIntAndBack, ArithmeticMethods.CastToIntAndBackWithGradient, Domains.AwayFromSteps(1, scale: 3)),
        new GradientCase(
            "ArithmeticMethods.CastThroughFloat",
            Domains.AsFloats(Domains.Signed(2)),
            p => ArithmeticMethods.CastThroughFloat(p[0], p[1]),
            (p, g, seed) => ArithmeticMethods.CastThroughFloatWithGradient(p[0], p[1], ref g[0], ref g[1], seed),
            2,
            // Rounding to float is a step function at the scale of finite differences; its derivative is taken as 1.
            p => (p[0] * p[1] * p[0]) + p[1],
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance),
        Cases.Of(ArithmeticMethods.IntDivisionOfCasts, ArithmeticMethods.IntDivisionOfCastsWithGradient, Domains.AwayFromSteps(1, scale: 10)),
        Cases.Of(ArithmeticMethods.LongExpression, ArithmeticMethods.LongExpressionWithGradient),
        Cases.Of(ArithmeticMethods.UnaryPlusAndDoubleNegation, ArithmeticMethods.UnaryPlusAndDoubleNegationWithGradient),
        Cases.Of(ArithmeticMethods.ManyLocals, ArithmeticMethods.ManyLocalsWithGradient),
    ];
}
