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

    /// <summary>e^x per lane (.NET's vectorized Exp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.Exp(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
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
