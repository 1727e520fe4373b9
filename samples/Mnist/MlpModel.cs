using SharpGrad;
using SharpGrad.Nn;
using SharpGrad.Nn.Float32;

namespace Mnist;

/// <summary>
/// <c>nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))</c> with
/// <c>nn.CrossEntropyLoss()</c>, written on whole batches as in PyTorch: each <c>Linear</c> runs the batch as one
/// matrix product (<c>ForwardBatch</c>), ReLU runs over the batch.
/// </summary>
internal sealed partial class MlpModel : Module<float>, IDigitModel
{
    private const int Pixels = 28 * 28;
    private const int Hidden = 128;

    [Module]
    public Linear Fc1 { get; } = new(Pixels, Hidden);

    [Module]
    public Linear Fc2 { get; } = new(Hidden, 10);

    public string Description => "MLP 784-128-10 (ReLU)";

    /// <summary>The logits of a batch of flattened images, <c>[count, 10]</c>.</summary>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> images, Span<float> logits)
    {
        int count = Shapes.Rows(images.Length, Pixels, "MlpModel", "images");
        float[] hidden = new float[count * Hidden];
        Fc1.ForwardBatch(images, hidden);
        float[] activated = new float[count * Hidden];
        Functional.Relu(hidden, activated);
        Fc2.ForwardBatch(activated, logits);
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
