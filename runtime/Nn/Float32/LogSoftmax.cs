// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <summary><c>nn.LogSoftmax(dim=-1)</c> over one sample's values.</summary>
public sealed partial class LogSoftmax : Module<float>, ILayer<float>
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <summary>Computes the log-probabilities of one sample.</summary>
    /// <param name="input">The logits.</param>
    /// <param name="output">Receives as many log-probabilities.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = Shapes.Length(output.Length, input.Length, "LogSoftmax", "output");
        Functional.LogSoftmax(input.Slice(0, n), output);
    }
}
