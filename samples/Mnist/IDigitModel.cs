using SharpGrad;

namespace Mnist;

/// <summary>What the training loop needs of a digit classifier; both models are <see cref="Module{T}"/> classes that have it.</summary>
internal interface IDigitModel
{
    /// <summary>A one-line description, e.g. <c>MLP 784-128-10</c>.</summary>
    string Description { get; }

    /// <summary>Every trainable tensor, with PyTorch's names (<see cref="Module{T}.Parameters"/>).</summary>
    ModuleParameters<float> Parameters();

    /// <summary>The ten logits of each image, row-major <c>[count, 10]</c>: the forward pass that training differentiates.</summary>
    void Forward(ReadOnlySpan<float> images, Span<float> logits);

    /// <summary>The mean cross-entropy over a batch, adding its gradient into the parameters' <c>Grad</c> (generated).</summary>
    float LossWithGradient(ReadOnlySpan<float> images, ReadOnlySpan<float> labels, float outputGradient = 1);
}
