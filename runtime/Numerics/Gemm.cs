using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Numerics;

/// <summary>
/// The dense matrix products of a linear layer on a whole batch, for its forward pass and its gradient: row-major
/// spans, register-blocked (4 x 4 blocks of SIMD accumulators), fused multiply-add, the widest vectors the machine
/// accelerates (512, then 256, then 128 bits), narrower blocks and a scalar tail for the remainders. Single-threaded.
/// </summary>
/// <remarks>
/// Hand-written rather than <c>System.Numerics.Tensors.TensorPrimitives</c>: it has dot products and element-wise
/// maps but no matrix product, and a dot product per output element (what it offers) reloads both operands once per
/// element, where a 4 x 4 block loads each once per four outputs. The summation order differs from a sequential loop
/// (blocked partial sums), so results agree with one to rounding, not bit for bit.
/// </remarks>
public static partial class Gemm
{
    /// <summary>
    /// <c>C[i, k] = bias[k] + Σ_j A[i, j] · B[k, j]</c> for A m×n, B p×n, C m×p (<c>x · Wᵀ + b</c>, nn.Linear's forward).
    /// C is overwritten; an empty <paramref name="bias"/> means no bias.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="a">A, row-major m×n.</param>
    /// <param name="b">B, row-major p×n.</param>
    /// <param name="bias">p values, or empty.</param>
    /// <param name="c">C, row-major m×p.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="p">Rows of B, columns of C.</param>
    /// <param name="n">Columns of A and B.</param>
    public static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, (long)m * n, nameof(a));
        Check(b.Length, (long)p * n, nameof(b));
        Check(c.Length, (long)m * p, nameof(c));
        if (bias.Length != 0)
        {
            Check(bias.Length, p, nameof(bias));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            MultiplyTransposed<T, Lanes512<T>>(a, b, bias, c, m, p, n);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            MultiplyTransposed<T, Lanes256<T>>(a, b, bias, c, m, p, n);
        }
        else
        {
            MultiplyTransposed<T, Lanes128<T>>(a, b, bias, c, m, p, n);
        }
    }

    /// <summary><c>C[k, j] += Σ_i D[i, k] · X[i, j]</c> for D m×p, X m×n, C p×n (a weight's gradient, <c>dYᵀ · X</c>).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="d">D, row-major m×p.</param>
    /// <param name="x">X, row-major m×n.</param>
    /// <param name="c">C, row-major p×n, added into.</param>
    /// <param name="m">Rows of D and X.</param>
    /// <param name="p">Columns of D, rows of C.</param>
    /// <param name="n">Columns of X and C.</param>
    public static void AddTransposedMultiply<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> x, Span<T> c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(d.Length, (long)m * p, nameof(d));
        Check(x.Length, (long)m * n, nameof(x));
        Check(c.Length, (long)p * n, nameof(c));
        if (Vector512.IsHardwareAccelerated)
        {
            AddTransposedMultiply<T, Lanes512<T>>(d, x, c, m, p, n);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AddTransposedMultiply<T, Lanes256<T>>(d, x, c, m, p, n);
        }
        else
        {
            AddTransposedMultiply<T, Lanes128<T>>(d, x, c, m, p, n);
        }
    }

    /// <summary><c>E[i, k] += Σ_c D[i, c] · W[c, k]</c> for D m×q, W q×h, E m×h (an input's gradient, <c>dY · W</c>).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="d">D, row-major m×q.</param>
    /// <param name="w">W, row-major q×h.</param>
    /// <param name="e">E, row-major m×h, added into.</param>
    /// <param name="m">Rows of D and E.</param>
    /// <param name="q">Columns of D, rows of W.</param>
    /// <param name="h">Columns of W and E.</param>
    public static void AddMultiply<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> w, Span<T> e, int m, int q, int h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(d.Length, (long)m * q, nameof(d));
        Check(w.Length, (long)q * h, nameof(w));
        Check(e.Length, (long)m * h, nameof(e));
        if (Vector512.IsHardwareAccelerated)
        {
            AddMultiply<T, Lanes512<T>>(d, w, e, m, q, h);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AddMultiply<T, Lanes256<T>>(d, w, e, m, q, h);
        }
        else
        {
            AddMultiply<T, Lanes128<T>>(d, w, e, m, q, h);
        }
    }

    /// <summary><c>sums[k] += Σ_i D[i, k]</c> for D m×p (a bias's gradient).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="d">D, row-major m×p.</param>
    /// <param name="sums">p values, added into.</param>
    /// <param name="m">Rows of D.</param>
    /// <param name="p">Columns of D.</param>
    public static void AddColumnSums<T>(ReadOnlySpan<T> d, Span<T> sums, int m, int p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(d.Length, (long)m * p, nameof(d));
        Check(sums.Length, p, nameof(sums));
        for (int i = 0; i < m; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(sums, d.Slice(i * p, p), sums);
        }
    }

    private static void Check(int length, long expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Gemm: '{name}' has {length} values, expected {expected}.", name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTransposed<T, TLanes>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rc = ref MemoryMarshal.GetReference(c);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int k = 0;
            for (; k + 4 <= p; k += 4)
            {
                DotBlock4x4<T, TLanes>(ref Unsafe.Add(ref ra, i * n), ref Unsafe.Add(ref rb, k * n), ref Unsafe.Add(ref rc, (i * p) + k), bias, k, p, n);
            }

            for (; k < p; k++)
            {
                for (int r = i; r < i + 4; r++)
                {
                    Unsafe.Add(ref rc, (r * p) + k) = BiasAt(bias, k) + Dot<T, TLanes>(ref Unsafe.Add(ref ra, r * n), ref Unsafe.Add(ref rb, k * n), n);
                }
            }
        }

        for (; i < m; i++)
        {
            for (int k = 0; k < p; k++)
            {
                Unsafe.Add(ref rc, (i * p) + k) = BiasAt(bias, k) + Dot<T, TLanes>(ref Unsafe.Add(ref ra, i * n), ref Unsafe.Add(ref rb, k * n), n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T BiasAt<T>(ReadOnlySpan<T> bias, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
        => bias.Length == 0 ? T.Zero : bias[k];

    /// <summary>The 16 dot products of rows a..a+3 with rows b..b+3, plus the bias, into a 4 x 4 block of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotBlock4x4<T, TLanes>(ref T a0, ref T b0, ref T c0, ReadOnlySpan<T> bias, int k, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;
        ref T a1 = ref Unsafe.Add(ref a0, n);
        ref T a2 = ref Unsafe.Add(ref a1, n);
        ref T a3 = ref Unsafe.Add(ref a2, n);
        ref T b1 = ref Unsafe.Add(ref b0, n);
        ref T b2 = ref Unsafe.Add(ref b1, n);
        ref T b3 = ref Unsafe.Add(ref b2, n);
        TLanes s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        TLanes s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
        int j = 0;
        for (; j + lanes <= n; j += lanes)
        {
            nuint o = (nuint)j;
            TLanes x0 = TLanes.Load(ref a0, o), x1 = TLanes.Load(ref a1, o), x2 = TLanes.Load(ref a2, o), x3 = TLanes.Load(ref a3, o);
            TLanes y0 = TLanes.Load(ref b0, o), y1 = TLanes.Load(ref b1, o), y2 = TLanes.Load(ref b2, o), y3 = TLanes.Load(ref b3, o);
            s00 = TLanes.MultiplyAdd(x0, y0, s00); s01 = TLanes.MultiplyAdd(x0, y1, s01); s02 = TLanes.MultiplyAdd(x0, y2, s02); s03 = TLanes.MultiplyAdd(x0, y3, s03);
            s10 = TLanes.MultiplyAdd(x1, y0, s10); s11 = TLanes.MultiplyAdd(x1, y1, s11); s12 = TLanes.MultiplyAdd(x1, y2, s12); s13 = TLanes.MultiplyAdd(x1, y3, s13);
            s20 = TLanes.MultiplyAdd(x2, y0, s20); s21 = TLanes.MultiplyAdd(x2, y1, s21); s22 = TLanes.MultiplyAdd(x2, y2, s22); s23 = TLanes.MultiplyAdd(x2, y3, s23);
            s30 = TLanes.MultiplyAdd(x3, y0, s30); s31 = TLanes.MultiplyAdd(x3, y1, s31); s32 = TLanes.MultiplyAdd(x3, y2, s32); s33 = TLanes.MultiplyAdd(x3, y3, s33);
        }

        Span<T> sums = stackalloc T[16];
        sums[0] = TLanes.Sum(s00); sums[1] = TLanes.Sum(s01); sums[2] = TLanes.Sum(s02); sums[3] = TLanes.Sum(s03);
        sums[4] = TLanes.Sum(s10); sums[5] = TLanes.Sum(s11); sums[6] = TLanes.Sum(s12); sums[7] = TLanes.Sum(s13);
        sums[8] = TLanes.Sum(s20); sums[9] = TLanes.Sum(s21); sums[10] = TLanes.Sum(s22); sums[11] = TLanes.Sum(s23);
        sums[12] = TLanes.Sum(s30); sums[13] = TLanes.Sum(s31); sums[14] = TLanes.Sum(s32); sums[15] = TLanes.Sum(s33);
        for (int r = 0; r < 4; r++)
        {
            ref T ar = ref Unsafe.Add(ref a0, r * n);
            for (int s = 0; s < 4; s++)
            {
                ref T bs = ref Unsafe.Add(ref b0, s * n);
                T sum = sums[(r * 4) + s] + BiasAt(bias, k + s);
                for (int t = j; t < n; t++)
                {
                    sum += Unsafe.Add(ref ar, t) * Unsafe.Add(ref bs, t);
                }

                Unsafe.Add(ref c0, (r * p) + s) = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot<T, TLanes>(ref T a, ref T b, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;
        TLanes sum = default;
        int j = 0;
        for (; j + lanes <= n; j += lanes)
        {
            sum = TLanes.MultiplyAdd(TLanes.Load(ref a, (nuint)j), TLanes.Load(ref b, (nuint)j), sum);
        }

        T result = TLanes.Sum(sum);
        for (; j < n; j++)
        {
            result += Unsafe.Add(ref a, j) * Unsafe.Add(ref b, j);
        }

        return result;
    }

    private static T ColumnDot<T>(ref T d, ref T x, int k, int j, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < m; i++)
        {
            sum += Unsafe.Add(ref d, (i * p) + k) * Unsafe.Add(ref x, (i * n) + j);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddMultiply<T, TLanes>(ReadOnlySpan<T> d, ReadOnlySpan<T> w, Span<T> e, int m, int q, int h)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;
        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T rw = ref MemoryMarshal.GetReference(w);
        ref T re = ref MemoryMarshal.GetReference(e);
        for (int i = 0; i < m; i++)
        {
            ref T ei = ref Unsafe.Add(ref re, i * h);
            ref T di = ref Unsafe.Add(ref rd, i * q);
            int k = 0;
            for (; k + (4 * lanes) <= h; k += 4 * lanes)
            {
                // Four vectors of row i of E; each W row segment is loaded once per row of E.
                nuint o0 = (nuint)k, o1 = (nuint)(k + lanes), o2 = (nuint)(k + (2 * lanes)), o3 = (nuint)(k + (3 * lanes));
                TLanes s0 = TLanes.Load(ref ei, o0), s1 = TLanes.Load(ref ei, o1), s2 = TLanes.Load(ref ei, o2), s3 = TLanes.Load(ref ei, o3);
                for (int c = 0; c < q; c++)
                {
                    TLanes dc = TLanes.Broadcast(Unsafe.Add(ref di, c));
                    ref T wc = ref Unsafe.Add(ref rw, c * h);
                    s0 = TLanes.MultiplyAdd(dc, TLanes.Load(ref wc, o0), s0);
                    s1 = TLanes.MultiplyAdd(dc, TLanes.Load(ref wc, o1), s1);
                    s2 = TLanes.MultiplyAdd(dc, TLanes.Load(ref wc, o2), s2);
                    s3 = TLanes.MultiplyAdd(dc, TLanes.Load(ref wc, o3), s3);
                }

                TLanes.Store(s0, ref ei, o0); TLanes.Store(s1, ref ei, o1); TLanes.Store(s2, ref ei, o2); TLanes.Store(s3, ref ei, o3);
            }

            for (; k + lanes <= h; k += lanes)
            {
                TLanes s = TLanes.Load(ref ei, (nuint)k);
                for (int c = 0; c < q; c++)
                {
                    s = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref di, c)), TLanes.Load(ref rw, (nuint)((c * h) + k)), s);
                }

                TLanes.Store(s, ref ei, (nuint)k);
            }

            for (; k < h; k++)
            {
                T sum = T.Zero;
                for (int c = 0; c < q; c++)
                {
                    sum += Unsafe.Add(ref di, c) * Unsafe.Add(ref rw, (c * h) + k);
                }

                Unsafe.Add(ref ei, k) += sum;
            }
        }
    }
}
