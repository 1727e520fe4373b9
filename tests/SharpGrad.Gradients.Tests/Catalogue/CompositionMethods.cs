namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// Calls: to [Differentiable] methods of other classes and of the runtime (scalars, arrays, local arrays, the same
/// array twice), nested calls, [CustomGradient] methods, int and constant helpers, Gradient.Stop, instance methods.
/// </summary>
public static partial class CompositionMethods
{
    [Differentiable]
    public static double CallsAcrossClasses(double a, double b) => ArithmeticMethods.Rational(a, b) * MathMethods.Atan2(b, a);

    [Differentiable]
    public static double NestedCalls(double a) => ArithmeticMethods.Polynomial(MathMethods.Sin(ArithmeticMethods.Square(a)));

    /// <summary>The result of a call assigned to a local that is then overwritten with another call on it.</summary>
    [Differentiable]
    public static double CallResultOverwritten(double a, double b)
    {
        double t = ArithmeticMethods.Multiply(a, b);
        t = ArithmeticMethods.Multiply(t, t + a);
        t = MathMethods.Tanh(t);
        return t;
    }

    /// <summary>A call in a loop with a scalar argument read from a span.</summary>
    [Differentiable]
    public static double CallsInLoop(ReadOnlySpan<double> v, double s)
    {
        double total = 0;
        for (int i = 0; i < v.Length; i++)
        {
            total += MathMethods.GaussianDensity(v[i], s, s * 0.5);
        }

        return total;
    }

    /// <summary>Runtime functions on whole span arguments, the same span passed twice.</summary>
    [Differentiable]
    public static double SpanArguments(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => Functions.Dot(a, b) + Functions.Dot(a, a) + Functions.LogSumExp(b);

    /// <summary>A local array built from the parameters and passed whole to a differentiable callee.</summary>
    [Differentiable]
    public static double LocalArrayArgument(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] squares = new double[n];
        for (int i = 0; i < n; i++)
        {
            squares[i] = v[i] * v[(i + 1) % n];
        }

        return Functions.LogSumExp(squares) * v[0];
    }

    /// <summary>A local array overwritten between two calls that read it whole.</summary>
    [Differentiable]
    public static double LocalArrayRewrittenBetweenCalls(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] work = new double[n];
        for (int i = 0; i < n; i++)
        {
            work[i] = v[i] * 2;
        }

        double first = Functions.LogSumExp(work);
        for (int i = 0; i < n; i++)
        {
            work[i] = work[i] * v[i];
        }

        double second = Functions.LogSumExp(work);
        return first * second;
    }

    /// <summary>A call to a method with a hand-written gradient ([CustomGradient]).</summary>
    [Differentiable]
    public static double CustomGradientCall(double a, double b) => Functions.Softplus(a * b) + Functions.Sigmoid(a - b);

    /// <summary>An int helper inside an index and a loop bound.</summary>
    [Differentiable]
    public static double IntHelpers(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < Half(v.Length); i++)
        {
            sum += v[Mirror(i, v.Length)] * v[i];
        }

        return IsEven(v.Length) ? sum : sum * 2;
    }

    /// <summary>A double-returning helper called with constant arguments only: a constant to differentiation.</summary>
    [Differentiable]
    public static double ConstantHelper(double a) => a * Coefficient(3) + Coefficient(2);

    /// <summary>Gradient.Stop: only the unstopped path carries a derivative.</summary>
    [Differentiable]
    public static double StopGradient(double a, double b)
    {
        double stopped = Gradient.Stop(a * b);
        double mixed = (a * stopped) + Gradient.Stop(Math.Exp(b)) * b;
        return mixed + Gradient.Stop(ArithmeticMethods.Polynomial(a));
    }

    /// <summary>A float differentiable callee from a double method.</summary>
    [Differentiable]
    public static double FloatCallee(double a) => MathMethods.TanhF((float)a) * a;

    /// <summary>A callee whose parameter is marked [NoGrad]: no gradient flows through that argument.</summary>
    [Differentiable]
    public static double NoGradCallee(double a, double b) => Functions.LeakyRelu(a * b, 0.1) + Functions.Huber(a, b, 0.5);

    /// <summary>A callee with an int parameter.</summary>
    [Differentiable]
    public static double CalleeWithIntArgument(double a) => ArithmeticMethods.ScaleByInt(a, 4) + LoopMethods.IntBound(a * 0.5, 3);

    /// <summary>A [CustomGradient] method of a span, called with a local array.</summary>
    [Differentiable]
    public static double CustomGradientOfSpan(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        Span<double> shifted = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            shifted[i] = v[i] - v[(i + 1) % n];
        }

        return SumOfCubes(shifted) + SumOfCubes(v);
    }

    /// <summary>sum_i v_i^3, with a hand-written gradient 3 v_i^2.</summary>
    [CustomGradient(nameof(SumOfCubesWithGradient))]
    public static double SumOfCubes(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
        {
            sum += x * x * x;
        }

        return sum;
    }

    public static double SumOfCubesWithGradient(ReadOnlySpan<double> v, Span<double> vGrad, double outputGradient)
    {
        for (int i = 0; i < v.Length; i++)
        {
            vGrad[i] += outputGradient * 3 * v[i] * v[i];
        }

        return SumOfCubes(v);
    }

    public static int Half(int n) => n / 2;

    public static int Mirror(int i, int n) => n - 1 - i;

    public static bool IsEven(int n) => n % 2 == 0;

    public static double Coefficient(int k) => k * 1.5;
}

/// <summary>An instance [Differentiable] method (it may not read fields; its arguments are its inputs).</summary>
public sealed partial class InstanceMethods
{
    [Differentiable]
    public double Scaled(double a, double b) => (a * a * b) + Math.Cos(b);
}

internal static class CompositionCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(CompositionMethods.CallsAcrossClasses, CompositionMethods.CallsAcrossClassesWithGradient),
        Cases.Of(CompositionMethods.NestedCalls, CompositionMethods.NestedCallsWithGradient, Domains.Signed(1, 0.2, 1.2)),
        Cases.Of(CompositionMethods.CallResultOverwritten, CompositionMethods.CallResultOverwrittenWithGradient, Domains.Signed(2, 0.2, 1.0)),
        Cases.Of(
            "CompositionMethods.CallsInLoop",
            Domains.Signed(5),
            p => CompositionMethods.CallsInLoop(p.AsSpan(0, 4), p[4]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = CompositionMethods.CallsInLoopWithGradient(p.AsSpan(0, 4), p[4], g.AsSpan(0, 4), ref sGrad, seed);
                g[4] += sGrad;
                return value;
            }),
        Cases.Of(
            "CompositionMethods.SpanArguments",
            Domains.Signed(8),
            p => CompositionMethods.SpanArguments(p.AsSpan(0, 4), p.AsSpan(4, 4)),
            (p, g, seed) => CompositionMethods.SpanArgumentsWithGradient(p.AsSpan(0, 4), p.AsSpan(4, 4), g.AsSpan(0, 4), g.AsSpan(4, 4), seed)),
        Cases.OfSpan("CompositionMethods.LocalArrayArgument", 4, v => CompositionMethods.LocalArrayArgument(v), (v, g, seed) => CompositionMethods.LocalArrayArgumentWithGradient(v, g, seed)),
        Cases.OfSpan("CompositionMethods.LocalArrayRewrittenBetweenCalls", 4, v => CompositionMethods.LocalArrayRewrittenBetweenCalls(v), (v, g, seed) => CompositionMethods.LocalArrayRewrittenBetweenCallsWithGradient(v, g, seed)),
        Cases.Of(CompositionMethods.CustomGradientCall, CompositionMethods.CustomGradientCallWithGradient),
        Cases.OfSpan("CompositionMethods.CustomGradientOfSpan", 4, v => CompositionMethods.CustomGradientOfSpan(v), (v, g, seed) => CompositionMethods.CustomGradientOfSpanWithGradient(v, g, seed)),
        Cases.OfSpan("CompositionMethods.IntHelpers", 5, v => CompositionMethods.IntHelpers(v), (v, g, seed) => CompositionMethods.IntHelpersWithGradient(v, g, seed)),
        Cases.Of(CompositionMethods.ConstantHelper, CompositionMethods.ConstantHelperWithGradient),
        new GradientCase(
            "CompositionMethods.StopGradient",
            Domains.Signed(2),
            p => CompositionMethods.StopGradient(p[0], p[1]),
            (p, g, seed) => CompositionMethods.StopGradientWithGradient(p[0], p[1], ref g[0], ref g[1], seed),
            2,
            // Finite differences see through Stop; with a b, exp(b) and the polynomial held constant the gradient is (a b, exp(b)).
            Expected: p => [p[0] * p[1], Math.Exp(p[1])]),
        new GradientCase(
            "CompositionMethods.FloatCallee",
            Domains.AsFloats(Domains.Signed(1)),
            p => CompositionMethods.FloatCallee(p[0]),
            (p, g, seed) => CompositionMethods.FloatCalleeWithGradient(p[0], ref g[0], seed),
            1,
            p => Math.Tanh(p[0] * 1.5) * p[0],
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance),
        Cases.Of(CompositionMethods.NoGradCallee, CompositionMethods.NoGradCalleeWithGradient),
        Cases.Of(CompositionMethods.CalleeWithIntArgument, CompositionMethods.CalleeWithIntArgumentWithGradient, Domains.Signed(1, 0.2, 1.2)),
        Cases.Of(new InstanceMethods().Scaled, new InstanceMethods().ScaledWithGradient, name: "InstanceMethods.Scaled"),
    ];
}
