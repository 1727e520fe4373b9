using System.Numerics;

namespace SharpGrad.Numerics;

/// <summary>
/// The matrix-product forms of <see cref="Dot(float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> and
/// <see cref="AddScaled(float, ReadOnlySpan{float}, int, Span{float}, int, int)"/> over a loop nest: a sample loop
/// whose inner loop takes the dot product of a row of one matrix (a layer's weights) with a row of another (the sample's
/// features) is one matrix product computed before the nest, and a nest that adds a sample's row scaled into each row
/// of a gradient matrix is one product added after it (the generator's matrix-product selection). Both are
/// <see cref="Gemm"/>'s register-blocked kernels on dense row-major blocks, and sum in another order than the loops.
/// </summary>
public static partial class Kernels
{
    /// <summary>
    /// <c>results[i · p + k] = Σ_j&lt;n r[rStart + i · n + j] · q[qStart + k · n + j]</c> for <c>i &lt; m</c>, <c>k &lt; p</c>:
    /// the dot product of every row of an m × n block of <paramref name="r"/> with every row of a p × n block of
    /// <paramref name="q"/> (<c>R · Qᵀ</c>). Nothing happens when <paramref name="m"/> or <paramref name="p"/> is not positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A block lies outside its span.</exception>
    public static void MultiplyTransposed(ReadOnlySpan<float> r, int rStart, ReadOnlySpan<float> q, int qStart, int n, int m, int p, Span<float> results)
        => MultiplyTransposed<float>(r, rStart, q, qStart, n, m, p, results);

    /// <inheritdoc cref="MultiplyTransposed(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int, int, int, Span{float})"/>
    public static void MultiplyTransposed(ReadOnlySpan<double> r, int rStart, ReadOnlySpan<double> q, int qStart, int n, int m, int p, Span<double> results)
        => MultiplyTransposed<double>(r, rStart, q, qStart, n, m, p, results);

    /// <summary>
    /// <c>y[yStart + k · n + j] += Σ_i&lt;m d[i · p + k] · x[xStart + i · n + j]</c> for <c>k &lt; p</c>, <c>j &lt; n</c>:
    /// adds <c>Dᵀ · X</c> into a p × n block of <paramref name="y"/> (a weight's gradient from the scales
    /// <paramref name="d"/> of every sample and row). Nothing happens when <paramref name="m"/> or <paramref name="p"/>
    /// is not positive. <paramref name="y"/> must not share memory with <paramref name="x"/> or <paramref name="d"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A block lies outside its span.</exception>
    public static void AddTransposedMultiply(ReadOnlySpan<float> d, ReadOnlySpan<float> x, int xStart, Span<float> y, int yStart, int n, int m, int p)
        => AddTransposedMultiply<float>(d, x, xStart, y, yStart, n, m, p);

    /// <inheritdoc cref="AddTransposedMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, int, int, int, int)"/>
    public static void AddTransposedMultiply(ReadOnlySpan<double> d, ReadOnlySpan<double> x, int xStart, Span<double> y, int yStart, int n, int m, int p)
        => AddTransposedMultiply<double>(d, x, xStart, y, yStart, n, m, p);

    private static void MultiplyTransposed<T>(ReadOnlySpan<T> r, int rStart, ReadOnlySpan<T> q, int qStart, int n, int m, int p, Span<T> results)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || p <= 0)
        {
            return;
        }

        int width = Math.Max(n, 0);
        Gemm.MultiplyTransposed(r.Slice(rStart, checked(m * width)), q.Slice(qStart, checked(p * width)), [], results.Slice(0, checked(m * p)), m, p, width);
    }

    private static void AddTransposedMultiply<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> x, int xStart, Span<T> y, int yStart, int n, int m, int p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || p <= 0 || n <= 0)
        {
            return;
        }

        Gemm.AddTransposedMultiply(d.Slice(0, checked(m * p)), x.Slice(xStart, checked(m * n)), y.Slice(yStart, checked(p * n)), m, p, n);
    }
}
