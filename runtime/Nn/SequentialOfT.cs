using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.Sequential(layer0, layer1, ...)</c>: each layer's output is the next one's input. Its parameters are named
/// by position, as PyTorch's (<c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ...), and a <c>[Differentiable]</c>
/// method differentiates through <see cref="Forward"/> like through any layer.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; use <c>SharpGrad.Nn.Float32.Sequential</c> or <c>SharpGrad.Nn.Float64.Sequential</c>.</typeparam>
/// <remarks>
/// Which layers it holds is known only at run time, so its gradient is written by hand
/// (<see cref="CustomGradientAttribute">[CustomGradient]</see>): the forward pass through every layer, keeping
/// each layer's input, then each layer's generated companion in reverse order. That is one interface call per
/// layer and sample, not per operation. The intermediate buffers are kept between calls (no allocation after the
/// first call for a given input length and batch size), so one instance must not run on two threads at once (as a module's
/// gradients must not).
/// </remarks>
public class Sequential<T> : Module<T>, IBatchLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Module<T>[] _modules;
    private int _inputWidth = -1;
    private int[] _widths = [];
    private T[][] _valueBuffers = [];
    private T[][] _gradientBuffers = [];

    /// <summary>Composes <paramref name="layers"/>, applied in order.</summary>
    /// <param name="layers">At least one layer; each is a <see cref="Module{T}"/> implementing <see cref="ILayer{T}"/>, as every layer of this namespace is.</param>
    /// <exception cref="ArgumentException">No layer, a null one, or one that is not a module.</exception>
    public Sequential(params ILayer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("Sequential needs at least one layer.", nameof(layers));
        }

        _layers = [.. layers];
        _modules = new Module<T>[layers.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            _modules[i] = layers[i] as Module<T>
                ?? throw new ArgumentException($"Sequential: layer {i} ({layers[i]?.GetType().Name ?? "null"}) is not a Module<{typeof(T).Name}>, so its parameters could not be listed.", nameof(layers));
        }
    }

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Length;

    /// <summary>The layer at <paramref name="index"/> (PyTorch: <c>model[index]</c>).</summary>
    /// <param name="index">Its position.</param>
    public ILayer<T> this[int index] => _layers[index];

    /// <inheritdoc/>
    public int OutputLength(int inputLength)
    {
        int length = inputLength;
        for (int i = 0; i < _layers.Length; i++)
        {
            length = _layers[i].OutputLength(length);
        }

        return length;
    }

    /// <summary>Applies every layer in turn to one sample.</summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the last layer's output.</param>
    /// <exception cref="ArgumentException">A layer cannot take its input, or <paramref name="output"/> has the wrong length.</exception>
    [CustomGradient(nameof(ForwardWithGradient))]
    public void Forward(ReadOnlySpan<T> input, Span<T> output) => ForwardBatch(input, 1, output);

    /// <summary>
    /// Computes the output and adds the vector-Jacobian product of <paramref name="outputGrad"/> into every layer's
    /// parameter gradients and into <paramref name="inputGrad"/>.
    /// </summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the last layer's output.</param>
    /// <param name="inputGrad">Receives d(loss)/d(input), added to its contents.</param>
    /// <param name="outputGrad">d(loss)/d(output).</param>
    /// <param name="outputInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="output"/> on entry), from the last layer.</param>
    public void ForwardWithGradient(ReadOnlySpan<T> input, Span<T> output, Span<T> inputGrad, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad = default)
        => ForwardBatchWithGradient(input, 1, output, inputGrad, outputGrad, outputInitialGrad);

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the last layer's output.</param>
    /// <param name="outputGrad">d(loss)/d(output).</param>
    /// <param name="outputInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="output"/> on entry).</param>
    public void ForwardWithGradient(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad = default)
        => ForwardBatchWithGradient(input, 1, output, outputGrad, outputInitialGrad);

    /// <inheritdoc/>
    protected override void VisitMembers(ModuleVisitor<T> visitor)
    {
        base.VisitMembers(visitor);
        for (int i = 0; i < _modules.Length; i++)
        {
            string name = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            visitor.Module(name, _modules[i], "Sequential[" + name + "]");
        }
    }

    /// <summary>
    /// Applies every layer in turn to a whole batch (PyTorch: <c>model(x)</c> on an <c>[N, ...]</c> tensor): a layer that
    /// takes batches (<see cref="IBatchLayer{T}"/>: <c>Linear</c>, <c>Conv2d</c>, the element-wise activations) takes it
    /// at once, any other one sample at a time.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives row-major <c>[count, outputWidth]</c>.</param>
    /// <exception cref="ArgumentException">A layer cannot take its input, or a length does not fit <paramref name="count"/> samples.</exception>
    [CustomGradient(nameof(ForwardBatchWithGradient))]
    public void ForwardBatch(ReadOnlySpan<T> inputs, int count, Span<T> outputs)
    {
        if (!PrepareBatch(inputs.Length, count, outputs.Length))
        {
            return;
        }

        ReadOnlySpan<T> current = inputs;
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            RunBatch(i, current, count, Values(i, count));
            current = Values(i, count);
        }

        RunBatch(_layers.Length - 1, current, count, outputs);
    }

    /// <summary>
    /// Computes <see cref="ForwardBatch"/> and adds the vector-Jacobian product of <paramref name="outputsGrad"/> into
    /// every layer's parameter gradients and into <paramref name="inputsGrad"/>.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives the outputs.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="outputs"/> on entry), from the last layer.</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, Span<T> inputsGrad, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default)
    {
        if (inputsGrad.Length != inputs.Length)
        {
            throw new ArgumentException($"Sequential: 'inputsGrad' has length {inputsGrad.Length} but 'inputs' has length {inputs.Length}; they must match.", nameof(inputsGrad));
        }

        BackwardBatch(inputs, count, outputs, inputsGrad, hasInputGrad: true, outputsGrad, outputsInitialGrad);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives the outputs.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="outputs"/> on entry).</param>
    public void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default)
        => BackwardBatch(inputs, count, outputs, default, hasInputGrad: false, outputsGrad, outputsInitialGrad);

    private void BackwardBatch(ReadOnlySpan<T> inputs, int count, Span<T> outputs, Span<T> inputsGrad, bool hasInputGrad, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad)
    {
        if (outputsGrad.Length != outputs.Length)
        {
            throw new ArgumentException($"Sequential: 'outputsGrad' has length {outputsGrad.Length} but 'outputs' has length {outputs.Length}; they must match.", nameof(outputsGrad));
        }

        if (!PrepareBatch(inputs.Length, count, outputs.Length))
        {
            return;
        }

        ReadOnlySpan<T> current = inputs;
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            RunBatch(i, current, count, Values(i, count));
            current = Values(i, count);
        }

        ReadOnlySpan<T> seed = outputsGrad;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            ReadOnlySpan<T> layerInput = i == 0 ? inputs : Values(i - 1, count);
            Span<T> layerOutput = i == _layers.Length - 1 ? outputs : Values(i, count);
            Span<T> initial = i == _layers.Length - 1 ? outputsInitialGrad : default;
            if (i > 0)
            {
                Span<T> gradient = _gradientBuffers[i - 1].AsSpan(0, count * _widths[i]);
                gradient.Clear();
                RunBatchGradient(i, layerInput, count, layerOutput, gradient, hasInputGrad: true, seed, initial);
                seed = gradient;
            }
            else
            {
                RunBatchGradient(i, layerInput, count, layerOutput, inputsGrad, hasInputGrad, seed, initial);
            }
        }
    }

    private void RunBatch(int index, ReadOnlySpan<T> input, int count, Span<T> output)
    {
        if (_layers[index] is IBatchLayer<T> batch)
        {
            batch.ForwardBatch(input, count, output);
            return;
        }

        int inputWidth = input.Length / count;
        int outputWidth = output.Length / count;
        for (int r = 0; r < count; r++)
        {
            _layers[index].Forward(input.Slice(r * inputWidth, inputWidth), output.Slice(r * outputWidth, outputWidth));
        }
    }

    private void RunBatchGradient(int index, ReadOnlySpan<T> input, int count, Span<T> output, Span<T> inputGrad, bool hasInputGrad, ReadOnlySpan<T> seed, Span<T> initial)
    {
        ILayer<T> layer = _layers[index];
        if (layer is IBatchLayer<T> batch)
        {
            if (hasInputGrad)
            {
                batch.ForwardBatchWithGradient(input, count, output, inputGrad, seed, initial);
            }
            else
            {
                batch.ForwardBatchWithGradient(input, count, output, seed, initial);
            }

            return;
        }

        int inputWidth = input.Length / count;
        int outputWidth = output.Length / count;
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<T> rowInput = input.Slice(r * inputWidth, inputWidth);
            Span<T> rowOutput = output.Slice(r * outputWidth, outputWidth);
            ReadOnlySpan<T> rowSeed = seed.Slice(r * outputWidth, outputWidth);
            Span<T> rowInitial = initial.IsEmpty ? default : initial.Slice(r * outputWidth, outputWidth);
            if (hasInputGrad)
            {
                layer.ForwardWithGradient(rowInput, rowOutput, inputGrad.Slice(r * inputWidth, inputWidth), rowSeed, rowInitial);
            }
            else
            {
                layer.ForwardWithGradient(rowInput, rowOutput, rowSeed, rowInitial);
            }
        }
    }

    /// <summary>The output of layer <paramref name="index"/> for <paramref name="count"/> samples, in its kept buffer.</summary>
    private Span<T> Values(int index, int count) => _valueBuffers[index].AsSpan(0, count * _widths[index + 1]);

    /// <summary>Sizes the batch buffers between layers; false for an empty batch (nothing to compute).</summary>
    private bool PrepareBatch(int inputLength, int count, int outputLength)
    {
        if (count <= 0 || inputLength % count != 0)
        {
            if (count == 0 && inputLength == 0 && outputLength == 0)
            {
                return false;
            }

            throw new ArgumentException($"Sequential: 'inputs' has {inputLength} values, which is not a batch of {count} samples.", "inputs");
        }

        // The widths between layers depend on the input width only; the buffers grow to the largest batch seen and
        // are sliced to the current one, so a smaller last batch of an epoch allocates nothing.
        int inputWidth = inputLength / count;
        if (inputWidth != _inputWidth)
        {
            var widths = new int[_layers.Length + 1];
            widths[0] = inputWidth;
            for (int i = 0; i < _layers.Length; i++)
            {
                widths[i + 1] = _layers[i].OutputLength(widths[i]);
            }

            _widths = widths;
            _valueBuffers = new T[_layers.Length - 1][];
            _gradientBuffers = new T[_layers.Length - 1][];
            _inputWidth = inputWidth;
        }

        for (int i = 0; i < _layers.Length - 1; i++)
        {
            int needed = count * _widths[i + 1];
            if (_valueBuffers[i] is null || _valueBuffers[i].Length < needed)
            {
                _valueBuffers[i] = new T[needed];
                _gradientBuffers[i] = new T[needed];
            }
        }

        int expected = count * _widths[^1];
        if (outputLength != expected)
        {
            throw new ArgumentException($"Sequential: 'outputs' has {outputLength} values, expected [{count}, {_widths[^1]}].", "outputs");
        }

        return true;
    }
}
