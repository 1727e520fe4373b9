using SharpGrad;
using SharpGrad.Nn;

namespace Mnist;

/// <summary>
/// <c>nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))</c> with
/// <c>nn.CrossEntropyLoss()</c>, built from SharpGrad.Nn layers (PyTorch's default initialization).
/// </summary>
internal sealed partial class MlpModel : IDigitModel
{
    private const int Pixels = 28 * 28;
    private const int Hidden = 128;
    private const int Classes = 10;
    private readonly Linear<float> _fc1;
    private readonly Linear<float> _fc2;

    public MlpModel(Random random)
    {
        _fc1 = new Linear<float>(Pixels, Hidden, random, "fc1");
        _fc2 = new Linear<float>(Hidden, Classes, random, "fc2");
        Parameters = [.. _fc1.Parameters, .. _fc2.Parameters];
    }

    public string Description => $"MLP {Pixels}-{Hidden}-{Classes} (ReLU)";

    public IReadOnlyList<Parameter<float>> Parameters { get; }

    public float LossWithGradient(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        Check(features, labels);
        return BatchLossWithGradient(_fc1.Weight.Data, _fc1.Bias.Data, _fc2.Weight.Data, _fc2.Bias.Data, features, labels, new float[labels.Length * Classes],
            _fc1.Weight.Grad, _fc1.Bias.Grad, _fc2.Weight.Grad, _fc2.Bias.Grad);
    }

    public float Evaluate(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<float> logits)
    {
        Check(features, labels);
        return BatchLoss(_fc1.Weight.Data, _fc1.Bias.Data, _fc2.Weight.Data, _fc2.Bias.Data, features, labels, logits);
    }

    private void Check(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        _fc1.CheckInput(features, labels.Length);
        Functional.CheckClassIndices(labels, Classes);
    }

    /// <summary>
    /// Mean cross-entropy of the MLP's logits over a batch of flattened images, writing the logits into
    /// <paramref name="logitsOut"/>: training and inference run this one forward pass.
    /// </summary>
    [Differentiable]
    private static float BatchLoss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels, [NoGrad] Span<float> logitsOut)
    {
        int count = labels.Length;
        float[] logits = new float[count * Classes];
        for (int i = 0; i < count; i++)
        {
            float[] hidden = new float[Hidden];
            Functional.Linear(w1, b1, features.Slice(i * Pixels, Pixels), hidden);
            float[] activated = new float[Hidden];
            Functional.Relu(hidden, activated);
            Functional.Linear(w2, b2, activated, logits.AsSpan(i * Classes, Classes));
        }

        for (int j = 0; j < count * Classes; j++)
        {
            logitsOut[j] = logits[j];
        }

        return Functional.CrossEntropyLoss(logits, labels);
    }
}
