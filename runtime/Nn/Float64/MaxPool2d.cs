namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.MaxPool2d(kernelSize, stride, padding)</c> on one square image of <see cref="Channels"/> channels (a flat span
/// carries no shape, so the layer is told its channels); the gradient goes to the first largest element of each
/// window, as in PyTorch.
/// </summary>
public sealed partial class MaxPool2d : Module<double>, ILayer<double>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="channels">The channels of the images it pools.</param>
    /// <param name="stride">The step between windows; 0 (the default) means <paramref name="kernelSize"/>, as PyTorch's None.</param>
    /// <param name="padding">Rows and columns of −∞ on each side.</param>
    public MaxPool2d(int kernelSize, int channels, int stride = 0, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (2 * padding > kernelSize)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"MaxPool2d: padding must be at most half the kernel size ({kernelSize}), as in PyTorch.");
        }

        KernelSize = kernelSize;
        Channels = channels;
        Stride = stride == 0 ? kernelSize : stride;
        Padding = padding;
    }

    /// <summary>The window's height and width.</summary>
    public int KernelSize { get; }

    /// <summary>The channels of the images.</summary>
    public int Channels { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>Rows and columns of −∞ on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public int OutputLength(int inputLength)
    {
        int side = Shapes.Window(Shapes.SquareSide(inputLength, Channels, "MaxPool2d", "input"), KernelSize, Stride, Padding, "MaxPool2d", "input");
        return Channels * side * side;
    }

    /// <summary>Pools one image.</summary>
    /// <param name="input">Row-major <c>[channels, H, H]</c>.</param>
    /// <param name="output">Receives row-major <c>[channels, H', H']</c>.</param>
    /// <exception cref="ArgumentException">A length does not match; the message names the layer and the shapes.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int side = Shapes.SquareSide(input.Length, Channels, "MaxPool2d", "input");
        int outSide = Shapes.Window(side, KernelSize, Stride, Padding, "MaxPool2d", "input");
        int n = Shapes.Length(output.Length, Channels * outSide * outSide, "MaxPool2d", "output");
        Functional.MaxPool2d(input, Channels, side, side, KernelSize, Stride, Padding, output.Slice(0, n));
    }
}
