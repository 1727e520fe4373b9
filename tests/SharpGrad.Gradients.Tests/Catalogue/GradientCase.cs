using System.Runtime.CompilerServices;
using CsCheck;

namespace SharpGrad.Gradients.Tests.Catalogue;

// The generated companions' shapes for one, two and three scalar arguments, so method groups convert directly.
public delegate double Gradient1(double a, ref double aGrad, double outputGradient);

public delegate double Gradient2(double a, double b, ref double aGrad, ref double bGrad, double outputGradient);

public delegate double Gradient3(double a, double b, double c, ref double aGrad, ref double bGrad, ref double cGrad, double outputGradient);

public delegate double SpanGradient(ReadOnlySpan<double> v, Span<double> vGrad, double outputGradient);

public delegate float Gradient1F(float a, ref float aGrad, float outputGradient);

public delegate float Gradient2F(float a, float b, ref float aGrad, ref float bGrad, float outputGradient);

/// <summary>
/// A catalogue method as the gradient tests see it: a function of one flat point of doubles, whose first
/// <see cref="Differentiated"/> coordinates are differentiated (the rest is data held fixed).
/// </summary>
/// <param name="Name">"Class.Method", the method's own name.</param>
/// <param name="Domain">Points where the method is differentiable, away from kinks and steps.</param>
/// <param name="Value">The method's value at a point.</param>
/// <param name="WithGradient">The generated companion: (point, gradient buffer, outputGradient), returns the value and adds into the buffer.</param>
/// <param name="Differentiated">How many leading coordinates are differentiated; negative for all of them.</param>
/// <param name="Reference">A double-precision re-implementation that finite differences are taken of (float methods), or null for <paramref name="Value"/>.</param>
/// <param name="Tolerance">Relative tolerance against finite differences.</param>
/// <param name="Expected">The exact gradient, for methods whose gradient finite differences cannot see (stopped gradients); null to use finite differences.</param>
public sealed record GradientCase(
    string Name,
    Gen<double[]> Domain,
    Func<double[], double> Value,
    Func<double[], double[], double, double> WithGradient,
    int Differentiated,
    Func<double[], double>? Reference = null,
    double Tolerance = GradientCase.DoubleTolerance,
    Func<double[], double[]>? Expected = null,
    double ValueTolerance = GradientCase.DoubleValueTolerance)
{
    /// <summary>
    /// How far the companion's value may be from the method's, relative to max(1, |value|): the documented tolerance of a
    /// vectorized companion (README, "Vectorized loops"), whose sums add in SIMD lanes, in another order than the loop's.
    /// </summary>
    public const double DoubleValueTolerance = 1e-12;

    /// <inheritdoc cref="DoubleValueTolerance"/>
    public const double FloatValueTolerance = 1e-5;

    /// <summary>Central differences in double precision agree with a correct gradient to about 1e-9; 1e-6 leaves room for conditioning.</summary>
    public const double DoubleTolerance = 1e-6;

    /// <summary>
    /// A float method's gradient carries float rounding (about 6e-8 per operation, amplified by the function's
    /// conditioning), so it is compared with finite differences of a double re-implementation at 1e-4.
    /// </summary>
    public const double FloatTolerance = 1e-4;

    public override string ToString() => Name;
}

/// <summary>Builds <see cref="GradientCase"/>s from method groups; the name is the method group's own text.</summary>
public static class Cases
{
    public static GradientCase Of(Func<double, double> method, Gradient1 gradient, Gen<double[]>? domain = null, [CallerArgumentExpression(nameof(method))] string name = "")
        => new(
            name,
            domain ?? Domains.Signed(1),
            p => method(p[0]),
            (p, g, seed) =>
            {
                double a = 0;
                double value = gradient(p[0], ref a, seed);
                g[0] += a;
                return value;
            },
            1);

    public static GradientCase Of(Func<double, double, double> method, Gradient2 gradient, Gen<double[]>? domain = null, [CallerArgumentExpression(nameof(method))] string name = "")
        => new(
            name,
            domain ?? Domains.Signed(2),
            p => method(p[0], p[1]),
            (p, g, seed) =>
            {
                double a = 0, b = 0;
                double value = gradient(p[0], p[1], ref a, ref b, seed);
                g[0] += a;
                g[1] += b;
                return value;
            },
            2);

    public static GradientCase Of(Func<double, double, double, double> method, Gradient3 gradient, Gen<double[]>? domain = null, [CallerArgumentExpression(nameof(method))] string name = "")
        => new(
            name,
            domain ?? Domains.Signed(3),
            p => method(p[0], p[1], p[2]),
            (p, g, seed) =>
            {
                double a = 0, b = 0, c = 0;
                double value = gradient(p[0], p[1], p[2], ref a, ref b, ref c, seed);
                g[0] += a;
                g[1] += b;
                g[2] += c;
                return value;
            },
            3);

    /// <summary>A float method of one argument, checked against <paramref name="reference"/>, its double re-implementation.</summary>
    public static GradientCase OfFloat(Func<float, float> method, Gradient1F gradient, Func<double, double> reference, Gen<double[]>? domain = null, [CallerArgumentExpression(nameof(method))] string name = "")
        => new(
            name,
            Domains.AsFloats(domain ?? Domains.Signed(1)),
            p => method((float)p[0]),
            (p, g, seed) =>
            {
                float a = 0;
                float value = gradient((float)p[0], ref a, (float)seed);
                g[0] += a;
                return value;
            },
            1,
            p => reference(p[0]),
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance);

    /// <inheritdoc cref="OfFloat(Func{float, float}, Gradient1F, Func{double, double}, Gen{double[]}?, string)"/>
    public static GradientCase OfFloat(Func<float, float, float> method, Gradient2F gradient, Func<double, double, double> reference, Gen<double[]>? domain = null, [CallerArgumentExpression(nameof(method))] string name = "")
        => new(
            name,
            Domains.AsFloats(domain ?? Domains.Signed(2)),
            p => method((float)p[0], (float)p[1]),
            (p, g, seed) =>
            {
                float a = 0, b = 0;
                float value = gradient((float)p[0], (float)p[1], ref a, ref b, (float)seed);
                g[0] += a;
                g[1] += b;
                return value;
            },
            2,
            p => reference(p[0], p[1]),
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance);

    /// <summary>A method of one differentiated span of <paramref name="length"/> elements.</summary>
    public static GradientCase OfSpan(string name, int length, Func<double[], double> value, SpanGradient gradient, Gen<double[]>? domain = null)
        => new(name, domain ?? Domains.Signed(length), value, (p, g, seed) => gradient(p, g, seed), length);

    /// <summary>A method of arrays, spans or mixed arguments, unpacked from the point by the two lambdas.</summary>
    public static GradientCase Of(string name, Gen<double[]> domain, Func<double[], double> value, Func<double[], double[], double, double> withGradient, int? differentiated = null)
        => new(name, domain, value, withGradient, differentiated ?? -1);
}

/// <summary>A coordinate's range: [Low, High], or that magnitude with either sign.</summary>
public readonly record struct Coordinate(double Low, double High, bool EitherSign);

/// <summary>Generators of points on which catalogue methods are smooth.</summary>
public static class Domains
{
    // CsCheck favours edge and repeated values (0.2 and 2 exactly, the same value in every coordinate), which put
    // branches, Min, Max and Clamp exactly on a tie where finite differences straddle a kink and measure nothing.
    // Each coordinate's draw u in [0, 1] is therefore shifted by a multiple of the golden ratio, distinct per coordinate.
    private const double GoldenRatioConjugate = 0.6180339887498949;

    /// <summary>Coordinates of either sign with magnitudes in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Gen<double[]> Signed(int count, double low = 0.2, double high = 2.0) => Each(Enumerable.Repeat(SignedValue(low, high), count).ToArray());

    /// <summary>Coordinates in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Gen<double[]> Between(int count, double low, double high) => Each(Enumerable.Repeat(Value(low, high), count).ToArray());

    /// <summary>One coordinate per range, in order, no two alike.</summary>
    public static Gen<double[]> Each(params Coordinate[] coordinates)
        => Gen.Select(Gen.Double[0, 1].Array[coordinates.Length], Gen.Bool.Array[coordinates.Length], (draws, negatives) =>
        {
            var point = new double[coordinates.Length];
            for (int i = 0; i < point.Length; i++)
            {
                Coordinate c = coordinates[i];
                double u = draws[i] + ((i + 1) * GoldenRatioConjugate);
                double magnitude = c.Low + ((c.High - c.Low) * (u - Math.Floor(u)));
                point[i] = c.EitherSign && negatives[i] ? -magnitude : magnitude;
            }

            return point;
        });

    /// <summary>A coordinate of either sign with magnitude in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Coordinate SignedValue(double low = 0.2, double high = 2.0) => new(low, high, EitherSign: true);

    /// <summary>A coordinate in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Coordinate Value(double low, double high) => new(low, high, EitherSign: false);

    /// <summary>
    /// Coordinates at least 0.1 away from every integer and half-integer (of either sign, up to 4), where
    /// Floor, Ceiling, Round, Truncate and int casts are locally constant.
    /// </summary>
    public static Gen<double[]> AwayFromSteps(int count, double scale = 1)
        => Gen.Select(Gen.Int[0, 3], Gen.Double[0.1, 0.4], Gen.Bool, (whole, fraction, negative) => (negative ? -1 : 1) * (whole + fraction) / scale).Array[count];

    /// <summary>Rounds every coordinate to float, so a float method and its double reference see the same inputs.</summary>
    public static Gen<double[]> AsFloats(Gen<double[]> points) => points.Select(p => p.Select(v => (double)(float)v).ToArray());

    /// <summary>
    /// Whether no two coordinates are within 1e-4 (ten finite-difference steps) of each other or of each other's
    /// negation, and none of a multiple of 0.5: a safety net against the rare draw that lands on a tie. Points of up to
    /// four coordinates (the math functions') are also kept away from each other's half: MathMethods.Abs's kink is
    /// x = y / 2, and CsCheck drew x = -0.3124611797498108, y = -0.6249223594996216 (on larger models the extra pairs
    /// would reject too many draws).
    /// </summary>
    public static bool IsGeneric(double[] point)
    {
        const double margin = 1e-4;
        for (int i = 0; i < point.Length; i++)
        {
            double halves = point[i] * 2;
            if (Math.Abs(halves - Math.Round(halves)) < 2 * margin)
            {
                return false;
            }

            for (int j = i + 1; j < point.Length; j++)
            {
                if (Math.Abs(point[i] - point[j]) < margin || Math.Abs(point[i] + point[j]) < margin
                    || (point.Length <= 4 && (Math.Abs(point[i] - (0.5 * point[j])) < margin || Math.Abs(point[j] - (0.5 * point[i])) < margin)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Two coordinate lists drawn independently and joined (differentiated parameters first, then data).</summary>
    public static Gen<double[]> Concat(Gen<double[]> first, Gen<double[]> second) => Gen.Select(first, second, (a, b) => (double[])[.. a, .. b]);
}
