using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>Generic Vector512 helpers for the hand-written SIMD implementations; the JIT keeps one branch per T.</summary>
public static class Simd
{
    /// <summary>a * b + c with one rounding (vfmadd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }

    /// <summary>e^x per lane: <see cref="ExpFloat"/> for float, .NET's vectorized Exp for double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return ExpFloat(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>
    /// e^x in float without widening to double: x = n ln 2 + r with |r| &lt;= ln 2 / 2 (Cody-Waite, ln 2 in two parts),
    /// e^r by its degree-6 Taylor polynomial (relative error below 2e-7), times 2^n built in the exponent bits.
    /// Inputs are clamped to [-87, 88], where 2^n stays a normal float.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpFloat(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87f)), Vector512.Create(88f));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(1.44269504f));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(r, Vector512.Create(1f / 720), Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        Vector512<int> exponent = (Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23;
        return p * exponent.AsSingle();
    }

    /// <summary>ln x per lane (.NET's vectorized Log).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.Log(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.Log(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>tanh x per lane, as sign(x) (1 - 2 / (e^(2|x|) + 1)): absolute error within a few units of 1's last place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh<T>(Vector512<T> x) where T : INumberBase<T>
    {
        Vector512<T> two = Vector512.Create(T.One + T.One);
        Vector512<T> magnitude = Vector512<T>.One - (two / (Exp(two * Vector512.Abs(x)) + Vector512<T>.One));
        return Vector512.CopySign(magnitude, x);
    }

    /// <summary>Lanes [0, count) set, the rest clear: for a partial vector at the end of a row.</summary>
    public static Vector512<T> FirstLanes<T>(int count) where T : INumberBase<T>
    {
        Vector512<T> mask = Vector512<T>.Zero;
        for (int i = 0; i < Math.Min(count, Vector512<T>.Count); i++)
        {
            mask = mask.WithElement(i, T.One);
        }

        return mask;
    }
}
