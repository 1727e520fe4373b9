using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// The matrix products of W2's hand-written SIMD step, register-blocked with Vector512 and FMA (single-threaded):
/// row-major spans, remainders handled by narrower blocks and a scalar tail.
/// </summary>
public static class MlpKernels
{
    /// <summary>C[i, k] = bias[k] + Σ_j A[i, j] B[k, j], for A m×n, B p×n and C m×p (x W^T, as nn.Linear): 4×4 blocks of dot products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int p, int n)
        where T : unmanaged, INumber<T>
    {
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int k = 0;
            for (; k + 4 <= p; k += 4)
            {
                Block4x4(ref ra, ref rb, bias, c, i, k, p, n);
            }

            for (; k < p; k++)
            {
                for (int r = i; r < i + 4; r++)
                {
                    c[(r * p) + k] = bias[k] + Dot(ref Unsafe.Add(ref ra, r * n), ref Unsafe.Add(ref rb, k * n), n);
                }
            }
        }

        for (; i < m; i++)
        {
            for (int k = 0; k < p; k++)
            {
                c[(i * p) + k] = bias[k] + Dot(ref Unsafe.Add(ref ra, i * n), ref Unsafe.Add(ref rb, k * n), n);
            }
        }
    }

    /// <summary>C[k, j] = Σ_i D[i, k] X[i, j], for D m×p, X m×n and C p×n (a weight's gradient, dZ^T X): 4 rows × 4 vectors of C per block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedMultiply<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> x, Span<T> c, int m, int p, int n)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector512<T>.Count;
        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rc = ref MemoryMarshal.GetReference(c);
        int k = 0;
        for (; k + 4 <= p; k += 4)
        {
            int j = 0;
            for (; j + (4 * lanes) <= n; j += 4 * lanes)
            {
                Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
                Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
                for (int i = 0; i < m; i++)
                {
                    ref T row = ref Unsafe.Add(ref rx, (i * n) + j);
                    Vector512<T> x0 = Vector512.LoadUnsafe(ref row), x1 = Vector512.LoadUnsafe(ref row, (nuint)lanes);
                    Vector512<T> x2 = Vector512.LoadUnsafe(ref row, (nuint)(2 * lanes)), x3 = Vector512.LoadUnsafe(ref row, (nuint)(3 * lanes));
                    ref T di = ref Unsafe.Add(ref rd, (i * p) + k);
                    Vector512<T> d0 = Vector512.Create(di), d1 = Vector512.Create(Unsafe.Add(ref di, 1));
                    Vector512<T> d2 = Vector512.Create(Unsafe.Add(ref di, 2)), d3 = Vector512.Create(Unsafe.Add(ref di, 3));
                    c00 = Simd.Fma(d0, x0, c00); c01 = Simd.Fma(d0, x1, c01); c02 = Simd.Fma(d0, x2, c02); c03 = Simd.Fma(d0, x3, c03);
                    c10 = Simd.Fma(d1, x0, c10); c11 = Simd.Fma(d1, x1, c11); c12 = Simd.Fma(d1, x2, c12); c13 = Simd.Fma(d1, x3, c13);
                    c20 = Simd.Fma(d2, x0, c20); c21 = Simd.Fma(d2, x1, c21); c22 = Simd.Fma(d2, x2, c22); c23 = Simd.Fma(d2, x3, c23);
                    c30 = Simd.Fma(d3, x0, c30); c31 = Simd.Fma(d3, x1, c31); c32 = Simd.Fma(d3, x2, c32); c33 = Simd.Fma(d3, x3, c33);
                }

                Store4(ref Unsafe.Add(ref rc, (k * n) + j), lanes, c00, c01, c02, c03);
                Store4(ref Unsafe.Add(ref rc, ((k + 1) * n) + j), lanes, c10, c11, c12, c13);
                Store4(ref Unsafe.Add(ref rc, ((k + 2) * n) + j), lanes, c20, c21, c22, c23);
                Store4(ref Unsafe.Add(ref rc, ((k + 3) * n) + j), lanes, c30, c31, c32, c33);
            }

            for (; j + lanes <= n; j += lanes)
            {
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                for (int i = 0; i < m; i++)
                {
                    Vector512<T> x0 = Vector512.LoadUnsafe(ref rx, (nuint)((i * n) + j));
                    ref T di = ref Unsafe.Add(ref rd, (i * p) + k);
                    c0 = Simd.Fma(Vector512.Create(di), x0, c0);
                    c1 = Simd.Fma(Vector512.Create(Unsafe.Add(ref di, 1)), x0, c1);
                    c2 = Simd.Fma(Vector512.Create(Unsafe.Add(ref di, 2)), x0, c2);
                    c3 = Simd.Fma(Vector512.Create(Unsafe.Add(ref di, 3)), x0, c3);
                }

                c0.StoreUnsafe(ref rc, (nuint)((k * n) + j));
                c1.StoreUnsafe(ref rc, (nuint)(((k + 1) * n) + j));
                c2.StoreUnsafe(ref rc, (nuint)(((k + 2) * n) + j));
                c3.StoreUnsafe(ref rc, (nuint)(((k + 3) * n) + j));
            }

            for (; j < n; j++)
            {
                for (int r = k; r < k + 4; r++)
                {
                    c[(r * n) + j] = ColumnDot(d, x, r, j, m, p, n);
                }
            }
        }

        for (; k < p; k++)
        {
            int j = 0;
            for (; j + lanes <= n; j += lanes)
            {
                Vector512<T> c0 = default;
                for (int i = 0; i < m; i++)
                {
                    c0 = Simd.Fma(Vector512.Create(Unsafe.Add(ref rd, (i * p) + k)), Vector512.LoadUnsafe(ref rx, (nuint)((i * n) + j)), c0);
                }

                c0.StoreUnsafe(ref rc, (nuint)((k * n) + j));
            }

            for (; j < n; j++)
            {
                c[(k * n) + j] = ColumnDot(d, x, k, j, m, p, n);
            }
        }
    }

    /// <summary>E[i, k] = (Σ_c D[i, c] W[c, k]) where mask[i, k] &gt; 0, else 0, for D m×q, W q×h: the gradient through ReLU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyMasked<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> w, ReadOnlySpan<T> mask, Span<T> e, int m, int q, int h)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector512<T>.Count;
        ref T rw = ref MemoryMarshal.GetReference(w);
        ref T rm = ref MemoryMarshal.GetReference(mask);
        ref T re = ref MemoryMarshal.GetReference(e);
        for (int i = 0; i < m; i++)
        {
            int k = 0;
            for (; k + lanes <= h; k += lanes)
            {
                Vector512<T> sum = default;
                for (int c = 0; c < q; c++)
                {
                    sum = Simd.Fma(Vector512.Create(d[(i * q) + c]), Vector512.LoadUnsafe(ref rw, (nuint)((c * h) + k)), sum);
                }

                Vector512<T> positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref rm, (nuint)((i * h) + k)), Vector512<T>.Zero);
                (sum & positive).StoreUnsafe(ref re, (nuint)((i * h) + k));
            }

            for (; k < h; k++)
            {
                T sum = T.Zero;
                for (int c = 0; c < q; c++)
                {
                    sum += d[(i * q) + c] * w[(c * h) + k];
                }

                e[(i * h) + k] = mask[(i * h) + k] > T.Zero ? sum : T.Zero;
            }
        }
    }

    /// <summary>Column sums of an m×p matrix: a bias's gradient.</summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> d, Span<T> sums, int m, int p)
        where T : unmanaged, INumber<T>
    {
        sums.Clear();
        int lanes = Vector512<T>.Count;
        for (int i = 0; i < m; i++)
        {
            int k = 0;
            for (; k + lanes <= p; k += lanes)
            {
                (Vector512.Create(sums.Slice(k, lanes)) + Vector512.Create(d.Slice((i * p) + k, lanes))).CopyTo(sums.Slice(k, lanes));
            }

            for (; k < p; k++)
            {
                sums[k] += d[(i * p) + k];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x4<T>(ref T ra, ref T rb, ReadOnlySpan<T> bias, Span<T> c, int i, int k, int p, int n)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector512<T>.Count;
        ref T a0 = ref Unsafe.Add(ref ra, i * n);
        ref T a1 = ref Unsafe.Add(ref a0, n);
        ref T a2 = ref Unsafe.Add(ref a1, n);
        ref T a3 = ref Unsafe.Add(ref a2, n);
        ref T b0 = ref Unsafe.Add(ref rb, k * n);
        ref T b1 = ref Unsafe.Add(ref b0, n);
        ref T b2 = ref Unsafe.Add(ref b1, n);
        ref T b3 = ref Unsafe.Add(ref b2, n);
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        int j = 0;
        for (; j + lanes <= n; j += lanes)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref a0, (nuint)j), x1 = Vector512.LoadUnsafe(ref a1, (nuint)j);
            Vector512<T> x2 = Vector512.LoadUnsafe(ref a2, (nuint)j), x3 = Vector512.LoadUnsafe(ref a3, (nuint)j);
            Vector512<T> y0 = Vector512.LoadUnsafe(ref b0, (nuint)j), y1 = Vector512.LoadUnsafe(ref b1, (nuint)j);
            Vector512<T> y2 = Vector512.LoadUnsafe(ref b2, (nuint)j), y3 = Vector512.LoadUnsafe(ref b3, (nuint)j);
            c00 = Simd.Fma(x0, y0, c00); c01 = Simd.Fma(x0, y1, c01); c02 = Simd.Fma(x0, y2, c02); c03 = Simd.Fma(x0, y3, c03);
            c10 = Simd.Fma(x1, y0, c10); c11 = Simd.Fma(x1, y1, c11); c12 = Simd.Fma(x1, y2, c12); c13 = Simd.Fma(x1, y3, c13);
            c20 = Simd.Fma(x2, y0, c20); c21 = Simd.Fma(x2, y1, c21); c22 = Simd.Fma(x2, y2, c22); c23 = Simd.Fma(x2, y3, c23);
            c30 = Simd.Fma(x3, y0, c30); c31 = Simd.Fma(x3, y1, c31); c32 = Simd.Fma(x3, y2, c32); c33 = Simd.Fma(x3, y3, c33);
        }

        Span<T> sums = stackalloc T[16];
        sums[0] = Vector512.Sum(c00); sums[1] = Vector512.Sum(c01); sums[2] = Vector512.Sum(c02); sums[3] = Vector512.Sum(c03);
        sums[4] = Vector512.Sum(c10); sums[5] = Vector512.Sum(c11); sums[6] = Vector512.Sum(c12); sums[7] = Vector512.Sum(c13);
        sums[8] = Vector512.Sum(c20); sums[9] = Vector512.Sum(c21); sums[10] = Vector512.Sum(c22); sums[11] = Vector512.Sum(c23);
        sums[12] = Vector512.Sum(c30); sums[13] = Vector512.Sum(c31); sums[14] = Vector512.Sum(c32); sums[15] = Vector512.Sum(c33);
        for (int r = 0; r < 4; r++)
        {
            for (int s = 0; s < 4; s++)
            {
                T sum = sums[(r * 4) + s] + bias[k + s];
                for (int t = j; t < n; t++)
                {
                    sum += Unsafe.Add(ref ra, ((i + r) * n) + t) * Unsafe.Add(ref rb, ((k + s) * n) + t);
                }

                c[((i + r) * p) + k + s] = sum;
            }
        }
    }

    private static T Dot<T>(ref T a, ref T b, int n)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector512<T>.Count;
        Vector512<T> sum = default;
        int j = 0;
        for (; j + lanes <= n; j += lanes)
        {
            sum = Simd.Fma(Vector512.LoadUnsafe(ref a, (nuint)j), Vector512.LoadUnsafe(ref b, (nuint)j), sum);
        }

        T result = Vector512.Sum(sum);
        for (; j < n; j++)
        {
            result += Unsafe.Add(ref a, j) * Unsafe.Add(ref b, j);
        }

        return result;
    }

    private static T ColumnDot<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> x, int k, int j, int m, int p, int n)
        where T : unmanaged, INumber<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < m; i++)
        {
            sum += d[(i * p) + k] * x[(i * n) + j];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<T>(ref T destination, int lanes, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3)
    {
        v0.StoreUnsafe(ref destination);
        v1.StoreUnsafe(ref destination, (nuint)lanes);
        v2.StoreUnsafe(ref destination, (nuint)(2 * lanes));
        v3.StoreUnsafe(ref destination, (nuint)(3 * lanes));
    }
}
