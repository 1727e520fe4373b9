using SharpGrad;

namespace Mnist;

/// <summary>
/// A LeNet-style CNN: <c>nn.Conv2d(1, 8, 5)</c>, ReLU, <c>nn.MaxPool2d(2)</c>, <c>nn.Conv2d(8, 16, 5)</c>, ReLU,
/// <c>nn.MaxPool2d(2)</c>, <c>nn.Flatten()</c>, <c>nn.Linear(256, 10)</c>, with <c>nn.CrossEntropyLoss()</c> and
/// PyTorch's default initialization. Shapes: 1x28x28 -> 8x24x24 -> 8x12x12 -> 16x8x8 -> 16x4x4 -> 10.
/// </summary>
internal sealed partial class CnnModel : IDigitModel
{
    private const int Side = 28;
    private const int Kernel = 5;
    private const int C1 = 8;
    private const int Pool1 = (Side - Kernel + 1) / 2; // 12
    private const int C2 = 16;
    private const int Pool2 = (Pool1 - Kernel + 1) / 2; // 4
    private const int Flat = C2 * Pool2 * Pool2; // 256
    private const int Classes = 10;

    private readonly Parameter<float> _conv1Weight = new("conv1.weight", C1, 1, Kernel, Kernel);
    private readonly Parameter<float> _conv1Bias = new("conv1.bias", C1);
    private readonly Parameter<float> _conv2Weight = new("conv2.weight", C2, C1, Kernel, Kernel);
    private readonly Parameter<float> _conv2Bias = new("conv2.bias", C2);
    private readonly Parameter<float> _fcWeight = new("fc.weight", Classes, Flat);
    private readonly Parameter<float> _fcBias = new("fc.bias", Classes);

    public CnnModel(Random random)
    {
        PyTorchInit.Linear(_conv1Weight, _conv1Bias, random);
        PyTorchInit.Linear(_conv2Weight, _conv2Bias, random);
        PyTorchInit.Linear(_fcWeight, _fcBias, random);
        Parameters = [_conv1Weight, _conv1Bias, _conv2Weight, _conv2Bias, _fcWeight, _fcBias];
    }

    public string Description => $"CNN conv({C1},5x5)-pool-conv({C2},5x5)-pool-linear({Flat},{Classes})";

    public IReadOnlyList<Parameter<float>> Parameters { get; }

    public float LossWithGradient(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
        => BatchLossWithGradient(_conv1Weight.Data, _conv1Bias.Data, _conv2Weight.Data, _conv2Bias.Data, _fcWeight.Data, _fcBias.Data, features, labels, new float[labels.Length * Classes],
            _conv1Weight.Grad, _conv1Bias.Grad, _conv2Weight.Grad, _conv2Bias.Grad, _fcWeight.Grad, _fcBias.Grad);

    public float Evaluate(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<float> logits)
        => BatchLoss(_conv1Weight.Data, _conv1Bias.Data, _conv2Weight.Data, _conv2Bias.Data, _fcWeight.Data, _fcBias.Data, features, labels, logits);

    /// <summary>
    /// Mean cross-entropy of the CNN's logits over a batch of 28x28 images, writing the logits into
    /// <paramref name="logitsOut"/>: training and inference run this one forward pass. Each 2x2 max-pool window takes the
    /// largest of its four convolution outputs and 0, which is max-pool after ReLU (ReLU is monotone).
    /// </summary>
    [Differentiable]
    private static float BatchLoss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> wf, ReadOnlySpan<float> bf, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels, [NoGrad] Span<float> logitsOut)
    {
        int count = labels.Length;
        float total = 0;
        for (int n = 0; n < count; n++)
        {
            int image = n * Side * Side;
            float[] h1 = new float[C1 * Pool1 * Pool1];
            for (int c = 0; c < C1; c++)
            {
                for (int py = 0; py < Pool1; py++)
                {
                    for (int px = 0; px < Pool1; px++)
                    {
                        float best = 0;
                        for (int window = 0; window < 4; window++)
                        {
                            int oy = (2 * py) + (window / 2);
                            int ox = (2 * px) + (window % 2);
                            float s = b1[c];
                            for (int ky = 0; ky < Kernel; ky++)
                            {
                                for (int kx = 0; kx < Kernel; kx++)
                                {
                                    s += w1[(((c * Kernel) + ky) * Kernel) + kx] * features[image + ((oy + ky) * Side) + ox + kx];
                                }
                            }

                            best = MathF.Max(best, s);
                        }

                        h1[(((c * Pool1) + py) * Pool1) + px] = best;
                    }
                }
            }

            float[] h2 = new float[Flat];
            for (int c = 0; c < C2; c++)
            {
                for (int py = 0; py < Pool2; py++)
                {
                    for (int px = 0; px < Pool2; px++)
                    {
                        float best = 0;
                        for (int window = 0; window < 4; window++)
                        {
                            int oy = (2 * py) + (window / 2);
                            int ox = (2 * px) + (window % 2);
                            float s = b2[c];
                            for (int ci = 0; ci < C1; ci++)
                            {
                                for (int ky = 0; ky < Kernel; ky++)
                                {
                                    for (int kx = 0; kx < Kernel; kx++)
                                    {
                                        s += w2[(((((c * C1) + ci) * Kernel) + ky) * Kernel) + kx] * h1[(((ci * Pool1) + oy + ky) * Pool1) + ox + kx];
                                    }
                                }
                            }

                            best = MathF.Max(best, s);
                        }

                        h2[(((c * Pool2) + py) * Pool2) + px] = best;
                    }
                }
            }

            float[] logits = new float[Classes];
            for (int k = 0; k < Classes; k++)
            {
                float z = bf[k];
                for (int j = 0; j < Flat; j++)
                {
                    z += wf[(k * Flat) + j] * h2[j];
                }

                logits[k] = z;
                logitsOut[(n * Classes) + k] = z;
            }

            total += Functions.SoftmaxCrossEntropy(logits, (int)labels[n]);
        }

        return total / count;
    }
}
