namespace SharpGrad.Nn.Float64;

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
