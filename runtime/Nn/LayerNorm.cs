using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.LayerNorm(normalizedShape, eps)</c> over the last dimension: the parameters <c>{name}.weight</c> (ones) and
/// <c>{name}.bias</c> (zeros), as PyTorch initializes them, and the input check. The computation is
/// <see cref="Functional.LayerNorm(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LayerNorm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The width of the vectors normalized.</param>
    /// <param name="eps">Added to the variance (PyTorch's default 1e-5).</param>
    /// <param name="name">The prefix of the parameter names.</param>
    public LayerNorm(int normalizedShape, double eps = 1e-5, string name = "norm")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normalizedShape);
        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"LayerNorm '{name}': eps must be positive and finite.");
        }

        Name = name;
        Eps = eps;
        NormalizedShape = normalizedShape;
        Weight = Init.Ones(new Parameter<T>(name + ".weight", normalizedShape));
        Bias = Init.Zeros(new Parameter<T>(name + ".bias", normalizedShape));
    }

    /// <summary>The name given at construction.</summary>
    public string Name { get; }

    /// <summary>The width of the vectors normalized.</summary>
    public int NormalizedShape { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The per-element scale.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The per-element shift.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>The weight and the bias.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight, Bias];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the layer and both shapes unless <paramref name="input"/> is <paramref name="count"/> rows of <see cref="NormalizedShape"/>.</summary>
    /// <param name="input">The batch, row-major.</param>
    /// <param name="count">The number of rows.</param>
    public void CheckInput(ReadOnlySpan<T> input, int count)
        => BoundaryChecks.RequireRows($"LayerNorm '{Name}' (nn.LayerNorm({NormalizedShape}))", nameof(input), count, NormalizedShape, input.Length);
}
