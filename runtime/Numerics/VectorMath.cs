using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SharpGrad.Numerics;

/// <summary>
/// Branch-free <c>Exp</c>, <c>Tanh</c>, sigmoid, ReLU and <c>Log</c> per lane of a <see cref="Vector256{T}"/> or
/// <see cref="Vector512{T}"/>, for float and double: what the generator's vectorized loops call for
/// <c>Math.Exp</c>/<c>MathF.Exp</c>, <c>Math.Tanh</c>/<c>MathF.Tanh</c>, <c>Functions.Sigmoid</c>, <c>Functions.Relu</c> and <c>Math.Log</c>/<c>MathF.Log</c>.
/// <para>
/// Accuracy (measured by <c>VectorMathTests</c> against <c>Math.Exp</c>/<c>Math.Tanh</c> over [-110, 110] for float
/// and [-760, 760] for double, including ±0, ±inf, NaN and subnormal results): <b>Exp</b> within 2 units in the last
/// place (ulp) of the correctly rounded result wherever that result is normal, within 1 ulp of the smallest normal
/// where it is subnormal; it is +inf above ln(MaxValue), 0 below ln(Epsilon) - ln 2, NaN for NaN. <b>Tanh</b> within
/// 2 ulp in float (also over tiny arguments, down to subnormal ones) and 3 ulp in double, odd (tanh -0 = -0), ±1 for large ±x, NaN for NaN. <b>Sigmoid</b> is 1 / (1 + e^-x): within 4 ulp. <b>Log</b>
/// (the BCL's) within 2 ulp in float and 3 ulp in double over every positive normal and subnormal input; -inf at ±0, NaN below 0.
/// </para>
/// <para>
/// How: e^x = 2^n e^r with n = round(x / ln 2) and r = x - n ln 2 (ln 2 in two parts, so r is exact to the last bit),
/// e^r by a polynomial fitted on [-ln 2 / 2, ln 2 / 2] (Chebyshev fit with mpmath: degree 6 for float, relative error
/// 2e-9; degree 11 for double, 3e-18), and 2^n applied by AVX-512's vscalef where there is one, else as two factors
/// 2^n1 2^n2 built in the exponent bits: either way subnormal results round once, correctly, and no lane needs a
/// branch. Float tanh |x| = -m / (2 + m) with m = e^(-2|x|) - 1 computed as 2^n (e^r - 1) + (2^n - 1), and e^r - 1 as
/// r + r^2 M(r) (M of degree 5, interpolated at Chebyshev nodes, relative error 3e-9): near 0, m is r + r^2 M(r) itself,
/// so small arguments keep their relative accuracy with one formula and one division for every lane. Double
/// tanh x = x P(x^2) for |x| &lt; 0.55 (degree 10 in x^2, relative error 2e-17), otherwise 1 - 2 / (e^(2|x|) + 1), where the
/// subtraction loses nothing because the quotient is at most 1/2; both are computed and the lane selects one. Either way
/// the sign is copied from x. sigmoid x = e / (1 + e) with e = e^-|x| and the numerator 1 for x &gt;= 0, so that
/// tiny results (x &lt; -88 in float) are not lost to 1 / (1 + inf).
/// </para>
/// <para>
/// Against the BCL's <c>Vector512.Exp</c> (.NET 10.0.12, Zen 5 with AVX-512, one thread, 10^6 values in [-10, 10] summed;
/// <c>VectorMathBenchmarks</c>, BenchmarkDotNet ShortRun, load average about 2.6): this Exp takes 147 µs in float
/// against the BCL's 336 µs (2.3x; the BCL computes float in double) and 498 µs in double against 669 µs (1.3x),
/// so the generated loops call these; <c>Tanh</c> takes 360 µs in float. A reciprocal estimate with Newton
/// steps instead of tanh's division measured slower, so tanh divides. The BCL has no vector tanh.
/// </para>
/// </summary>
/// <remarks>Generated code uses this type; user code may too.</remarks>
public static class VectorMath
{
    // Float: x is clamped to [-104, 89]: below, e^x < 2^-150 rounds to 0; above, e^x is +inf either way.
    private const float FloatLow = -104f, FloatHigh = 89f, FloatShifter = 12582912f; // 1.5 * 2^23
    private const float Log2EF = 1.44269504088896341f, Ln2HiF = 0.693359375f, Ln2LoF = -2.12194440e-4f;
    private const float E6F = 0.0013941108433972674608f, E5F = 0.008375126398153335682f, E4F = 0.041666352896775156786f,
        E3F = 0.16666415514653275427f, E2F = 0.50000000471177576744f, E1F = 1.0000000377162138425f;

    // Float tanh: (e^r - 1 - r) / r^2 on [-ln 2 / 2, ln 2 / 2], interpolated at the degree-5 Chebyshev nodes (relative error 3e-9).
    private const float M0F = 0.5000000013457727f, M1F = 0.16666666681614198f, M2F = 0.041666465006037864f,
        M3F = 0.008333310934463593f, M4F = 0.0013933641032195612f, M5F = 0.00019890980861711084f;

    // Float tanh: below -2|x| = -20, e^-2|x| < 2^-28 and tanh |x| rounds to 1.
    private const float TanhLowF = -20f;

    // Double: x is clamped to [-746, 710] for the same reasons (2^-1075 rounds to 0, e^710 overflows).
    private const double DoubleLow = -746d, DoubleHigh = 710d, DoubleShifter = 6755399441055744d; // 1.5 * 2^52
    private const double Log2ED = 1.4426950408889634074, Ln2HiD = 6.93147180369123816490e-01, Ln2LoD = 1.90821492927058770002e-10;
    private const double E11D = 2.5110037605963777712e-8, E10D = 2.7632639639041029749e-7, E9D = 2.7557240918578969823e-6,
        E8D = 0.000024801485482328492419, E7D = 0.00019841269890047113707, E6D = 0.0013888888952314774652,
        E5D = 0.0083333333333196006109, E4D = 0.041666666666488095495, E3D = 0.16666666666666680806,
        E2D = 0.50000000000000183855;

    private const double T10D = 0.00005083528596084721431, T9D = -0.00021000824758639780118, T8D = 0.00057893801967827069732,
        T7D = -0.0014531414927844132323, T6D = 0.0035917022693627031399, T5D = -0.0088631919608211257049,
        T4D = 0.021869485742840416514, T3D = -0.053968253863418386513, T2D = 0.13333333333131017855,
        T1D = -0.33333333333331807227;

    private const double TanhSmallD = 0.55;

    /// <summary>e^x per lane (see the type's remarks for accuracy).</summary>
    /// <remarks>Faster than the BCL's <c>Vector512.Exp</c> (see the type's remarks), so the generated loops call this one.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> clamped = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(FloatLow)), Vector512.Create(FloatHigh));
        Vector512<float> n = Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2EF), Vector512.Create(FloatShifter)) - Vector512.Create(FloatShifter);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2HiF), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2LoF), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(E6F), r, Vector512.Create(E5F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E1F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);

        // 2^n as 2^n1 2^n2 with n1 in [-126, 127], both normal floats: a subnormal result rounds once, in the last product.
        Vector512<float> result = Avx512F.IsSupported ? Avx512F.Scale(p, n) : ScaleByPowerOfTwo(p, n);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <inheritdoc cref="Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> clamped = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(FloatLow)), Vector256.Create(FloatHigh));
        Vector256<float> n = Vector256.FusedMultiplyAdd(clamped, Vector256.Create(Log2EF), Vector256.Create(FloatShifter)) - Vector256.Create(FloatShifter);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2HiF), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2LoF), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(E6F), r, Vector256.Create(E5F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E1F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        Vector256<float> result = Avx512F.VL.IsSupported ? Avx512F.VL.Scale(p, n) : ScaleByPowerOfTwo(p, n);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>e^x per lane (see the type's remarks for accuracy).</summary>
    /// <remarks>Faster than the BCL's <c>Vector512.Exp</c> (see the type's remarks), so the generated loops call this one.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(DoubleLow)), Vector512.Create(DoubleHigh));
        Vector512<double> n = Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2ED), Vector512.Create(DoubleShifter)) - Vector512.Create(DoubleShifter);
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2HiD), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2LoD), r);
        Vector512<double> p = Vector512.FusedMultiplyAdd(Vector512.Create(E11D), r, Vector512.Create(E10D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E9D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E8D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E7D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E6D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2D));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        Vector512<double> result = Avx512F.IsSupported ? Avx512F.Scale(p, n) : ScaleByPowerOfTwo(p, n);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <inheritdoc cref="Exp(Vector512{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(DoubleLow)), Vector256.Create(DoubleHigh));
        Vector256<double> n = Vector256.FusedMultiplyAdd(clamped, Vector256.Create(Log2ED), Vector256.Create(DoubleShifter)) - Vector256.Create(DoubleShifter);
        Vector256<double> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2HiD), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2LoD), r);
        Vector256<double> p = Vector256.FusedMultiplyAdd(Vector256.Create(E11D), r, Vector256.Create(E10D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E9D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E8D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E7D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E6D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2D));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        Vector256<double> result = Avx512F.VL.IsSupported ? Avx512F.VL.Scale(p, n) : ScaleByPowerOfTwo(p, n);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>tanh x per lane (see the type's remarks for accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        // m = e^y - 1 for y = -2|x|, as 2^n (e^r - 1) + (2^n - 1) with e^r - 1 = r + r^2 M(r): accurate near 0, no branch.
        Vector512<float> y = Vector512.MaxNative(Vector512.Create(-2f) * Vector512.Abs(x), Vector512.Create(TanhLowF));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(y, Vector512.Create(Log2EF), Vector512.Create(FloatShifter));
        Vector512<float> n = shifted - Vector512.Create(FloatShifter);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2HiF), y);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2LoF), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(M5F), r, Vector512.Create(M4F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(M3F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(M2F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(M1F));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(M0F));
        Vector512<float> expm1R = Vector512.FusedMultiplyAdd(r * r, p, r);

        // 2^n for n in [-29, 0]: the low bits of shifted hold n; shifted into the exponent field with its bias.
        Vector512<float> scale = ((shifted.AsInt32() + Vector512.Create(127)) << 23).AsSingle();
        Vector512<float> m = Vector512.FusedMultiplyAdd(scale, expm1R, scale - Vector512<float>.One);

        // tanh |x| = (1 - e^y) / (1 + e^y) = -m / (2 + m); the sign is x's, NaN stays NaN.
        Vector512<float> magnitude = -m / (Vector512.Create(2f) + m);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.CopySign(magnitude, x), x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        // m = e^y - 1 for y = -2|x|, as 2^n (e^r - 1) + (2^n - 1) with e^r - 1 = r + r^2 M(r): accurate near 0, no branch.
        Vector256<float> y = Vector256.MaxNative(Vector256.Create(-2f) * Vector256.Abs(x), Vector256.Create(TanhLowF));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(Log2EF), Vector256.Create(FloatShifter));
        Vector256<float> n = shifted - Vector256.Create(FloatShifter);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2HiF), y);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2LoF), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(M5F), r, Vector256.Create(M4F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(M3F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(M2F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(M1F));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(M0F));
        Vector256<float> expm1R = Vector256.FusedMultiplyAdd(r * r, p, r);

        // 2^n for n in [-29, 0]: the low bits of shifted hold n; shifted into the exponent field with its bias.
        Vector256<float> scale = ((shifted.AsInt32() + Vector256.Create(127)) << 23).AsSingle();
        Vector256<float> m = Vector256.FusedMultiplyAdd(scale, expm1R, scale - Vector256<float>.One);

        // tanh |x| = (1 - e^y) / (1 + e^y) = -m / (2 + m); the sign is x's, NaN stays NaN.
        Vector256<float> magnitude = -m / (Vector256.Create(2f) + m);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.CopySign(magnitude, x), x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        Vector512<double> a = Vector512.Abs(x), t = x * x;
        Vector512<double> p = Vector512.FusedMultiplyAdd(Vector512.Create(T10D), t, Vector512.Create(T9D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T8D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T7D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T6D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T5D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T4D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T3D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T2D));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(T1D));
        Vector512<double> small = Vector512.FusedMultiplyAdd(p * t, a, a);
        Vector512<double> large = Vector512<double>.One - (Vector512.Create(2d) / (Exp(a + a) + Vector512<double>.One));
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhSmallD)), small, large), x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> x)
    {
        Vector256<double> a = Vector256.Abs(x), t = x * x;
        Vector256<double> p = Vector256.FusedMultiplyAdd(Vector256.Create(T10D), t, Vector256.Create(T9D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T8D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T7D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T6D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T5D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T4D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T3D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T2D));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(T1D));
        Vector256<double> small = Vector256.FusedMultiplyAdd(p * t, a, a);
        Vector256<double> large = Vector256<double>.One - (Vector256.Create(2d) / (Exp(a + a) + Vector256<double>.One));
        return Vector256.CopySign(Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(TanhSmallD)), small, large), x);
    }

    /// <summary>1 / (1 + e^-x) per lane, within 4 ulp (see the type's remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> e = Exp(-Vector512.Abs(x));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.One, e) / (Vector512<float>.One + e);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> e = Exp(-Vector256.Abs(x));
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.One, e) / (Vector256<float>.One + e);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x)
    {
        Vector512<double> e = Exp(-Vector512.Abs(x));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), Vector512<double>.One, e) / (Vector512<double>.One + e);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> x)
    {
        Vector256<double> e = Exp(-Vector256.Abs(x));
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), Vector256<double>.One, e) / (Vector256<double>.One + e);
    }

    /// <summary>Functions.Relu per lane, x &lt;= 0 ? 0 : x, exactly: +0 for -0 and for every negative lane, NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => Vector512.AndNot(x, Vector512.LessThanOrEqual(x, Vector512<float>.Zero));

    /// <inheritdoc cref="Relu(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => Vector256.AndNot(x, Vector256.LessThanOrEqual(x, Vector256<float>.Zero));

    /// <inheritdoc cref="Relu(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Relu(Vector512<double> x) => Vector512.AndNot(x, Vector512.LessThanOrEqual(x, Vector512<double>.Zero));

    /// <inheritdoc cref="Relu(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Relu(Vector256<double> x) => Vector256.AndNot(x, Vector256.LessThanOrEqual(x, Vector256<double>.Zero));

    /// <summary>ln x per lane (see the type's remarks for accuracy): the BCL's <c>Vector512.Log</c>.</summary>
    /// <remarks>
    /// The BCL's vector log computes float in float (unlike its Exp, which widens to double), so it is used as it is;
    /// this wrapper gives the generated loops one name for every function they call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => Vector512.Log(x);

    /// <inheritdoc cref="Log(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => Vector256.Log(x);

    /// <inheritdoc cref="Log(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x) => Vector512.Log(x);

    /// <inheritdoc cref="Log(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x) => Vector256.Log(x);

    /// <summary>
    /// p 2^n for p in [1/2, 2) and integral n, as p 2^n1 2^n2 with n1 clamped so that p 2^n1 stays normal and exact, so
    /// a subnormal or overflowing result rounds once, in the last product (what AVX-512's vscalef does in one
    /// instruction, used instead where there is one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ScaleByPowerOfTwo(Vector512<float> p, Vector512<float> n)
    {
        Vector512<float> n1 = Vector512.MinNative(Vector512.MaxNative(n, Vector512.Create(-125f)), Vector512.Create(127f));
        return p * PowerOfTwo(n1) * PowerOfTwo(n - n1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ScaleByPowerOfTwo(Vector256<float> p, Vector256<float> n)
    {
        Vector256<float> n1 = Vector256.MinNative(Vector256.MaxNative(n, Vector256.Create(-125f)), Vector256.Create(127f));
        return p * PowerOfTwo(n1) * PowerOfTwo(n - n1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ScaleByPowerOfTwo(Vector512<double> p, Vector512<double> n)
    {
        Vector512<double> n1 = Vector512.MinNative(Vector512.MaxNative(n, Vector512.Create(-1021d)), Vector512.Create(1023d));
        return p * PowerOfTwo(n1) * PowerOfTwo(n - n1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ScaleByPowerOfTwo(Vector256<double> p, Vector256<double> n)
    {
        Vector256<double> n1 = Vector256.MinNative(Vector256.MaxNative(n, Vector256.Create(-1021d)), Vector256.Create(1023d));
        return p * PowerOfTwo(n1) * PowerOfTwo(n - n1);
    }

    /// <summary>2^k for integral k in [-126, 127], built in the exponent bits (k + 1.5 2^23 holds k in its low bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PowerOfTwo(Vector512<float> k)
        => ((((k + Vector512.Create(FloatShifter)).AsInt32()) + Vector512.Create(127)) << 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowerOfTwo(Vector256<float> k)
        => ((((k + Vector256.Create(FloatShifter)).AsInt32()) + Vector256.Create(127)) << 23).AsSingle();

    /// <summary>2^k for integral k in [-1022, 1023] (k + 1.5 2^52 holds k in its low bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowerOfTwo(Vector512<double> k)
        => ((((k + Vector512.Create(DoubleShifter)).AsInt64()) + Vector512.Create(1023L)) << 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<double> k)
        => ((((k + Vector256.Create(DoubleShifter)).AsInt64()) + Vector256.Create(1023L)) << 52).AsDouble();
}
