// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <summary><c>nn.ReLU()</c>: <c>max(x, 0)</c> element by element (gradient 0 at 0, as PyTorch).</summary>
public sealed partial class ReLU : ElementwiseLayer<float>, IBatchLayer<float>
{
    /// <summary>Applies the activation to one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "ReLU", "output");
        Functional.Relu(input.Slice(0, n), output);
    }
}
