namespace SharpGrad.Nn;

/// <summary>Index arithmetic of sliding windows (convolution and pooling), shared by the double and float layer functions.</summary>
internal static class Windows
{
    /// <summary>⌊(size + 2·padding − kernelSize) / stride⌋ + 1, the output height or width.</summary>
    public static int OutputSize(int size, int kernelSize, int stride, int padding) => ((size + (2 * padding) - kernelSize) / stride) + 1;

    /// <summary>The first kernel offset of a window starting at <paramref name="origin"/> (negative inside the padding) that falls inside the image.</summary>
    public static int Start(int origin) => Math.Max(0, -origin);

    /// <summary>One past the last kernel offset of a window starting at <paramref name="origin"/> that falls inside an image of <paramref name="size"/>.</summary>
    public static int End(int origin, int kernelSize, int size) => Math.Min(kernelSize, size - origin);
}
