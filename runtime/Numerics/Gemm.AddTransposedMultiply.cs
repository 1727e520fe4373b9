using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Numerics;

/// <summary>
/// <see cref="AddTransposedMultiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>, a weight's
/// gradient <c>C += Dᵀ · X</c>: each block of C (four rows, up to four vectors wide) stays in registers over all m rows
/// of D and X and is loaded and stored once. Per row of X, four loads and four broadcasts feed sixteen fused
/// multiply-adds (with 512-bit vectors; with narrower ones, which come with half the registers, blocks are two vectors
/// wide). A row of C whose length is not a whole number of vectors ends with one vector that overlaps the previous
/// one, its repeated lanes masked out on the store, so no column runs scalar unless a row is shorter than one vector.
/// </summary>
public static partial class Gemm
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTransposedMultiply<T, TLanes>(ReadOnlySpan<T> d, ReadOnlySpan<T> x, Span<T> c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;

        // 32 vector registers with 512-bit vectors hold a 4 x 4 block's 16 accumulators and its operands; 16 do not.
        int width = typeof(TLanes) == typeof(Lanes512<T>) ? 4 : 2;
        ref T rd = ref MemoryMarshal.GetReference(d);
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rc = ref MemoryMarshal.GetReference(c);

        // The last vector of a row, when n is not a whole number of vectors: it ends at n, and its lanes below
        // `fresh` were done by the vector before it.
        int tail = n % lanes;
        bool overlapped = tail != 0 && n >= lanes;
        TLanes fresh = overlapped ? TLanes.LanesFrom(lanes - tail) : default;
        int k = 0;
        for (; k + 4 <= p; k += 4)
        {
            ref T c0 = ref Unsafe.Add(ref rc, k * n);
            ref T di = ref Unsafe.Add(ref rd, k);
            int j = 0;
            if (width == 4)
            {
                for (; j + (4 * lanes) <= n; j += 4 * lanes)
                {
                    AddBlock4x4<T, TLanes>(ref di, ref Unsafe.Add(ref rx, j), ref Unsafe.Add(ref c0, j), m, p, n);
                }
            }

            for (; j + (2 * lanes) <= n; j += 2 * lanes)
            {
                AddBlock4x2<T, TLanes>(ref di, ref Unsafe.Add(ref rx, j), ref Unsafe.Add(ref c0, j), m, p, n);
            }

            for (; j + lanes <= n; j += lanes)
            {
                AddBlock4x1<T, TLanes>(ref di, ref Unsafe.Add(ref rx, j), ref Unsafe.Add(ref c0, j), m, p, n, default, false);
            }

            if (overlapped)
            {
                AddBlock4x1<T, TLanes>(ref di, ref Unsafe.Add(ref rx, n - lanes), ref Unsafe.Add(ref c0, n - lanes), m, p, n, fresh, true);
            }
            else
            {
                // Rows shorter than one vector.
                for (; j < n; j++)
                {
                    for (int r = 0; r < 4; r++)
                    {
                        Unsafe.Add(ref rc, ((k + r) * n) + j) += ColumnDot(ref rd, ref rx, k + r, j, m, p, n);
                    }
                }
            }
        }

        for (; k < p; k++)
        {
            ref T ck = ref Unsafe.Add(ref rc, k * n);
            ref T dk = ref Unsafe.Add(ref rd, k);
            int j = 0;
            for (; j + lanes <= n; j += lanes)
            {
                AddBlock1x1<T, TLanes>(ref dk, ref Unsafe.Add(ref rx, j), ref Unsafe.Add(ref ck, j), m, p, n, default, false);
            }

            if (overlapped)
            {
                AddBlock1x1<T, TLanes>(ref dk, ref Unsafe.Add(ref rx, n - lanes), ref Unsafe.Add(ref ck, n - lanes), m, p, n, fresh, true);
            }
            else
            {
                for (; j < n; j++)
                {
                    Unsafe.Add(ref ck, j) += ColumnDot(ref rd, ref rx, k, j, m, p, n);
                }
            }
        }
    }

    // C[0..3, 0..4 vectors] += Σ_i D[i, 0..3] X[i, 0..4 vectors]; d, x and c point at the block's first elements.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock4x4<T, TLanes>(ref T d, ref T x, ref T c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        nuint o1 = (nuint)TLanes.Count, o2 = 2 * o1, o3 = 3 * o1;
        ref T c1 = ref Unsafe.Add(ref c, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TLanes s00 = TLanes.Load(ref c, 0), s01 = TLanes.Load(ref c, o1), s02 = TLanes.Load(ref c, o2), s03 = TLanes.Load(ref c, o3);
        TLanes s10 = TLanes.Load(ref c1, 0), s11 = TLanes.Load(ref c1, o1), s12 = TLanes.Load(ref c1, o2), s13 = TLanes.Load(ref c1, o3);
        TLanes s20 = TLanes.Load(ref c2, 0), s21 = TLanes.Load(ref c2, o1), s22 = TLanes.Load(ref c2, o2), s23 = TLanes.Load(ref c2, o3);
        TLanes s30 = TLanes.Load(ref c3, 0), s31 = TLanes.Load(ref c3, o1), s32 = TLanes.Load(ref c3, o2), s33 = TLanes.Load(ref c3, o3);
        for (int i = 0; i < m; i++)
        {
            ref T row = ref Unsafe.Add(ref x, i * n);
            ref T di = ref Unsafe.Add(ref d, i * p);
            TLanes x0 = TLanes.Load(ref row, 0), x1 = TLanes.Load(ref row, o1), x2 = TLanes.Load(ref row, o2), x3 = TLanes.Load(ref row, o3);
            TLanes d0 = TLanes.Broadcast(di);
            s00 = TLanes.MultiplyAdd(d0, x0, s00); s01 = TLanes.MultiplyAdd(d0, x1, s01); s02 = TLanes.MultiplyAdd(d0, x2, s02); s03 = TLanes.MultiplyAdd(d0, x3, s03);
            TLanes d1 = TLanes.Broadcast(Unsafe.Add(ref di, 1));
            s10 = TLanes.MultiplyAdd(d1, x0, s10); s11 = TLanes.MultiplyAdd(d1, x1, s11); s12 = TLanes.MultiplyAdd(d1, x2, s12); s13 = TLanes.MultiplyAdd(d1, x3, s13);
            TLanes d2 = TLanes.Broadcast(Unsafe.Add(ref di, 2));
            s20 = TLanes.MultiplyAdd(d2, x0, s20); s21 = TLanes.MultiplyAdd(d2, x1, s21); s22 = TLanes.MultiplyAdd(d2, x2, s22); s23 = TLanes.MultiplyAdd(d2, x3, s23);
            TLanes d3 = TLanes.Broadcast(Unsafe.Add(ref di, 3));
            s30 = TLanes.MultiplyAdd(d3, x0, s30); s31 = TLanes.MultiplyAdd(d3, x1, s31); s32 = TLanes.MultiplyAdd(d3, x2, s32); s33 = TLanes.MultiplyAdd(d3, x3, s33);
        }

        TLanes.Store(s00, ref c, 0); TLanes.Store(s01, ref c, o1); TLanes.Store(s02, ref c, o2); TLanes.Store(s03, ref c, o3);
        TLanes.Store(s10, ref c1, 0); TLanes.Store(s11, ref c1, o1); TLanes.Store(s12, ref c1, o2); TLanes.Store(s13, ref c1, o3);
        TLanes.Store(s20, ref c2, 0); TLanes.Store(s21, ref c2, o1); TLanes.Store(s22, ref c2, o2); TLanes.Store(s23, ref c2, o3);
        TLanes.Store(s30, ref c3, 0); TLanes.Store(s31, ref c3, o1); TLanes.Store(s32, ref c3, o2); TLanes.Store(s33, ref c3, o3);
    }

    // As AddBlock4x4, two vectors wide.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock4x2<T, TLanes>(ref T d, ref T x, ref T c, int m, int p, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        nuint o1 = (nuint)TLanes.Count;
        ref T c1 = ref Unsafe.Add(ref c, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TLanes s00 = TLanes.Load(ref c, 0), s01 = TLanes.Load(ref c, o1), s10 = TLanes.Load(ref c1, 0), s11 = TLanes.Load(ref c1, o1);
        TLanes s20 = TLanes.Load(ref c2, 0), s21 = TLanes.Load(ref c2, o1), s30 = TLanes.Load(ref c3, 0), s31 = TLanes.Load(ref c3, o1);
        for (int i = 0; i < m; i++)
        {
            ref T row = ref Unsafe.Add(ref x, i * n);
            ref T di = ref Unsafe.Add(ref d, i * p);
            TLanes x0 = TLanes.Load(ref row, 0), x1 = TLanes.Load(ref row, o1);
            TLanes d0 = TLanes.Broadcast(di), d1 = TLanes.Broadcast(Unsafe.Add(ref di, 1));
            TLanes d2 = TLanes.Broadcast(Unsafe.Add(ref di, 2)), d3 = TLanes.Broadcast(Unsafe.Add(ref di, 3));
            s00 = TLanes.MultiplyAdd(d0, x0, s00); s01 = TLanes.MultiplyAdd(d0, x1, s01);
            s10 = TLanes.MultiplyAdd(d1, x0, s10); s11 = TLanes.MultiplyAdd(d1, x1, s11);
            s20 = TLanes.MultiplyAdd(d2, x0, s20); s21 = TLanes.MultiplyAdd(d2, x1, s21);
            s30 = TLanes.MultiplyAdd(d3, x0, s30); s31 = TLanes.MultiplyAdd(d3, x1, s31);
        }

        TLanes.Store(s00, ref c, 0); TLanes.Store(s01, ref c, o1); TLanes.Store(s10, ref c1, 0); TLanes.Store(s11, ref c1, o1);
        TLanes.Store(s20, ref c2, 0); TLanes.Store(s21, ref c2, o1); TLanes.Store(s30, ref c3, 0); TLanes.Store(s31, ref c3, o1);
    }

    // As AddBlock4x4, one vector wide; when masked, only the lanes set in `fresh` are stored (the others overlap the
    // vector before, which already added them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock4x1<T, TLanes>(ref T d, ref T x, ref T c, int m, int p, int n, TLanes fresh, bool masked)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        ref T c1 = ref Unsafe.Add(ref c, n);
        ref T c2 = ref Unsafe.Add(ref c1, n);
        ref T c3 = ref Unsafe.Add(ref c2, n);
        TLanes s0 = TLanes.Load(ref c, 0), s1 = TLanes.Load(ref c1, 0), s2 = TLanes.Load(ref c2, 0), s3 = TLanes.Load(ref c3, 0);
        for (int i = 0; i < m; i++)
        {
            TLanes x0 = TLanes.Load(ref x, (nuint)(i * n));
            ref T di = ref Unsafe.Add(ref d, i * p);
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(di), x0, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref di, 1)), x0, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref di, 2)), x0, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref di, 3)), x0, s3);
        }

        StoreFresh(s0, ref c, fresh, masked);
        StoreFresh(s1, ref c1, fresh, masked);
        StoreFresh(s2, ref c2, fresh, masked);
        StoreFresh(s3, ref c3, fresh, masked);
    }

    // One row of C, one vector wide (the rows left after the blocks of four).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock1x1<T, TLanes>(ref T d, ref T x, ref T c, int m, int p, int n, TLanes fresh, bool masked)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes s = TLanes.Load(ref c, 0);
        for (int i = 0; i < m; i++)
        {
            s = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d, i * p)), TLanes.Load(ref x, (nuint)(i * n)), s);
        }

        StoreFresh(s, ref c, fresh, masked);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFresh<T, TLanes>(TLanes value, ref T destination, TLanes fresh, bool masked)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes.Store(masked ? TLanes.Select(fresh, value, TLanes.Load(ref destination, 0)) : value, ref destination, 0);
    }
}
