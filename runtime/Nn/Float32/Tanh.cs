// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <summary><c>nn.Tanh()</c> element by element.</summary>
public sealed partial class Tanh : ElementwiseLayer<float>, IBatchLayer<float>
{
    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Tanh", "output");
        Functional.Tanh(input.Slice(0, n), output);
    }
}
