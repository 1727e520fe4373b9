using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.Embedding(numEmbeddings, embeddingDim)</c>: the parameter <c>{name}.weight</c> <c>[numEmbeddings,
/// embeddingDim]</c>, initialized N(0, 1) as PyTorch does, and the index check. The computation is
/// <see cref="Functional.Embedding(ReadOnlySpan{double}, int, int, int)"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Embedding<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the table and fills it from <paramref name="random"/>.</summary>
    /// <param name="numEmbeddings">The number of rows (tokens).</param>
    /// <param name="embeddingDim">The width of each row.</param>
    /// <param name="random">The generator.</param>
    /// <param name="name">The prefix of the parameter name.</param>
    public Embedding(int numEmbeddings, int embeddingDim, Random random, string name = "embedding")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        ArgumentNullException.ThrowIfNull(random);
        Name = name;
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = Init.Normal(new Parameter<T>(name + ".weight", numEmbeddings, embeddingDim), random);
    }

    /// <summary>The name given at construction.</summary>
    public string Name { get; }

    /// <summary>The number of rows.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The width of each row.</summary>
    public int EmbeddingDim { get; }

    /// <summary><c>[numEmbeddings, embeddingDim]</c>.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The weight.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first index that is not a row of the table, its position and the row count.</summary>
    /// <param name="indices">Token indices, stored as floating-point numbers.</param>
    public void CheckIndices(ReadOnlySpan<T> indices)
        => BoundaryChecks.RequireClassIndices($"Embedding '{Name}' (nn.Embedding({NumEmbeddings}, {EmbeddingDim}))", nameof(indices), indices, NumEmbeddings);
}
