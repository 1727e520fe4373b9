namespace SharpGrad.Nn.Float64;

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
