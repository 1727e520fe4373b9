using CsCheck;

namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Every System.Math function the generator knows, each composed with arithmetic so the chain rule is exercised.</summary>
public static partial class MathMethods
{
    [Differentiable]
    public static double Exp(double x) => Math.Exp(x * 0.7) * x;

    [Differentiable]
    public static double Log(double x) => Math.Log(x * x + 1) + Math.Log(Math.Abs(x));

    [Differentiable]
    public static double LogWithBase(double x, double b) => Math.Log(x, b);

    [Differentiable]
    public static double Log2(double x) => Math.Log2(x * 3);

    [Differentiable]
    public static double Log10(double x) => Math.Log10(x) * x;

    [Differentiable]
    public static double Sqrt(double x) => Math.Sqrt(x * x + 0.5) + Math.Sqrt(Math.Abs(x));

    [Differentiable]
    public static double Cbrt(double x) => Math.Cbrt(x) * Math.Cbrt(x * x + 1);

    [Differentiable]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    [Differentiable]
    public static double PowConstantExponent(double x) => Math.Pow(x, 3) + Math.Pow(x * x, 0.5);

    [Differentiable]
    public static double PowConstantBase(double y) => Math.Pow(2.5, y);

    [Differentiable]
    public static double Sin(double x) => Math.Sin(x * 2) * x;

    [Differentiable]
    public static double Cos(double x) => Math.Cos(x) / (2 + Math.Sin(x));

    [Differentiable]
    public static double Tan(double x) => Math.Tan(x);

    [Differentiable]
    public static double Asin(double x) => Math.Asin(x);

    [Differentiable]
    public static double Acos(double x) => Math.Acos(x) * x;

    [Differentiable]
    public static double Atan(double x) => Math.Atan(x * x) + Math.Atan(x);

    [Differentiable]
    public static double Atan2(double y, double x) => Math.Atan2(y, x);

    [Differentiable]
    public static double Sinh(double x) => Math.Sinh(x);

    [Differentiable]
    public static double Cosh(double x) => Math.Cosh(x) - x;

    [Differentiable]
    public static double Tanh(double x) => Math.Tanh(x * 1.5) * Math.Tanh(x);

    [Differentiable]
    public static double Abs(double x, double y) => Math.Abs(x - (y * 0.5)) * y;

    [Differentiable]
    public static double Max(double x, double y) => Math.Max(x * y, x + y);

    [Differentiable]
    public static double Min(double x, double y) => Math.Min(x, y) * Math.Min(x * x, 1.5);

    [Differentiable]
    public static double Clamp(double x, double low, double high) => Math.Clamp(x, low, high) * x;

    [Differentiable]
    public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c * c);

    [Differentiable]
    public static double ScaleB(double x) => Math.ScaleB(x, 3) + Math.ScaleB(x * x, -2);

    [Differentiable]
    public static double Floor(double x) => Math.Floor(x) * x;

    [Differentiable]
    public static double Ceiling(double x) => Math.Ceiling(x) * x + Math.Ceiling(x);

    [Differentiable]
    public static double Round(double x) => Math.Round(x) * x * x;

    [Differentiable]
    public static double Truncate(double x) => Math.Truncate(x) + (x * Math.Truncate(x * 2));

    [Differentiable]
    public static double Sign(double x) => Math.Sign(x) * x * x;

    /// <summary>A composition of several functions: the standard normal density, scaled.</summary>
    [Differentiable]
    public static double GaussianDensity(double x, double mean, double logStd)
    {
        double std = Math.Exp(logStd);
        double z = (x - mean) / std;
        return Math.Exp(-0.5 * z * z) / (std * Math.Sqrt(2 * Math.PI));
    }

    /// <summary>System.MathF on floats.</summary>
    [Differentiable]
    public static float ExpF(float x) => MathF.Exp(x * 0.7f) * x;

    [Differentiable]
    public static float LogF(float x) => MathF.Log(x * x + 1);

    [Differentiable]
    public static float SqrtF(float x) => MathF.Sqrt(x * x + 0.5f);

    [Differentiable]
    public static float SinCosF(float x) => MathF.Sin(x) * MathF.Cos(2 * x);

    [Differentiable]
    public static float TanhF(float x) => MathF.Tanh(x * 1.5f);

    [Differentiable]
    public static float PowF(float x, float y) => MathF.Pow(x, y);

    [Differentiable]
    public static float Atan2F(float y, float x) => MathF.Atan2(y, x) * y;

    /// <summary>A float argument widened into double arithmetic, and the double result narrowed back.</summary>
    [Differentiable]
    public static float FloatWidenedToDouble(float x, float y)
    {
        double wide = x;
        double product = wide * Math.Exp(y);
        return (float)product + (x * y);
    }

    /// <summary>float to int and back, int to float, float to double and back, and a stopped float.</summary>
    [Differentiable]
    public static float FloatIntCasts(float x)
    {
        int quarters = (int)(x * 4);
        float steps = quarters;
        double wide = (double)x * x;
        return (x * steps) + (float)wide + Gradient.Stop(x * x) - (x * x);
    }

    /// <summary>System.Math on floats promotes them to double.</summary>
    [Differentiable]
    public static float MathOnFloats(float x) => (float)Math.Sin(x) + (float)Math.Log(x * x);
}

internal static class MathCases
{
    private static readonly Gen<double[]> _positive = Domains.Between(1, 0.2, 3);
    private static readonly Gen<double[]> _unit = Domains.Signed(1, 0.05, 0.9);

    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(MathMethods.Exp, MathMethods.ExpWithGradient),
        Cases.Of(MathMethods.Log, MathMethods.LogWithGradient),
        Cases.Of(MathMethods.LogWithBase, MathMethods.LogWithBaseWithGradient, Domains.Each(Domains.Value(0.2, 3), Domains.Value(1.5, 4))),
        Cases.Of(MathMethods.Log2, MathMethods.Log2WithGradient, _positive),
        Cases.Of(MathMethods.Log10, MathMethods.Log10WithGradient, _positive),
        Cases.Of(MathMethods.Sqrt, MathMethods.SqrtWithGradient),
        Cases.Of(MathMethods.Cbrt, MathMethods.CbrtWithGradient),
        Cases.Of(MathMethods.Pow, MathMethods.PowWithGradient, Domains.Each(Domains.Value(0.2, 3), Domains.SignedValue(0.2, 2.5))),
        Cases.Of(MathMethods.PowConstantExponent, MathMethods.PowConstantExponentWithGradient),
        Cases.Of(MathMethods.PowConstantBase, MathMethods.PowConstantBaseWithGradient),
        Cases.Of(MathMethods.Sin, MathMethods.SinWithGradient),
        Cases.Of(MathMethods.Cos, MathMethods.CosWithGradient),
        Cases.Of(MathMethods.Tan, MathMethods.TanWithGradient, Domains.Signed(1, 0.05, 1.4)),
        Cases.Of(MathMethods.Asin, MathMethods.AsinWithGradient, _unit),
        Cases.Of(MathMethods.Acos, MathMethods.AcosWithGradient, _unit),
        Cases.Of(MathMethods.Atan, MathMethods.AtanWithGradient),
        Cases.Of(MathMethods.Atan2, MathMethods.Atan2WithGradient),
        Cases.Of(MathMethods.Sinh, MathMethods.SinhWithGradient),
        Cases.Of(MathMethods.Cosh, MathMethods.CoshWithGradient),
        Cases.Of(MathMethods.Tanh, MathMethods.TanhWithGradient),
        Cases.Of(MathMethods.Abs, MathMethods.AbsWithGradient),
        Cases.Of(MathMethods.Max, MathMethods.MaxWithGradient),
        Cases.Of(MathMethods.Min, MathMethods.MinWithGradient),
        // low < 0 < high (Math.Clamp throws otherwise); x falls below, inside and above the range.
        Cases.Of(MathMethods.Clamp, MathMethods.ClampWithGradient, Domains.Each(Domains.SignedValue(0.2, 2), Domains.Value(-1, -0.1), Domains.Value(0.1, 1))),
        Cases.Of(MathMethods.FusedMultiplyAdd, MathMethods.FusedMultiplyAddWithGradient),
        Cases.Of(MathMethods.ScaleB, MathMethods.ScaleBWithGradient),
        Cases.Of(MathMethods.Floor, MathMethods.FloorWithGradient, Domains.AwayFromSteps(1)),
        Cases.Of(MathMethods.Ceiling, MathMethods.CeilingWithGradient, Domains.AwayFromSteps(1)),
        Cases.Of(MathMethods.Round, MathMethods.RoundWithGradient, Domains.AwayFromSteps(1)),
        Cases.Of(MathMethods.Truncate, MathMethods.TruncateWithGradient, Domains.AwayFromSteps(1, scale: 2)),
        Cases.Of(MathMethods.Sign, MathMethods.SignWithGradient),
        Cases.Of(MathMethods.GaussianDensity, MathMethods.GaussianDensityWithGradient),
        Cases.OfFloat(MathMethods.ExpF, MathMethods.ExpFWithGradient, x => Math.Exp(x * 0.7) * x),
        Cases.OfFloat(MathMethods.LogF, MathMethods.LogFWithGradient, x => Math.Log(x * x + 1)),
        Cases.OfFloat(MathMethods.SqrtF, MathMethods.SqrtFWithGradient, x => Math.Sqrt(x * x + 0.5)),
        Cases.OfFloat(MathMethods.SinCosF, MathMethods.SinCosFWithGradient, x => Math.Sin(x) * Math.Cos(2 * x)),
        Cases.OfFloat(MathMethods.TanhF, MathMethods.TanhFWithGradient, x => Math.Tanh(x * 1.5)),
        Cases.OfFloat(MathMethods.PowF, MathMethods.PowFWithGradient, Math.Pow, Domains.Each(Domains.Value(0.2, 3), Domains.SignedValue(0.2, 2.5))),
        Cases.OfFloat(MathMethods.Atan2F, MathMethods.Atan2FWithGradient, (y, x) => Math.Atan2(y, x) * y),
        Cases.OfFloat(MathMethods.FloatWidenedToDouble, MathMethods.FloatWidenedToDoubleWithGradient, (x, y) => (x * Math.Exp(y)) + (x * y)),
        // wide = x x and -x x cancel, and the stopped x x carries no derivative: d/dx = steps, as for the reference.
        Cases.OfFloat(MathMethods.FloatIntCasts, MathMethods.FloatIntCastsWithGradient, x => x * (int)(x * 4), Domains.AwayFromSteps(1, scale: 4)),
        Cases.OfFloat(MathMethods.MathOnFloats, MathMethods.MathOnFloatsWithGradient, x => Math.Sin(x) + Math.Log(x * x)),
    ];
}
