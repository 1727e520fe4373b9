namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding)</c> (square kernel, dilation 1, groups 1) on one
/// square image: the parameters <c>weight</c> <c>[outChannels, inChannels, kernelSize, kernelSize]</c> and <c>bias</c>
/// <c>[outChannels]</c>, initialized as PyTorch does (Kaiming-uniform with a = √5 and a bias uniform in ±1/√fan_in,
/// fan_in = inChannels · kernelSize²). A sample is a flat row-major <c>[inChannels, H, H]</c> span; the side H is read
/// from its length (use <see cref="Functional.Conv2d(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int, int, int, Span{double})"/>
/// for other shapes).
/// </summary>
public sealed partial class Conv2d : Module<double>, ILayer<double>
{
    /// <summary>Creates the layer and initializes its parameters.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="random">The generator to draw from; <see cref="Init.DefaultGenerator"/> when null.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        random ??= Init.DefaultGenerator;
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = new Parameter<double>("weight", outChannels, inChannels, kernelSize, kernelSize);
        Bias = new Parameter<double>("bias", outChannels);
        Init.KaimingUniform(Weight, random, a: Math.Sqrt(5));
        Init.Uniform(Bias, random, -1 / Math.Sqrt(inChannels * kernelSize * kernelSize), 1 / Math.Sqrt(inChannels * kernelSize * kernelSize));
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>The kernel's height and width.</summary>
    public int KernelSize { get; }

    /// <summary>The step between output pixels.</summary>
    public int Stride { get; }

    /// <summary>Zero rows and columns on each side.</summary>
    public int Padding { get; }

    /// <summary><c>[outChannels, inChannels, kernelSize, kernelSize]</c>.</summary>
    [Parameter]
    public Parameter<double> Weight { get; }

    /// <summary><c>[outChannels]</c>.</summary>
    [Parameter]
    public Parameter<double> Bias { get; }

    /// <summary>The output side for an input side of <paramref name="size"/>.</summary>
    /// <param name="size">The input height or width.</param>
    /// <returns>⌊(size + 2·padding − kernelSize) / stride⌋ + 1.</returns>
    public int OutputSize(int size) => Shapes.Window(size, KernelSize, Stride, Padding, "Conv2d", "input");

    /// <inheritdoc/>
    public int OutputLength(int inputLength)
    {
        int side = OutputSize(Shapes.SquareSide(inputLength, InChannels, "Conv2d", "input"));
        return OutChannels * side * side;
    }

    /// <summary>Convolves one image.</summary>
    /// <param name="input">Row-major <c>[inChannels, H, H]</c>.</param>
    /// <param name="output">Receives row-major <c>[outChannels, H', H']</c>, H' = <see cref="OutputSize"/>(H).</param>
    /// <exception cref="ArgumentException">A length does not match; the message names the layer and the shapes.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int side = Shapes.SquareSide(input.Length, InChannels, "Conv2d", "input");
        int outSide = Shapes.Window(side, KernelSize, Stride, Padding, "Conv2d", "input");
        int n = Shapes.Length(output.Length, OutChannels * outSide * outSide, "Conv2d", "output");
        Functional.Conv2d(Weight.Data, Bias.Data, input, InChannels, side, side, KernelSize, Stride, Padding, output.Slice(0, n));
    }
}

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
