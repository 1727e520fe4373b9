using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Numerics;

/// <summary>
/// Loops that generated gradients call instead of running them element by element in the companion: the
/// generator's kernel selection recognizes a source loop's shape (a dot-product reduction, an accumulation of a
/// scaled span into another) and emits one call, with the loop it came from as a comment above it.
/// <para>
/// Every kernel computes exactly what the loop it replaces computes, element for element and in the same
/// order where order matters, so a companion's value stays bit-identical to its method's. That is why
/// <see cref="DotAscending(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> stays sequential
/// (a SIMD sum reassociates) and <see cref="AddScaled(float, ReadOnlySpan{float}, int, Span{float}, int, int)"/>
/// multiplies and adds separately rather than fusing them (TensorPrimitives' and FMA's rounding differ from the
/// scalar loop's); the gain over the loop inside the companion is a tight loop with its own registers and no
/// bounds check per element, and for AddScaled the SIMD width.
/// </para>
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public static class Kernels
{
    /// <summary><c>for (i = 0; i &lt; count; i++) acc = acc + a[aStart + i] * b[bStart + i];</c>, in that order.</summary>
    /// <returns>The final <paramref name="acc"/>; unchanged when <paramref name="count"/> is not positive.</returns>
    public static float DotAscending(float acc, ReadOnlySpan<float> a, int aStart, ReadOnlySpan<float> b, int bStart, int count)
    {
        if (count <= 0)
        {
            return acc;
        }

        ReadOnlySpan<float> x = a.Slice(aStart, count);
        ReadOnlySpan<float> y = b.Slice(bStart, count);
        for (int i = 0; i < x.Length && i < y.Length; i++)
        {
            acc += x[i] * y[i];
        }

        return acc;
    }

    /// <inheritdoc cref="DotAscending(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/>
    public static double DotAscending(double acc, ReadOnlySpan<double> a, int aStart, ReadOnlySpan<double> b, int bStart, int count)
    {
        if (count <= 0)
        {
            return acc;
        }

        ReadOnlySpan<double> x = a.Slice(aStart, count);
        ReadOnlySpan<double> y = b.Slice(bStart, count);
        for (int i = 0; i < x.Length && i < y.Length; i++)
        {
            acc += x[i] * y[i];
        }

        return acc;
    }

    /// <summary><c>for (i = count - 1; i &gt;= 0; i--) acc = acc + a[aStart + i] * b[bStart + i];</c>, in that order.</summary>
    /// <returns>The final <paramref name="acc"/>; unchanged when <paramref name="count"/> is not positive.</returns>
    public static float DotDescending(float acc, ReadOnlySpan<float> a, int aStart, ReadOnlySpan<float> b, int bStart, int count)
    {
        if (count <= 0)
        {
            return acc;
        }

        ReadOnlySpan<float> x = a.Slice(aStart, count);
        ReadOnlySpan<float> y = b.Slice(bStart, count);
        for (int i = x.Length - 1; i >= 0; i--)
        {
            acc += x[i] * y[i];
        }

        return acc;
    }

    /// <inheritdoc cref="DotDescending(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/>
    public static double DotDescending(double acc, ReadOnlySpan<double> a, int aStart, ReadOnlySpan<double> b, int bStart, int count)
    {
        if (count <= 0)
        {
            return acc;
        }

        ReadOnlySpan<double> x = a.Slice(aStart, count);
        ReadOnlySpan<double> y = b.Slice(bStart, count);
        for (int i = x.Length - 1; i >= 0; i--)
        {
            acc += x[i] * y[i];
        }

        return acc;
    }

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
