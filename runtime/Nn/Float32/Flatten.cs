// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <summary>
/// <c>nn.Flatten()</c>: a sample is already a flat row-major span, so this copies it unchanged; it is here so that a
/// model reads like its PyTorch version.
/// </summary>
public sealed partial class Flatten : ElementwiseLayer<float>, IBatchLayer<float>
{
    /// <summary>Copies one sample.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives the same values.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "Flatten", "output");
        for (int i = 0; i < n; i++)
        {
            output[i] = input[i];
        }
    }
}
