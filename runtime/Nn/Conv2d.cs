using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding)</c> (square kernel, dilation 1, groups 1): the
/// parameters <c>{name}.weight</c> <c>[outChannels, inChannels, kernelSize, kernelSize]</c> and <c>{name}.bias</c>,
/// initialized as PyTorch does (Kaiming-uniform with a = √5 and a bias uniform in ±1/√fan_in, fan_in = inChannels ·
/// kernelSize²), the output size and the input check. The computation is
/// <see cref="Functional.Conv2d(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int, int, int, Span{double})"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Conv2d<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer and initializes its parameters from <paramref name="random"/>.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">The kernel's height and width.</param>
    /// <param name="random">The generator.</param>
    /// <param name="stride">The step between output pixels.</param>
    /// <param name="padding">Zero rows and columns on each side.</param>
    /// <param name="name">The prefix of the parameter names, e.g. <c>conv1</c>.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Random random, int stride = 1, int padding = 0, string name = "conv")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentNullException.ThrowIfNull(random);
        Name = name;
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = new Parameter<T>(name + ".weight", outChannels, inChannels, kernelSize, kernelSize);
        Bias = new Parameter<T>(name + ".bias", outChannels);
        Init.KaimingUniform(Weight, random, a: Math.Sqrt(5));
        double bound = 1 / Math.Sqrt(inChannels * kernelSize * kernelSize);
        Init.Uniform(Bias, random, -bound, bound);
    }

    /// <summary>The name given at construction.</summary>
    public string Name { get; }

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
    public Parameter<T> Weight { get; }

    /// <summary><c>[outChannels]</c>.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>The weight and the bias, in PyTorch's order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight, Bias];

    /// <summary>The output height or width for an input of <paramref name="size"/>: ⌊(size + 2·padding − kernelSize) / stride⌋ + 1.</summary>
    /// <param name="size">The input height or width.</param>
    public int OutputSize(int size)
    {
        int padded = size + (2 * Padding) - KernelSize;
        if (padded < 0)
        {
            throw new ArgumentException($"Conv2d '{Name}': an input of size {size} with padding {Padding} is smaller than the kernel ({KernelSize}).", nameof(size));
        }

        return (padded / Stride) + 1;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the layer and both shapes unless <paramref name="input"/> holds <paramref name="count"/> images of <c>[InChannels, height, width]</c>.</summary>
    /// <param name="input">The batch, row-major <c>[count, InChannels, height, width]</c>.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="height">The image height.</param>
    /// <param name="width">The image width.</param>
    public void CheckInput(ReadOnlySpan<T> input, int count, int height, int width)
    {
        OutputSize(height);
        OutputSize(width);
        if (count <= 0 || input.Length != (long)count * InChannels * height * width)
        {
            throw new ArgumentException(
                $"Conv2d '{Name}' (nn.Conv2d({InChannels}, {OutChannels}, {KernelSize})) expects an input of shape [{count}, {InChannels}, {height}, {width}] "
                + $"({(long)count * InChannels * height * width} values), but got {input.Length} values.",
                nameof(input));
        }
    }
}
