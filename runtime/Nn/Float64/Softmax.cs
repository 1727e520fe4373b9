namespace SharpGrad.Nn.Float64;

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
