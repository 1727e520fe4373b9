using SharpGrad.Numerics;

namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding)</c> (square kernel, dilation 1, groups 1) on one
/// square image: the parameters <c>weight</c> <c>[outChannels, inChannels, kernelSize, kernelSize]</c> and <c>bias</c>
/// <c>[outChannels]</c>, initialized as PyTorch does (Kaiming-uniform with a = √5 and a bias uniform in ±1/√fan_in,
/// fan_in = inChannels · kernelSize²). A sample is a flat row-major <c>[inChannels, H, H]</c> span; the side H is read
/// from its length (use <see cref="Functional.Conv2d(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int, int, int, Span{double})"/>
/// for other shapes).
/// </summary>
public sealed partial class Conv2d : Module<double>, IBatchLayer<double>
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

    /// <summary>
    /// Convolves a whole batch of images (PyTorch: <c>conv(x)</c> on an <c>[N, C, H, H]</c> tensor) as matrix products:
    /// each image's patches become the columns of a matrix (<see cref="Im2Col"/>), multiplied by the weight
    /// (<see cref="Gemm"/>). Its gradient is written by hand, as matrix products too, so a <c>[Differentiable]</c>
    /// model that calls it is differentiated through them. Agrees with <see cref="Forward"/> per image to rounding.
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inChannels, H, H]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outChannels, H', H']</c>.</param>
    /// <exception cref="ArgumentException">A length does not fit; the message names the layer and the shapes.</exception>
    [CustomGradient(nameof(ForwardBatchWithGradient), Backward = nameof(ForwardBatchBackward))]
    public void ForwardBatch(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        (int count, int side, int outSide) = BatchShape(inputs.Length, outputs.Length);
        int mark = Scratch<double>.Mark;
        try
        {
            int positions = outSide * outSide;
            int patch = InChannels * KernelSize * KernelSize;
            Span<double> columns = Scratch<double>.Rent(patch * positions);
            for (int n = 0; n < count; n++)
            {
                // output[oc, pos] = bias[oc] + Σ_j weight[oc, j] · columns[j, pos]
                Im2Col.Gather(inputs.Slice(n * InChannels * side * side, InChannels * side * side), InChannels, side, KernelSize, Stride, Padding, outSide, columns);
                Span<double> image = outputs.Slice(n * OutChannels * positions, OutChannels * positions);
                for (int oc = 0; oc < OutChannels; oc++)
                {
                    image.Slice(oc * positions, positions).Fill(Bias[oc]);
                }

                Gemm.AddMultiply(Weight.Data, columns, image, OutChannels, patch, positions);
            }
        }
        finally
        {
            Scratch<double>.Release(mark);
        }
    }

    /// <summary>
    /// Computes <see cref="ForwardBatch"/> and adds the vector-Jacobian product of <paramref name="outputsGrad"/> into the
    /// weight, bias and input gradients (<see cref="ForwardBatchBackward(ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{double}, Span{double})"/>,
    /// then the forward pass).
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inChannels, H, H]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outChannels, H', H']</c>.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten, so the gradient of their previous contents is zero.</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<double> inputs, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        ForwardBatchBackward(inputs, outputs, inputsGrad, outputsGrad, outputsInitialGrad);
        ForwardBatch(inputs, outputs);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[N, inChannels, H, H]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outChannels, H', H']</c>.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten.</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<double> inputs, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        ForwardBatchBackward(inputs, outputs, outputsGrad, outputsInitialGrad);
        ForwardBatch(inputs, outputs);
    }

    /// <summary>
    /// The backward pass of <see cref="ForwardBatch"/> alone, after it ran: adds the vector-Jacobian product of
    /// <paramref name="outputsGrad"/> into the parameters' gradients and <paramref name="inputsGrad"/>, without computing
    /// the outputs again (a generated gradient calls it on the outputs the forward call wrote).
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inChannels, H, H]</c>.</param>
    /// <param name="outputs">The outputs <see cref="ForwardBatch"/> wrote; only their shape is read.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten, so the gradient of their previous contents is zero.</param>
    public void ForwardBatchBackward(ReadOnlySpan<double> inputs, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        (int count, int side, int outSide) = BatchShape(inputs.Length, outputs.Length);
        Shapes.Length(inputsGrad.Length, inputs.Length, "Conv2d", "inputsGrad");
        Shapes.Length(outputsGrad.Length, outputs.Length, "Conv2d", "outputsGrad");
        int mark = Scratch<double>.Mark;
        try
        {
            int positions = outSide * outSide;
            int patch = InChannels * KernelSize * KernelSize;
            int imageLength = InChannels * side * side;
            Span<double> columnsGrad = Scratch<double>.Rent(patch * positions);
            for (int n = 0; n < count; n++)
            {
                // d(columns)[j, pos] = Σ_oc weight[oc, j] · d(out)[oc, pos], then back onto the pixels each came from.
                columnsGrad.Clear();
                Gemm.AddTransposedMultiply(Weight.Data, outputsGrad.Slice(n * OutChannels * positions, OutChannels * positions), columnsGrad, OutChannels, patch, positions);
                Im2Col.ScatterAdd(columnsGrad, InChannels, side, KernelSize, Stride, Padding, outSide, inputsGrad.Slice(n * imageLength, imageLength));
            }
        }
        finally
        {
            Scratch<double>.Release(mark);
        }

        ForwardBatchBackward(inputs, outputs, outputsGrad, outputsInitialGrad);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[N, inChannels, H, H]</c>.</param>
    /// <param name="outputs">The outputs <see cref="ForwardBatch"/> wrote; only their shape is read.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten.</param>
    public void ForwardBatchBackward(ReadOnlySpan<double> inputs, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        (int count, int side, int outSide) = BatchShape(inputs.Length, outputs.Length);
        Shapes.Length(outputsGrad.Length, outputs.Length, "Conv2d", "outputsGrad");
        int mark = Scratch<double>.Mark;
        try
        {
            int positions = outSide * outSide;
            int patch = InChannels * KernelSize * KernelSize;
            int imageLength = InChannels * side * side;
            Span<double> columns = Scratch<double>.Rent(patch * positions);
            Span<double> product = Scratch<double>.Rent(OutChannels * patch);
            Span<double> weightGrad = Weight.Grad;
            Span<double> biasGrad = Bias.Grad;
            for (int n = 0; n < count; n++)
            {
                // d(weight)[oc, j] += Σ_pos d(out)[oc, pos] · columns[j, pos]; d(bias)[oc] += Σ_pos d(out)[oc, pos].
                ReadOnlySpan<double> seed = outputsGrad.Slice(n * OutChannels * positions, OutChannels * positions);
                Im2Col.Gather(inputs.Slice(n * imageLength, imageLength), InChannels, side, KernelSize, Stride, Padding, outSide, columns);
                Gemm.MultiplyTransposed(seed, columns, [], product, OutChannels, patch, positions);
                System.Numerics.Tensors.TensorPrimitives.Add(weightGrad, product, weightGrad);
                for (int oc = 0; oc < OutChannels; oc++)
                {
                    biasGrad[oc] += System.Numerics.Tensors.TensorPrimitives.Sum(seed.Slice(oc * positions, positions));
                }
            }
        }
        finally
        {
            Scratch<double>.Release(mark);
        }

    }

    /// <summary>The batch size and the input and output sides of a batch of <paramref name="inputLength"/> values.</summary>
    private (int Count, int Side, int OutSide) BatchShape(int inputLength, int outputLength)
    {
        // The outputs fix the batch size: N = outputs / (outChannels · H'²), with H' from the input side.
        for (int side = KernelSize - (2 * Padding); side <= 4096; side++)
        {
            int imageLength = InChannels * side * side;
            if (side < 1 || imageLength == 0 || inputLength % imageLength != 0)
            {
                continue;
            }

            int count = inputLength / imageLength;
            int outSide = Shapes.Window(side, KernelSize, Stride, Padding, "Conv2d", "inputs");
            if ((long)count * OutChannels * outSide * outSide == outputLength)
            {
                return (count, side, outSide);
            }
        }

        throw new ArgumentException($"Conv2d(in_channels={InChannels}, out_channels={OutChannels}, kernel_size={KernelSize}): 'inputs' ({inputLength} values) and 'outputs' ({outputLength} values) are not a batch [N, {InChannels}, H, H] and its output [N, {OutChannels}, H', H'] for any N and H.", "inputs");
    }

    /// <inheritdoc/>
    void IBatchLayer<double>.ForwardBatch(ReadOnlySpan<double> inputs, int count, Span<double> outputs)
    {
        CheckCount(inputs, outputs, count);
        ForwardBatch(inputs, outputs);
    }

    /// <inheritdoc/>
    void IBatchLayer<double>.ForwardBatchWithGradient(ReadOnlySpan<double> inputs, int count, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad)
    {
        CheckCount(inputs, outputs, count);
        ForwardBatchWithGradient(inputs, outputs, inputsGrad, outputsGrad, outputsInitialGrad);
    }

    /// <inheritdoc/>
    void IBatchLayer<double>.ForwardBatchWithGradient(ReadOnlySpan<double> inputs, int count, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad)
    {
        CheckCount(inputs, outputs, count);
        ForwardBatchWithGradient(inputs, outputs, outputsGrad, outputsInitialGrad);
    }

    /// <summary>Throws unless the batch holds exactly <paramref name="count"/> samples.</summary>
    private void CheckCount(ReadOnlySpan<double> inputs, Span<double> outputs, int count)
    {
        if (BatchShape(inputs.Length, outputs.Length).Count != count)
        {
            throw new ArgumentException($"Conv2d(in_channels={InChannels}, out_channels={OutChannels}, kernel_size={KernelSize}): 'inputs' has {inputs.Length} values, which is not {count} images.", nameof(inputs));
        }
    }
}
