using SharpGrad;
using SharpGrad.Nn;

namespace Mnist;

/// <summary>
/// A LeNet-style CNN built from SharpGrad.Nn layers: <c>nn.Conv2d(1, 8, 5)</c>, ReLU, <c>nn.MaxPool2d(2)</c>,
/// <c>nn.Conv2d(8, 16, 5)</c>, ReLU, <c>nn.MaxPool2d(2)</c>, <c>nn.Flatten()</c>, <c>nn.Linear(256, 10)</c>, with
/// <c>nn.CrossEntropyLoss()</c> and PyTorch's default initialization.
/// Shapes: 1x28x28 -> 8x24x24 -> 8x12x12 -> 16x8x8 -> 16x4x4 = 256 -> 10.
/// </summary>
internal sealed partial class CnnModel : IDigitModel
{
    private const int Side = 28;
    private const int Kernel = 5;
    private const int C1 = 8;
    private const int Conv1Side = Side - Kernel + 1; // 24
    private const int Pool1 = Conv1Side / 2; // 12
    private const int C2 = 16;
    private const int Conv2Side = Pool1 - Kernel + 1; // 8
    private const int Pool2 = Conv2Side / 2; // 4
    private const int Flat = C2 * Pool2 * Pool2; // 256
    private const int Classes = 10;

    private readonly Conv2d<float> _conv1;
    private readonly Conv2d<float> _conv2;
    private readonly Linear<float> _fc;

    public CnnModel(Random random)
    {
        _conv1 = new Conv2d<float>(1, C1, Kernel, random, name: "conv1");
        _conv2 = new Conv2d<float>(C1, C2, Kernel, random, name: "conv2");
        _fc = new Linear<float>(Flat, Classes, random, "fc");
        Parameters = [.. _conv1.Parameters, .. _conv2.Parameters, .. _fc.Parameters];
    }

    public string Description => $"CNN conv({C1},5x5)-pool-conv({C2},5x5)-pool-linear({Flat},{Classes})";

    public IReadOnlyList<Parameter<float>> Parameters { get; }

    public float LossWithGradient(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        Check(features, labels);
        return BatchLossWithGradient(_conv1.Weight.Data, _conv1.Bias.Data, _conv2.Weight.Data, _conv2.Bias.Data, _fc.Weight.Data, _fc.Bias.Data, features, labels, new float[labels.Length * Classes],
            _conv1.Weight.Grad, _conv1.Bias.Grad, _conv2.Weight.Grad, _conv2.Bias.Grad, _fc.Weight.Grad, _fc.Bias.Grad);
    }

    public float Evaluate(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<float> logits)
    {
        Check(features, labels);
        return BatchLoss(_conv1.Weight.Data, _conv1.Bias.Data, _conv2.Weight.Data, _conv2.Bias.Data, _fc.Weight.Data, _fc.Bias.Data, features, labels, logits);
    }

    private void Check(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        _conv1.CheckInput(features, labels.Length, Side, Side);
        Functional.CheckClassIndices(labels, Classes);
    }

    /// <summary>
    /// Mean cross-entropy of the CNN's logits over a batch of 28x28 images, writing the logits into
    /// <paramref name="logitsOut"/>: training and inference run this one forward pass.
    /// </summary>
    [Differentiable]
    private static float BatchLoss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> wf, ReadOnlySpan<float> bf, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels, [NoGrad] Span<float> logitsOut)
    {
        int count = labels.Length;
        float[] logits = new float[count * Classes];
        for (int n = 0; n < count; n++)
        {
            float[] conv1 = new float[C1 * Conv1Side * Conv1Side];
            Functional.Conv2d(w1, b1, features.Slice(n * Side * Side, Side * Side), 1, Side, Side, Kernel, 1, 0, conv1);
            float[] relu1 = new float[C1 * Conv1Side * Conv1Side];
            Functional.Relu(conv1, relu1);
            float[] pool1 = new float[C1 * Pool1 * Pool1];
            Functional.MaxPool2d(relu1, C1, Conv1Side, Conv1Side, 2, 2, 0, pool1);
            float[] conv2 = new float[C2 * Conv2Side * Conv2Side];
            Functional.Conv2d(w2, b2, pool1, C1, Pool1, Pool1, Kernel, 1, 0, conv2);
            float[] relu2 = new float[C2 * Conv2Side * Conv2Side];
            Functional.Relu(conv2, relu2);
            // Flatten is the identity on the row-major [16, 4, 4] layout.
            float[] pool2 = new float[Flat];
            Functional.MaxPool2d(relu2, C2, Conv2Side, Conv2Side, 2, 2, 0, pool2);
            Functional.Linear(wf, bf, pool2, logits.AsSpan(n * Classes, Classes));
        }

        for (int j = 0; j < count * Classes; j++)
        {
            logitsOut[j] = logits[j];
        }

        return Functional.CrossEntropyLoss(logits, labels);
    }
}
