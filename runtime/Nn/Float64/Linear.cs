using SharpGrad.Numerics;

namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.Linear(inFeatures, outFeatures)</c> on one sample: <c>output = weight · input + bias</c>, with the parameters
/// <c>weight</c> <c>[outFeatures, inFeatures]</c> and <c>bias</c> <c>[outFeatures]</c> initialized as PyTorch does
/// (weight Kaiming-uniform with a = √5, that is uniform in ±1/√inFeatures; bias uniform in ±1/√inFeatures).
/// </summary>
/// <example><code>
/// [Module] public Linear Fc1 { get; } = new(784, 128);
/// ...
/// Fc1.Forward(features.Slice(i * 784, 784), hidden); // inside a [Differentiable] method of the model
/// </code></example>
public sealed partial class Linear : Module<double>, IBatchLayer<double>
{
    /// <summary>Creates the layer and initializes its parameters (weight first, then bias, as PyTorch).</summary>
    /// <param name="inFeatures">The input width.</param>
    /// <param name="outFeatures">The output width.</param>
    /// <param name="random">The generator to draw from; <see cref="Init.DefaultGenerator"/> when null.</param>
    public Linear(int inFeatures, int outFeatures, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        random ??= Init.DefaultGenerator;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter<double>("weight", outFeatures, inFeatures);
        Bias = new Parameter<double>("bias", outFeatures);
        Init.KaimingUniform(Weight, random, a: Math.Sqrt(5));
        Init.Uniform(Bias, random, -1 / Math.Sqrt(inFeatures), 1 / Math.Sqrt(inFeatures));
    }

    /// <summary>The input width.</summary>
    public int InFeatures { get; }

    /// <summary>The output width.</summary>
    public int OutFeatures { get; }

    /// <summary><c>[outFeatures, inFeatures]</c>.</summary>
    [Parameter]
    public Parameter<double> Weight { get; }

    /// <summary><c>[outFeatures]</c>.</summary>
    [Parameter]
    public Parameter<double> Bias { get; }

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => Shapes.Features(inputLength, InFeatures, OutFeatures, "Linear", "input") == InFeatures ? OutFeatures : 0;

    /// <summary>Computes <c>output = weight · input + bias</c> for one sample.</summary>
    /// <param name="input"><see cref="InFeatures"/> values.</param>
    /// <param name="output">Receives <see cref="OutFeatures"/> values.</param>
    /// <exception cref="ArgumentException">A length does not match; the message names the layer and both shapes.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int inputs = Shapes.Features(input.Length, InFeatures, OutFeatures, "Linear", "input");
        int outputs = Shapes.Length(output.Length, OutFeatures, "Linear", "output");
        Functional.Linear(Weight.Data, Bias.Data, input.Slice(0, inputs), output.Slice(0, outputs));
    }

    /// <summary>
    /// <c>outputs = inputs · weightᵀ + bias</c> for a whole batch (PyTorch: <c>linear(x)</c> on an <c>[N, in]</c> tensor),
    /// as blocked SIMD matrix products (<see cref="Gemm"/>); its gradient is written by hand (<see cref="ForwardBatchWithGradient(ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{double}, Span{double})"/>),
    /// so a <c>[Differentiable]</c> model that calls it is differentiated through matrix products instead of one
    /// sample at a time. Results agree with <see cref="Forward"/> per row to rounding (the sums are blocked).
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inFeatures]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outFeatures]</c>.</param>
    /// <exception cref="ArgumentException">A length does not fit; the message names the layer and the shapes.</exception>
    [CustomGradient(nameof(ForwardBatchWithGradient), Backward = nameof(ForwardBatchBackward))]
    public void ForwardBatch(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        int count = BatchCount(inputs.Length, outputs.Length);
        Gemm.MultiplyTransposed(inputs, Weight.Data, Bias.Data, outputs, count, OutFeatures, InFeatures);
    }

    /// <summary>
    /// Computes <see cref="ForwardBatch"/> and adds the vector-Jacobian product of <paramref name="outputsGrad"/>:
    /// <c>weight.Grad += outputsGradᵀ · inputs</c>, <c>bias.Grad += Σ rows of outputsGrad</c>,
    /// <c>inputsGrad += outputsGrad · weight</c>. The seed is read before <paramref name="outputs"/> is written.
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inFeatures]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outFeatures]</c>.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten, so the gradient of their previous contents is zero.</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<double> inputs, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        ForwardBatchBackward(inputs, outputs, inputsGrad, outputsGrad, outputsInitialGrad);
        ForwardBatch(inputs, outputs);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[N, inFeatures]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[N, outFeatures]</c>.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten.</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<double> inputs, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        ForwardBatchBackward(inputs, outputs, outputsGrad, outputsInitialGrad);
        ForwardBatch(inputs, outputs);
    }

    /// <summary>
    /// The backward pass of <see cref="ForwardBatch"/> alone, after it ran: adds the vector-Jacobian product of
    /// <paramref name="outputsGrad"/> as <see cref="ForwardBatchWithGradient(ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{double}, Span{double})"/>
    /// does, without computing the outputs again (a generated gradient calls it on the outputs the forward call wrote).
    /// </summary>
    /// <param name="inputs">Row-major <c>[N, inFeatures]</c>.</param>
    /// <param name="outputs">The outputs <see cref="ForwardBatch"/> wrote; only their shape is read.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten, so the gradient of their previous contents is zero.</param>
    public void ForwardBatchBackward(ReadOnlySpan<double> inputs, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        int count = BatchCount(inputs.Length, outputs.Length);
        Shapes.Length(inputsGrad.Length, inputs.Length, "Linear", "inputsGrad");
        Shapes.Length(outputsGrad.Length, outputs.Length, "Linear", "outputsGrad");
        Gemm.AddMultiply(outputsGrad, Weight.Data, inputsGrad, count, OutFeatures, InFeatures);
        ForwardBatchBackward(inputs, outputs, outputsGrad, outputsInitialGrad);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[N, inFeatures]</c>.</param>
    /// <param name="outputs">The outputs <see cref="ForwardBatch"/> wrote; only their shape is read.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Unused: every output is overwritten.</param>
    public void ForwardBatchBackward(ReadOnlySpan<double> inputs, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> outputsInitialGrad = default)
    {
        int count = BatchCount(inputs.Length, outputs.Length);
        Shapes.Length(outputsGrad.Length, outputs.Length, "Linear", "outputsGrad");
        Gemm.AddTransposedMultiply(outputsGrad, inputs, Weight.Grad, count, OutFeatures, InFeatures);
        Gemm.AddColumnSums(outputsGrad, Bias.Grad, count, OutFeatures);
    }

    /// <summary>The batch size of <paramref name="inputLength"/> inputs, checking that the outputs fit it.</summary>
    private int BatchCount(int inputLength, int outputLength)
    {
        if (inputLength % InFeatures != 0)
        {
            throw new ArgumentException($"Linear(in_features={InFeatures}, out_features={OutFeatures}): 'inputs' has {inputLength} values, which is not a batch of rows of {InFeatures} (expected shape [N, {InFeatures}]).", "inputs");
        }

        int count = inputLength / InFeatures;
        if (outputLength != (long)count * OutFeatures)
        {
            throw new ArgumentException($"Linear(in_features={InFeatures}, out_features={OutFeatures}): 'outputs' has {outputLength} values, expected [{count}, {OutFeatures}] for {count} inputs.", "outputs");
        }

        return count;
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
        if (BatchCount(inputs.Length, outputs.Length) != count)
        {
            throw new ArgumentException($"Linear(in_features={InFeatures}, out_features={OutFeatures}): 'inputs' has {inputs.Length} values, expected [{count}, {InFeatures}].", nameof(inputs));
        }
    }
}
