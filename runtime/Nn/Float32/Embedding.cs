// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <summary>
/// <c>nn.Embedding(numEmbeddings, embeddingDim)</c>: the parameter <c>weight</c> <c>[numEmbeddings, embeddingDim]</c>,
/// initialized from N(0, 1) as PyTorch does; <see cref="Forward"/> looks up one row per index.
/// </summary>
public sealed partial class Embedding : Module<float>
{
    /// <summary>Creates the table.</summary>
    /// <param name="numEmbeddings">The number of rows (the vocabulary).</param>
    /// <param name="embeddingDim">The width of each row.</param>
    /// <param name="random">The generator to draw from; <see cref="Init.DefaultGenerator"/> when null.</param>
    public Embedding(int numEmbeddings, int embeddingDim, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = Init.Normal(new Parameter<float>("weight", numEmbeddings, embeddingDim), random ?? Init.DefaultGenerator);
    }

    /// <summary>The number of rows.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The width of each row.</summary>
    public int EmbeddingDim { get; }

    /// <summary><c>[numEmbeddings, embeddingDim]</c>.</summary>
    [Parameter]
    public Parameter<float> Weight { get; }

    /// <summary>Writes row <c>indices[t]</c> of the table to <c>output[t · embeddingDim ..]</c> for each t.</summary>
    /// <param name="indices">The tokens.</param>
    /// <param name="output">Receives <c>indices.Length · embeddingDim</c> values.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, numEmbeddings); the message names it and its position.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<int> indices, Span<float> output)
    {
        int count = Shapes.Length(output.Length, indices.Length * EmbeddingDim, "Embedding", "output") / EmbeddingDim;
        for (int t = 0; t < count; t++)
        {
            int row = Shapes.ClassIndex(indices[t], t, NumEmbeddings, "Embedding");
            for (int j = 0; j < EmbeddingDim; j++)
            {
                output[(t * EmbeddingDim) + j] = Weight[(row * EmbeddingDim) + j];
            }
        }
    }
}
