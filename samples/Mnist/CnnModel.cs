using SharpGrad;
using SharpGrad.Nn;
using SharpGrad.Nn.Float32;

namespace Mnist;

/// <summary>
/// A LeNet-style CNN as a model class, as one writes it in PyTorch, on whole batches: <c>conv1 = nn.Conv2d(1, 8, 5)</c>,
/// <c>conv2 = nn.Conv2d(8, 16, 5)</c>, <c>fc = nn.Linear(256, 10)</c>, and a forward pass
/// <c>pool(relu(conv1(x)))</c>, <c>pool(relu(conv2(x)))</c>, <c>fc(flatten(x))</c>, with <c>nn.CrossEntropyLoss()</c>.
/// Shapes: 1x28x28 -> 8x24x24 -> 8x12x12 -> 16x8x8 -> 16x4x4 = 256 -> 10.
/// </summary>
internal sealed partial class CnnModel : Module<float>, IDigitModel
{
    private const int Pixels = 28 * 28;

    [Module]
    public Conv2d Conv1 { get; } = new(1, 8, 5);

    [Module]
    public Conv2d Conv2 { get; } = new(8, 16, 5);

    [Module]
    public Linear Fc { get; } = new(16 * 4 * 4, 10);

    [Module]
    public MaxPool2d Pool1 { get; } = new(2, channels: 8);

    [Module]
    public MaxPool2d Pool2 { get; } = new(2, channels: 16);

    public string Description => "CNN conv(8,5x5)-pool-conv(16,5x5)-pool-linear(256,10)";

    /// <summary>
    /// The logits of a batch of 28x28 images: training and inference run this one forward pass. The convolutions and
    /// the linear layer take the whole batch (matrix products), ReLU runs over it, pooling runs image by image.
    /// </summary>
    [Differentiable]
    public void Forward(ReadOnlySpan<float> images, Span<float> logits)
    {
        int count = Shapes.Rows(images.Length, Pixels, "CnnModel", "images");
        float[] conv1 = new float[count * 8 * 24 * 24];
        Conv1.ForwardBatch(images, conv1);
        float[] relu1 = new float[count * 8 * 24 * 24];
        Functional.Relu(conv1, relu1);
        float[] pool1 = new float[count * 8 * 12 * 12];
        for (int n = 0; n < count; n++)
        {
            Pool1.Forward(relu1.AsSpan(n * 8 * 24 * 24, 8 * 24 * 24), pool1.AsSpan(n * 8 * 12 * 12, 8 * 12 * 12));
        }

        float[] conv2 = new float[count * 16 * 8 * 8];
        Conv2.ForwardBatch(pool1, conv2);
        float[] relu2 = new float[count * 16 * 8 * 8];
        Functional.Relu(conv2, relu2);
        float[] pool2 = new float[count * 16 * 4 * 4]; // flattening is the identity on the row-major [16, 4, 4] layout
        for (int n = 0; n < count; n++)
        {
            Pool2.Forward(relu2.AsSpan(n * 16 * 8 * 8, 16 * 8 * 8), pool2.AsSpan(n * 16 * 4 * 4, 16 * 4 * 4));
        }

        Fc.ForwardBatch(pool2, logits);
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
