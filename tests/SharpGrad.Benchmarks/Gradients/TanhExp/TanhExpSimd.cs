using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>
/// W4 by hand with Vector512, one fused pass: per vector, u = 0.75 x - 0.25 (FMA), t = tanh u and e = exp(-x)
/// (vectorized, both from exponentials), the value t^2 e into two accumulators and the derivative
/// t e (1.5 (1 - t^2) - t) stored. The tail is scalar.
/// </summary>
public sealed class TanhExpSimd<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _x;
    private readonly T[] _grad = new T[TanhExpData.Length];

    public TanhExpSimd(TanhExpData data) => _x = Spans.To<T>(data.X);

    public string Name => "hand SIMD " + Spans.Name<T>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Step()
    {
        int lanes = Vector512<T>.Count, n = _x.Length;
        ref T x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref T g = ref MemoryMarshal.GetArrayDataReference(_grad);
        Vector512<T> a = Vector512.Create(T.CreateTruncating(0.75)), b = Vector512.Create(T.CreateTruncating(-0.25));
        Vector512<T> c = Vector512.Create(T.CreateTruncating(1.5));
        Vector512<T> sum0 = Vector512<T>.Zero, sum1 = Vector512<T>.Zero;
        int i = 0;
        for (; i + (2 * lanes) <= n; i += 2 * lanes)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref x, (nuint)i), x1 = Vector512.LoadUnsafe(ref x, (nuint)(i + lanes));
            Vector512<T> t0 = Simd.Tanh(Simd.Fma(a, x0, b)), t1 = Simd.Tanh(Simd.Fma(a, x1, b));
            Vector512<T> e0 = Simd.Exp(-x0), e1 = Simd.Exp(-x1);
            Vector512<T> tt0 = t0 * t0, tt1 = t1 * t1;
            sum0 = Simd.Fma(tt0, e0, sum0);
            sum1 = Simd.Fma(tt1, e1, sum1);
            (t0 * e0 * Simd.Fma(c, Vector512<T>.One - tt0, -t0)).StoreUnsafe(ref g, (nuint)i);
            (t1 * e1 * Simd.Fma(c, Vector512<T>.One - tt1, -t1)).StoreUnsafe(ref g, (nuint)(i + lanes));
        }

        T sum = Vector512.Sum(sum0 + sum1);
        T sa = a.ToScalar(), sb = b.ToScalar(), sc = c.ToScalar();
        for (; i < n; i++)
        {
            T xi = Unsafe.Add(ref x, i);
            T t = T.Tanh((sa * xi) + sb), e = T.Exp(-xi);
            sum += t * t * e;
            Unsafe.Add(ref g, i) = t * e * ((sc * (T.One - (t * t))) - t);
        }

        return double.CreateTruncating(sum);
    }

    /// <summary>The value alone, with the same vector functions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Primal()
    {
        int lanes = Vector512<T>.Count, n = _x.Length;
        ref T x = ref MemoryMarshal.GetArrayDataReference(_x);
        Vector512<T> a = Vector512.Create(T.CreateTruncating(0.75)), b = Vector512.Create(T.CreateTruncating(-0.25));
        Vector512<T> sum0 = Vector512<T>.Zero;
        int i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref x, (nuint)i);
            Vector512<T> t0 = Simd.Tanh(Simd.Fma(a, x0, b));
            sum0 = Simd.Fma(t0 * t0, Simd.Exp(-x0), sum0);
        }

        T sum = Vector512.Sum(sum0);
        for (; i < n; i++)
        {
            T xi = Unsafe.Add(ref x, i);
            T t = T.Tanh((a.ToScalar() * xi) + b.ToScalar());
            sum += t * t * T.Exp(-xi);
        }

        return double.CreateTruncating(sum);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_x)];

    public double[][] Gradients() => [Agreement.Widen<T>(_grad)];
}
