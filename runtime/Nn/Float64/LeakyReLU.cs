namespace SharpGrad.Nn.Float64;

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
