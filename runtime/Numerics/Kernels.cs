using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Numerics;

/// <summary>
/// Loops that generated gradients call instead of running them element by element in the companion: the
/// generator's kernel selection recognizes a source loop's shape (a dot-product reduction, an accumulation of a
/// scaled span into another) and emits one call, with the loop it came from as a comment above it.
/// <para>
/// <see cref="AddScaled(float, ReadOnlySpan{float}, int, Span{float}, int, int)"/> computes exactly what its loop
/// computes, element for element: it multiplies and adds separately rather than fusing them (FMA's single rounding
/// differs from the scalar loop's), and gains the SIMD width and a tight loop without a bounds check per element.
/// <see cref="Dot(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> sums in SIMD lanes, so like
/// every vectorized reduction it reassociates the sum: a companion that calls it returns its method's value within
/// the documented tolerance of vectorized companions (README, "Vectorized loops"), not bit for bit.
/// /// </para>
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public static partial class Kernels
{
    /// <summary>
    /// <c>for (i = 0; i &lt; count; i++) acc = acc + a[aStart + i] * b[bStart + i];</c>, as SIMD lanes:
    /// <c>acc + TensorPrimitives.Dot(a[aStart..], b[bStart..])</c>. The products are summed in another order than the
    /// loop's (several lanes, then across them), so the result may differ from the loop's in the last bits, within the
    /// documented tolerance of a vectorized companion; in exchange a dot of n terms costs about n / 8 (float) vector
    /// steps instead of a chain of n dependent additions.
    /// </summary>
    /// <returns><paramref name="acc"/> plus the dot product; <paramref name="acc"/> when <paramref name="count"/> is not positive.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A range lies outside its span.</exception>
    public static float Dot(float acc, ReadOnlySpan<float> a, int aStart, ReadOnlySpan<float> b, int bStart, int count)
        => count <= 0 ? acc : acc + TensorPrimitives.Dot(a.Slice(aStart, count), b.Slice(bStart, count));

    /// <inheritdoc cref="Dot(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/>
    public static double Dot(double acc, ReadOnlySpan<double> a, int aStart, ReadOnlySpan<double> b, int bStart, int count)
        => count <= 0 ? acc : acc + TensorPrimitives.Dot(a.Slice(aStart, count), b.Slice(bStart, count));

    /// <summary><c>for (i = 0; i &lt; count; i++) y[yStart + i] += scale * x[xStart + i];</c> (the elements are independent).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A range lies outside its span.</exception>
    public static void AddScaled(float scale, ReadOnlySpan<float> x, int xStart, Span<float> y, int yStart, int count)
        => AddScaled<float>(scale, x, xStart, y, yStart, count);

    /// <inheritdoc cref="AddScaled(float, ReadOnlySpan{float}, int, Span{float}, int, int)"/>
    public static void AddScaled(double scale, ReadOnlySpan<double> x, int xStart, Span<double> y, int yStart, int count)
        => AddScaled<double>(scale, x, xStart, y, yStart, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled<T>(T scale, ReadOnlySpan<T> x, int xStart, Span<T> y, int yStart, int count)
        where T : unmanaged, INumberBase<T>
    {
        if (count <= 0)
        {
            return;
        }

        ReadOnlySpan<T> source = x.Slice(xStart, count);
        Span<T> target = y.Slice(yStart, count);
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T t = ref MemoryMarshal.GetReference(target);
        int i = 0;
        if (Vector.IsHardwareAccelerated && count >= Vector<T>.Count)
        {
            // Multiply, then add: the same two roundings per element as the scalar loop (no FMA).
            var factor = new Vector<T>(scale);
            for (; i <= count - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> sum = Vector.LoadUnsafe(ref t, (nuint)i) + (factor * Vector.LoadUnsafe(ref s, (nuint)i));
                sum.StoreUnsafe(ref t, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref t, i) += scale * Unsafe.Add(ref s, i);
        }
    }
}
