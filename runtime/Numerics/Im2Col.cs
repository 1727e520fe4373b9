using System.Numerics;

namespace SharpGrad.Numerics;

/// <summary>
/// The patches of a square image as rows of a matrix, so that a convolution is a matrix product (<see cref="Gemm"/>):
/// row <c>y · outSize + x</c> holds the <c>channels · kernel²</c> inputs under the kernel at output pixel (y, x), in
/// <c>[channel, ky, kx]</c> order (the order of nn.Conv2d's weight), zero where the window covers the padding.
/// </summary>
public static class Im2Col
{
    /// <summary>Writes the patch rows of <paramref name="image"/>, row-major <c>[outSize², channels · kernel²]</c>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="image">Row-major <c>[channels, size, size]</c>.</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="size">Its height and width.</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="outSize">The output's height and width.</param>
    /// <param name="rows">Receives the rows.</param>
    public static void Gather<T>(ReadOnlySpan<T> image, int channels, int size, int kernel, int stride, int padding, int outSize, Span<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int patch = channels * kernel * kernel;
        for (int y = 0; y < outSize; y++)
        {
            for (int x = 0; x < outSize; x++)
            {
                Span<T> row = rows.Slice(((y * outSize) + x) * patch, patch);
                int column = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        int iy = (y * stride) - padding + ky;
                        int left = (x * stride) - padding;
                        bool rowInside = iy >= 0 && iy < size;
                        if (rowInside && left >= 0 && left + kernel <= size)
                        {
                            image.Slice((((c * size) + iy) * size) + left, kernel).CopyTo(row.Slice(column, kernel));
                        }
                        else
                        {
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = left + kx;
                                row[column + kx] = rowInside && ix >= 0 && ix < size ? image[(((c * size) + iy) * size) + ix] : T.Zero;
                            }
                        }

                        column += kernel;
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Gather{T}"/>: adds each row element back into the image pixel it came from.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="rows">Row-major <c>[outSize², channels · kernel²]</c>.</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="size">Its height and width.</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="outSize">The output's height and width.</param>
    /// <param name="image">Row-major <c>[channels, size, size]</c>, added into.</param>
    public static void ScatterAdd<T>(ReadOnlySpan<T> rows, int channels, int size, int kernel, int stride, int padding, int outSize, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int patch = channels * kernel * kernel;
        for (int y = 0; y < outSize; y++)
        {
            for (int x = 0; x < outSize; x++)
            {
                ReadOnlySpan<T> row = rows.Slice(((y * outSize) + x) * patch, patch);
                int column = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        int iy = (y * stride) - padding + ky;
                        if (iy >= 0 && iy < size)
                        {
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = (x * stride) - padding + kx;
                                if (ix >= 0 && ix < size)
                                {
                                    image[(((c * size) + iy) * size) + ix] += row[column + kx];
                                }
                            }
                        }

                        column += kernel;
                    }
                }
            }
        }
    }
}
