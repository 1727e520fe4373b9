namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.LayerNorm(normalizedShape, eps)</c> over one sample of <see cref="NormalizedShape"/> values: the parameters
/// <c>weight</c> (ones) and <c>bias</c> (zeros), as PyTorch initializes them; the biased variance, as PyTorch.
/// </summary>
public sealed partial class LayerNorm : Module<double>, ILayer<double>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The number of values normalized together.</param>
    /// <param name="eps">Added to the variance (PyTorch's default 1e-5).</param>
    public LayerNorm(int normalizedShape, double eps = 1e-5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normalizedShape);
        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive and finite.");
        }

        NormalizedShape = normalizedShape;
        Eps = eps;
        Weight = Init.Ones(new Parameter<double>("weight", normalizedShape));
        Bias = Init.Zeros(new Parameter<double>("bias", normalizedShape));
    }

    /// <summary>The number of values normalized together.</summary>
    public int NormalizedShape { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The per-element scale, <c>[normalizedShape]</c>.</summary>
    [Parameter]
    public Parameter<double> Weight { get; }

    /// <summary>The per-element shift, <c>[normalizedShape]</c>.</summary>
    [Parameter]
    public Parameter<double> Bias { get; }

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => Shapes.Length(inputLength, NormalizedShape, "LayerNorm", "input");

    /// <summary>Normalizes one sample.</summary>
    /// <param name="input"><see cref="NormalizedShape"/> values.</param>
    /// <param name="output">Receives as many values.</param>
    /// <exception cref="ArgumentException">A length does not match; the message names the layer and both shapes.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = Shapes.Length(input.Length, NormalizedShape, "LayerNorm", "input");
        int m = Shapes.Length(output.Length, NormalizedShape, "LayerNorm", "output");
        Functional.LayerNorm(input.Slice(0, n), Weight.Data, Bias.Data, Eps, output.Slice(0, m));
    }
}
