using SharpGrad;

namespace Mnist;

/// <summary>
/// <c>nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))</c> with
/// <c>nn.CrossEntropyLoss()</c>, PyTorch's default initialization.
/// </summary>
internal sealed partial class MlpModel : IDigitModel
{
    private const int Hidden = 128;
    private readonly Parameter<float> _w1 = new("fc1.weight", Hidden, Pixels);
    private readonly Parameter<float> _b1 = new("fc1.bias", Hidden);
    private readonly Parameter<float> _w2 = new("fc2.weight", Classes, Hidden);
    private readonly Parameter<float> _b2 = new("fc2.bias", Classes);
    private const int Pixels = 28 * 28;
    private const int Classes = 10;

    public MlpModel(Random random)
    {
        PyTorchInit.Linear(_w1, _b1, random);
        PyTorchInit.Linear(_w2, _b2, random);
        Parameters = [_w1, _b1, _w2, _b2];
    }

    public string Description => $"MLP {Pixels}-{Hidden}-{Classes} (ReLU)";

    public IReadOnlyList<Parameter<float>> Parameters { get; }

    public float LossWithGradient(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
        => BatchLossWithGradient(_w1.Data, _b1.Data, _w2.Data, _b2.Data, features, labels, new float[labels.Length * Classes], _w1.Grad, _b1.Grad, _w2.Grad, _b2.Grad);

    public float Evaluate(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<float> logits)
        => BatchLoss(_w1.Data, _b1.Data, _w2.Data, _b2.Data, features, labels, logits);

    /// <summary>Mean cross-entropy of the MLP's logits over a batch of flattened images, writing the logits into <paramref name="logitsOut"/>: training and inference run this one forward pass.</summary>
    [Differentiable]
    private static float BatchLoss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels, [NoGrad] Span<float> logitsOut)
    {
        int count = labels.Length;
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            float[] hidden = new float[Hidden];
            for (int k = 0; k < Hidden; k++)
            {
                float h = b1[k];
                for (int j = 0; j < Pixels; j++)
                {
                    h += w1[(k * Pixels) + j] * features[(i * Pixels) + j];
                }

                hidden[k] = MathF.Max(h, 0);
            }

            float[] logits = new float[Classes];
            for (int c = 0; c < Classes; c++)
            {
                float z = b2[c];
                for (int k = 0; k < Hidden; k++)
                {
                    z += w2[(c * Hidden) + k] * hidden[k];
                }

                logits[c] = z;
                logitsOut[(i * Classes) + c] = z;
            }

            total += Functions.SoftmaxCrossEntropy(logits, (int)labels[i]);
        }

        return total / count;
    }
}
