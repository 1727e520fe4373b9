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
/// first call for a given input length), so one instance must not run on two threads at once (as a module's
/// gradients must not).
/// </remarks>
public class Sequential<T> : Module<T>, ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Module<T>[] _modules;
    private int _inputLength = -1;
    private T[][] _values = [];
    private T[][] _gradients = [];

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
    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        Prepare(input.Length, output.Length);
        ReadOnlySpan<T> current = input;
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            _layers[i].Forward(current, _values[i]);
            current = _values[i];
        }

        _layers[^1].Forward(current, output);
    }

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
    {
        if (inputGrad.Length != input.Length)
        {
            throw new ArgumentException($"Sequential: 'inputGrad' has length {inputGrad.Length} but 'input' has length {input.Length}; they must match.", nameof(inputGrad));
        }

        Backward(input, output, inputGrad, hasInputGrad: true, outputGrad, outputInitialGrad);
    }

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the last layer's output.</param>
    /// <param name="outputGrad">d(loss)/d(output).</param>
    /// <param name="outputInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="output"/> on entry).</param>
    public void ForwardWithGradient(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad = default)
        => Backward(input, output, default, hasInputGrad: false, outputGrad, outputInitialGrad);

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

    private void Backward(ReadOnlySpan<T> input, Span<T> output, Span<T> inputGrad, bool hasInputGrad, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad)
    {
        if (outputGrad.Length != output.Length)
        {
            throw new ArgumentException($"Sequential: 'outputGrad' has length {outputGrad.Length} but 'output' has length {output.Length}; they must match.", nameof(outputGrad));
        }

        Prepare(input.Length, output.Length);

        // Forward: each layer's input is kept (the last layer's output is written by its companion below).
        ReadOnlySpan<T> current = input;
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            _layers[i].Forward(current, _values[i]);
            current = _values[i];
        }

        // Reverse: each layer's companion, from the last, seeded with the gradient of its output.
        ReadOnlySpan<T> seed = outputGrad;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            ReadOnlySpan<T> layerInput = i == 0 ? input : _values[i - 1];
            Span<T> layerOutput = i == _layers.Length - 1 ? output : _values[i];
            Span<T> initial = i == _layers.Length - 1 ? outputInitialGrad : default;
            if (i > 0)
            {
                Span<T> gradient = _gradients[i - 1];
                gradient.Clear();
                _layers[i].ForwardWithGradient(layerInput, layerOutput, gradient, seed, initial);
                seed = gradient;
            }
            else if (hasInputGrad)
            {
                _layers[i].ForwardWithGradient(layerInput, layerOutput, inputGrad, seed, initial);
            }
            else
            {
                _layers[i].ForwardWithGradient(layerInput, layerOutput, seed, initial);
            }
        }
    }

    /// <summary>Sizes the buffers between layers for an input of <paramref name="inputLength"/> and checks the output's length.</summary>
    private void Prepare(int inputLength, int outputLength)
    {
        if (inputLength != _inputLength)
        {
            var values = new T[_layers.Length - 1][];
            int length = inputLength;
            for (int i = 0; i < _layers.Length - 1; i++)
            {
                length = _layers[i].OutputLength(length);
                values[i] = new T[length];
            }

            _values = values;
            _gradients = [.. values.Select(v => new T[v.Length])];
            _inputLength = inputLength;
        }

        int expected = _layers[^1].OutputLength(_values.Length == 0 ? inputLength : _values[^1].Length);
        if (outputLength != expected)
        {
            throw new ArgumentException($"Sequential: 'output' has shape [{outputLength}], expected [{expected}] for an input of {inputLength} values.", "output");
        }
    }
}
