using SharpGrad;
using SharpGrad.Nn;
using SharpGrad.Nn.Float32;

namespace Mnist;

/// <summary>
/// <c>nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))</c> with
/// <c>nn.CrossEntropyLoss()</c>, from SharpGrad.Nn's layers (PyTorch's default initialization).
/// </summary>
internal sealed partial class MlpModel : Module<float>, IDigitModel
{
    private const int Pixels = 28 * 28;

    [Module]
    public Sequential Net { get; } = new(new Flatten(), new Linear(Pixels, 128), new ReLU(), new Linear(128, 10));

    public string Description => "MLP 784-128-10 (ReLU)";

    /// <summary>The logits of a batch of flattened images, one sample at a time through <see cref="Net"/>.</summary>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> images, Span<float> logits)
    {
        int count = Shapes.Rows(images.Length, Pixels, "MlpModel", "images");
        for (int i = 0; i < count; i++)
        {
            Net.Forward(images.Slice(i * Pixels, Pixels), logits.Slice(i * 10, 10));
        }
    }

    /// <summary>Mean cross-entropy over a batch; SharpGrad generates <c>LossWithGradient</c>.</summary>
    [Differentiable]
    public float Loss([NoGrad] ReadOnlySpan<float> images, [NoGrad] ReadOnlySpan<float> labels)
    {
        float[] logits = new float[labels.Length * 10];
        Forward(images, logits);
        return Functional.CrossEntropyLoss(logits, labels);
    }
}
