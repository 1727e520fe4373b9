using System.Numerics;

namespace SharpGrad.Numerics;

/// <summary>
/// The patches of a square image as the columns of a matrix, so that a convolution is a matrix product
/// (<see cref="Gemm"/>): row <c>(c · kernel + ky) · kernel + kx</c> (the order of nn.Conv2d's weight) holds, for every
/// output pixel <c>y · outSize + x</c>, the input under kernel tap (c, ky, kx); zero where it falls on the padding.
/// Rows run along the output pixels, so the products vectorize over them.
/// </summary>
public static class Im2Col
{
    /// <summary>Writes the patch matrix of <paramref name="image"/>, row-major <c>[channels · kernel², outSize²]</c>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="image">Row-major <c>[channels, size, size]</c>.</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="size">Its height and width.</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="outSize">The output's height and width.</param>
    /// <param name="columns">Receives the matrix.</param>
    public static void Gather<T>(ReadOnlySpan<T> image, int channels, int size, int kernel, int stride, int padding, int outSize, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = outSize * outSize;
        for (int c = 0; c < channels; c++)
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    Span<T> row = columns.Slice((((c * kernel) + ky) * kernel + kx) * positions, positions);
                    for (int y = 0; y < outSize; y++)
                    {
                        int iy = (y * stride) - padding + ky;
                        Span<T> line = row.Slice(y * outSize, outSize);
                        if (iy < 0 || iy >= size)
                        {
                            line.Clear();
                            continue;
                        }

                        ReadOnlySpan<T> source = image.Slice(((c * size) + iy) * size, size);
                        int first = kx - padding;
                        if (stride == 1 && first >= 0 && first + outSize <= size)
                        {
                            source.Slice(first, outSize).CopyTo(line);
                            continue;
                        }

                        for (int x = 0; x < outSize; x++)
                        {
                            int ix = (x * stride) - padding + kx;
                            line[x] = ix >= 0 && ix < size ? source[ix] : T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Gather{T}"/>: adds each matrix element back into the image pixel it came from.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="columns">Row-major <c>[channels · kernel², outSize²]</c>.</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="size">Its height and width.</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="outSize">The output's height and width.</param>
    /// <param name="image">Row-major <c>[channels, size, size]</c>, added into.</param>
    public static void ScatterAdd<T>(ReadOnlySpan<T> columns, int channels, int size, int kernel, int stride, int padding, int outSize, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = outSize * outSize;
        for (int c = 0; c < channels; c++)
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    ReadOnlySpan<T> row = columns.Slice((((c * kernel) + ky) * kernel + kx) * positions, positions);
                    for (int y = 0; y < outSize; y++)
                    {
                        int iy = (y * stride) - padding + ky;
                        if (iy < 0 || iy >= size)
                        {
                            continue;
                        }

                        ReadOnlySpan<T> line = row.Slice(y * outSize, outSize);
                        Span<T> target = image.Slice(((c * size) + iy) * size, size);
                        int first = kx - padding;
                        if (stride == 1 && first >= 0 && first + outSize <= size)
                        {
                            System.Numerics.Tensors.TensorPrimitives.Add(target.Slice(first, outSize), line, target.Slice(first, outSize));
                            continue;
                        }

                        for (int x = 0; x < outSize; x++)
                        {
                            int ix = (x * stride) - padding + kx;
                            if (ix >= 0 && ix < size)
                            {
                                target[ix] += line[x];
                            }
                        }
                    }
                }
            }
        }
    }
}
