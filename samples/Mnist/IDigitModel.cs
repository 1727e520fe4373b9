using SharpGrad;

namespace Mnist;

/// <summary>What the training loop needs of a digit classifier: its parameters, the loss with and without gradient, and the logits.</summary>
internal interface IDigitModel
{
    /// <summary>A one-line description, e.g. <c>MLP 784-128-10</c>.</summary>
    string Description { get; }

    /// <summary>Every trainable tensor, with PyTorch-style names.</summary>
    IReadOnlyList<Parameter<float>> Parameters { get; }

    /// <summary>The mean cross-entropy over a batch, adding its gradient into the parameters' <c>Grad</c>.</summary>
    float LossWithGradient(ReadOnlySpan<float> features, ReadOnlySpan<float> labels);

    /// <summary>
    /// The mean cross-entropy over a batch (no gradient), writing the ten logits of each image into
    /// <paramref name="logits"/> (row-major <c>[count, 10]</c>): the same forward pass as training's.
    /// </summary>
    float Evaluate(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<float> logits);
}
