namespace SharpGrad.Nn.Float64;

/// <summary><c>nn.ReLU()</c>: <c>max(x, 0)</c> element by element (gradient 0 at 0, as PyTorch).</summary>
public sealed partial class ReLU : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "ReLU", "output");
        Functional.Relu(input.Slice(0, n), output);
    }
}

/// <summary><c>nn.LeakyReLU(negativeSlope)</c>: x for positive x, <c>negativeSlope · x</c> otherwise.</summary>
public sealed partial class LeakyReLU : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Creates the activation.</summary>
    /// <param name="negativeSlope">The slope for negative inputs (PyTorch's default, 0.01).</param>
    public LeakyReLU(double negativeSlope = 0.01) => NegativeSlope = negativeSlope;

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "LeakyReLU", "output");
        Functional.LeakyRelu(input.Slice(0, n), NegativeSlope, output);
    }
}

/// <summary>
/// <c>nn.GELU(approximate)</c>: <c>x · Φ(x)</c> with the exact erf form (PyTorch's default, <c>approximate: false</c>)
/// or the tanh approximation (<c>approximate='tanh'</c>).
/// </summary>
public sealed partial class GELU : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Creates the activation.</summary>
    /// <param name="approximateTanh">True for PyTorch's <c>approximate='tanh'</c>.</param>
    public GELU(bool approximateTanh = false) => ApproximateTanh = approximateTanh;

    /// <summary>Whether the tanh approximation is used.</summary>
    public bool ApproximateTanh { get; }

    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "GELU", "output");
        if (ApproximateTanh)
        {
            Functional.GeluTanh(input.Slice(0, n), output);
        }
        else
        {
            Functional.Gelu(input.Slice(0, n), output);
        }
    }
}

/// <summary><c>nn.Tanh()</c> element by element.</summary>
public sealed partial class Tanh : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Tanh", "output");
        Functional.Tanh(input.Slice(0, n), output);
    }
}

/// <summary><c>nn.Sigmoid()</c> element by element, without overflow.</summary>
public sealed partial class Sigmoid : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Sigmoid", "output");
        Functional.Sigmoid(input.Slice(0, n), output);
    }
}

/// <summary><c>nn.Softmax(dim=-1)</c> over one sample's values.</summary>
public sealed partial class Softmax : Module<double>, ILayer<double>
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <summary>Computes the probabilities of one sample.</summary>
    /// <param name="input">The logits.</param>
    /// <param name="output">Receives as many probabilities.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Softmax", "output");
        Functional.Softmax(input.Slice(0, n), output);
    }
}

/// <summary><c>nn.LogSoftmax(dim=-1)</c> over one sample's values.</summary>
public sealed partial class LogSoftmax : Module<double>, ILayer<double>
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <summary>Computes the log-probabilities of one sample.</summary>
    /// <param name="input">The logits.</param>
    /// <param name="output">Receives as many log-probabilities.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "LogSoftmax", "output");
        Functional.LogSoftmax(input.Slice(0, n), output);
    }
}

/// <summary>
/// <c>nn.Flatten()</c>: a sample is already a flat row-major span, so this copies it unchanged; it is here so that a
/// model reads like its PyTorch version.
/// </summary>
public sealed partial class Flatten : ElementwiseLayer<double>, IBatchLayer<double>
{
    /// <summary>Copies one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives the same values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Flatten", "output");
        for (int i = 0; i < n; i++)
        {
            output[i] = input[i];
        }
    }
}
