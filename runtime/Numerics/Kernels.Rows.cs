using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Numerics;

/// <summary>
/// The row forms of <see cref="Dot(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> and
/// <see cref="AddScaled(float, ReadOnlySpan{float}, int, Span{float}, int, int)"/>: a matrix-vector product and its
/// transpose over a block of rows of a row-major matrix (a batch of samples' features). A loop that calls the single-row
/// kernel once per sample runs as one call of these instead (the generator's row-kernel selection).
/// <para>
/// Hand-written rather than <c>TensorPrimitives</c>, which has no matrix-vector product: per row it would reload the
/// vector and reduce across lanes once per row, where <see cref="DotRows(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int, int, Span{float}, int, int)"/>
/// loads each vector of <c>w</c> once per four rows (four independent accumulator chains), and
/// <see cref="AddScaledRows(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int, Span{float}, int, int, int)"/>
/// keeps up to four vectors of <c>y</c> in registers over all the rows and loads and stores them once. A row whose
/// length is not a whole number of vectors ends with one vector that overlaps the previous one, its repeated lanes
/// masked out, so no element outside the row is read and no lane needs a scalar step. Both sum in another order than
/// the per-row loops (lanes, then rows), so results agree with them to rounding, within the documented tolerance of
/// vectorized companions.
/// </para>
/// </summary>
public static partial class Kernels
{
    /// <summary>
    /// <c>for (r = 0; r &lt; rows; r++) results[resultStart + r] = acc + Σ_j&lt;count w[wStart + j] · x[xStart + r · stride + j]</c>:
    /// the dot product of <c>w</c> with each of <paramref name="rows"/> rows of <paramref name="x"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A range lies outside its span, or the stride is negative.</exception>
    public static void DotRows(float acc, ReadOnlySpan<float> w, int wStart, ReadOnlySpan<float> x, int xStart, int stride, int count, Span<float> results, int resultStart, int rows)
        => DotRows<float>(acc, w, wStart, x, xStart, stride, count, results, resultStart, rows);

    /// <inheritdoc cref="DotRows(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int, int, Span{float}, int, int)"/>
    public static void DotRows(double acc, ReadOnlySpan<double> w, int wStart, ReadOnlySpan<double> x, int xStart, int stride, int count, Span<double> results, int resultStart, int rows)
        => DotRows<double>(acc, w, wStart, x, xStart, stride, count, results, resultStart, rows);

    /// <summary>
    /// <c>for (r = 0; r &lt; rows; r++) for (j = 0; j &lt; count; j++) y[yStart + j] += scales[scaleStart + r] · x[xStart + r · stride + j]</c>:
    /// <c>y += Xᵀ s</c> over a block of rows. <paramref name="y"/> must not share memory with <paramref name="x"/> or
    /// <paramref name="scales"/> (generated gradients add into their own buffers).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A range lies outside its span, or the stride is negative.</exception>
    public static void AddScaledRows(ReadOnlySpan<float> scales, int scaleStart, ReadOnlySpan<float> x, int xStart, int stride, Span<float> y, int yStart, int count, int rows)
        => AddScaledRows<float>(scales, scaleStart, x, xStart, stride, y, yStart, count, rows);

    /// <inheritdoc cref="AddScaledRows(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int, Span{float}, int, int, int)"/>
    public static void AddScaledRows(ReadOnlySpan<double> scales, int scaleStart, ReadOnlySpan<double> x, int xStart, int stride, Span<double> y, int yStart, int count, int rows)
        => AddScaledRows<double>(scales, scaleStart, x, xStart, stride, y, yStart, count, rows);

    private static void DotRows<T>(T acc, ReadOnlySpan<T> w, int wStart, ReadOnlySpan<T> x, int xStart, int stride, int count, Span<T> results, int resultStart, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0)
        {
            return;
        }

        Span<T> output = results.Slice(resultStart, rows);
        if (count <= 0)
        {
            output.Fill(acc);
            return;
        }

        ReadOnlySpan<T> weights = w.Slice(wStart, count);
        ReadOnlySpan<T> matrix = Rows(x, xStart, stride, count, rows);
        ref T rw = ref MemoryMarshal.GetReference(weights);
        ref T rx = ref MemoryMarshal.GetReference(matrix);
        ref T ro = ref MemoryMarshal.GetReference(output);
        if (Vector512.IsHardwareAccelerated && count >= Vector512<T>.Count)
        {
            DotRows<T, Lanes512<T>>(acc, ref rw, ref rx, stride, count, ref ro, rows);
        }
        else if (Vector256.IsHardwareAccelerated && count >= Vector256<T>.Count)
        {
            DotRows<T, Lanes256<T>>(acc, ref rw, ref rx, stride, count, ref ro, rows);
        }
        else if (Vector128.IsHardwareAccelerated && count >= Vector128<T>.Count)
        {
            DotRows<T, Lanes128<T>>(acc, ref rw, ref rx, stride, count, ref ro, rows);
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                output[r] = acc + TensorPrimitives.Dot(weights, matrix.Slice(r * stride, count));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows<T, TLanes>(T acc, ref T w, ref T x, int stride, int count, ref T output, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;
        int full = count - (count % lanes);
        bool tail = full != count;
        nuint last = (nuint)(count - lanes);

        // The last vector of a row ends at its end; only its lanes past the whole vectors are new.
        TLanes fresh = TLanes.LanesFrom(lanes - (count - full));
        TLanes wLast = TLanes.Load(ref w, last);
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref T x0 = ref Unsafe.Add(ref x, r * stride);
            ref T x1 = ref Unsafe.Add(ref x0, stride);
            ref T x2 = ref Unsafe.Add(ref x1, stride);
            ref T x3 = ref Unsafe.Add(ref x2, stride);
            TLanes s0 = default, s1 = default, s2 = default, s3 = default;
            for (int j = 0; j < full; j += lanes)
            {
                TLanes wv = TLanes.Load(ref w, (nuint)j);
                s0 = TLanes.MultiplyAdd(wv, TLanes.Load(ref x0, (nuint)j), s0);
                s1 = TLanes.MultiplyAdd(wv, TLanes.Load(ref x1, (nuint)j), s1);
                s2 = TLanes.MultiplyAdd(wv, TLanes.Load(ref x2, (nuint)j), s2);
                s3 = TLanes.MultiplyAdd(wv, TLanes.Load(ref x3, (nuint)j), s3);
            }

            if (tail)
            {
                s0 = TLanes.Add(s0, TLanes.Select(fresh, TLanes.Multiply(wLast, TLanes.Load(ref x0, last)), default));
                s1 = TLanes.Add(s1, TLanes.Select(fresh, TLanes.Multiply(wLast, TLanes.Load(ref x1, last)), default));
                s2 = TLanes.Add(s2, TLanes.Select(fresh, TLanes.Multiply(wLast, TLanes.Load(ref x2, last)), default));
                s3 = TLanes.Add(s3, TLanes.Select(fresh, TLanes.Multiply(wLast, TLanes.Load(ref x3, last)), default));
            }

            Unsafe.Add(ref output, r) = acc + TLanes.Sum(s0);
            Unsafe.Add(ref output, r + 1) = acc + TLanes.Sum(s1);
            Unsafe.Add(ref output, r + 2) = acc + TLanes.Sum(s2);
            Unsafe.Add(ref output, r + 3) = acc + TLanes.Sum(s3);
        }

        for (; r < rows; r++)
        {
            ref T x0 = ref Unsafe.Add(ref x, r * stride);
            TLanes s0 = default;
            for (int j = 0; j < full; j += lanes)
            {
                s0 = TLanes.MultiplyAdd(TLanes.Load(ref w, (nuint)j), TLanes.Load(ref x0, (nuint)j), s0);
            }

            if (tail)
            {
                s0 = TLanes.Add(s0, TLanes.Select(fresh, TLanes.Multiply(wLast, TLanes.Load(ref x0, last)), default));
            }

            Unsafe.Add(ref output, r) = acc + TLanes.Sum(s0);
        }
    }

    private static void AddScaledRows<T>(ReadOnlySpan<T> scales, int scaleStart, ReadOnlySpan<T> x, int xStart, int stride, Span<T> y, int yStart, int count, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0 || count <= 0)
        {
            return;
        }

        ReadOnlySpan<T> factors = scales.Slice(scaleStart, rows);
        ReadOnlySpan<T> matrix = Rows(x, xStart, stride, count, rows);
        Span<T> target = y.Slice(yStart, count);
        ref T rs = ref MemoryMarshal.GetReference(factors);
        ref T rx = ref MemoryMarshal.GetReference(matrix);
        ref T ry = ref MemoryMarshal.GetReference(target);
        if (Vector512.IsHardwareAccelerated && count >= Vector512<T>.Count)
        {
            AddScaledRows<T, Lanes512<T>>(ref rs, ref rx, stride, ref ry, count, rows);
        }
        else if (Vector256.IsHardwareAccelerated && count >= Vector256<T>.Count)
        {
            AddScaledRows<T, Lanes256<T>>(ref rs, ref rx, stride, ref ry, count, rows);
        }
        else if (Vector128.IsHardwareAccelerated && count >= Vector128<T>.Count)
        {
            AddScaledRows<T, Lanes128<T>>(ref rs, ref rx, stride, ref ry, count, rows);
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                AddScaled(factors[r], matrix, r * stride, target, 0, count);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledRows<T, TLanes>(ref T scales, ref T x, int stride, ref T y, int count, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int lanes = TLanes.Count;
        int j = 0;

        // Four vectors of y at a time, summed over every row in registers.
        for (; j + (4 * lanes) <= count; j += 4 * lanes)
        {
            TLanes a0 = default, a1 = default, a2 = default, a3 = default;
            for (int r = 0; r < rows; r++)
            {
                TLanes s = TLanes.Broadcast(Unsafe.Add(ref scales, r));
                ref T row = ref Unsafe.Add(ref x, (r * stride) + j);
                a0 = TLanes.MultiplyAdd(s, TLanes.Load(ref row, 0), a0);
                a1 = TLanes.MultiplyAdd(s, TLanes.Load(ref row, (nuint)lanes), a1);
                a2 = TLanes.MultiplyAdd(s, TLanes.Load(ref row, (nuint)(2 * lanes)), a2);
                a3 = TLanes.MultiplyAdd(s, TLanes.Load(ref row, (nuint)(3 * lanes)), a3);
            }

            ref T out0 = ref Unsafe.Add(ref y, j);
            TLanes.Store(TLanes.Add(TLanes.Load(ref out0, 0), a0), ref out0, 0);
            TLanes.Store(TLanes.Add(TLanes.Load(ref out0, (nuint)lanes), a1), ref out0, (nuint)lanes);
            TLanes.Store(TLanes.Add(TLanes.Load(ref out0, (nuint)(2 * lanes)), a2), ref out0, (nuint)(2 * lanes));
            TLanes.Store(TLanes.Add(TLanes.Load(ref out0, (nuint)(3 * lanes)), a3), ref out0, (nuint)(3 * lanes));
        }

        // One vector at a time, rows in pairs (two accumulator chains).
        for (; j + lanes <= count; j += lanes)
        {
            TLanes sum = SumRows<T, TLanes>(ref scales, ref Unsafe.Add(ref x, j), stride, rows);
            TLanes.Store(TLanes.Add(TLanes.Load(ref y, (nuint)j), sum), ref y, (nuint)j);
        }

        // The rest: the vector that ends at the row's end, added only into the lanes not yet updated.
        if (j < count)
        {
            nuint last = (nuint)(count - lanes);
            TLanes sum = SumRows<T, TLanes>(ref scales, ref Unsafe.Add(ref x, (int)last), stride, rows);
            TLanes before = TLanes.Load(ref y, last);
            TLanes.Store(TLanes.Select(TLanes.LanesFrom(lanes - (count - j)), TLanes.Add(before, sum), before), ref y, last);
        }
    }

    /// <summary>Σ_r scales[r] · (the vector at <paramref name="x"/> + r · stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes SumRows<T, TLanes>(ref T scales, ref T x, int stride, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes a0 = default, a1 = default;
        int r = 0;
        for (; r + 2 <= rows; r += 2)
        {
            a0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref scales, r)), TLanes.Load(ref Unsafe.Add(ref x, r * stride), 0), a0);
            a1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref scales, r + 1)), TLanes.Load(ref Unsafe.Add(ref x, (r + 1) * stride), 0), a1);
        }

        if (r < rows)
        {
            a0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref scales, r)), TLanes.Load(ref Unsafe.Add(ref x, r * stride), 0), a0);
        }

        return TLanes.Add(a0, a1);
    }

    /// <summary>The part of <paramref name="x"/> that <paramref name="rows"/> rows of <paramref name="count"/> values, <paramref name="stride"/> apart, cover.</summary>
    private static ReadOnlySpan<T> Rows<T>(ReadOnlySpan<T> x, int start, int stride, int count, int rows)
    {
        long length = ((long)(rows - 1) * stride) + count;
        if (stride < 0 || length > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"Kernels: {rows} rows of {count} values {stride} apart do not fit in a span.");
        }

        return x.Slice(start, (int)length);
    }
}
