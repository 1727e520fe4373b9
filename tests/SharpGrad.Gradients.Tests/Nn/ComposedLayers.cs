using SharpGrad.Nn;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// A tiny CNN written with the layer functions, as a model does: Conv2d(1, 2, 3, padding 1), ReLU, MaxPool2d(2),
/// Flatten, Linear(2·2·2, 3), CrossEntropyLoss, over a batch of two 4x4 images.
/// </summary>
public static partial class ComposedLayers
{
    public const int Side = 4;
    public const int Channels = 2;
    public const int Pooled = 2;
    public const int Classes = 3;

    [Differentiable]
    public static double Loss(ReadOnlySpan<double> convWeight, ReadOnlySpan<double> convBias, ReadOnlySpan<double> fcWeight, ReadOnlySpan<double> fcBias, ReadOnlySpan<double> images, [NoGrad] ReadOnlySpan<double> labels)
    {
        int count = labels.Length;
        double[] logits = new double[count * Classes];
        for (int n = 0; n < count; n++)
        {
            double[] activation = new double[Channels * Side * Side];
            for (int c = 0; c < Channels; c++)
            {
                for (int y = 0; y < Side; y++)
                {
                    for (int x = 0; x < Side; x++)
                    {
                        activation[(((c * Side) + y) * Side) + x] = Functions.Relu(Functional.Conv2d(convWeight, convBias, images, n * Side * Side, 1, Side, Side, 3, 1, 1, c, y, x));
                    }
                }
            }

            double[] pooled = new double[Channels * Pooled * Pooled];
            for (int c = 0; c < Channels; c++)
            {
                for (int y = 0; y < Pooled; y++)
                {
                    for (int x = 0; x < Pooled; x++)
                    {
                        pooled[(((c * Pooled) + y) * Pooled) + x] = Functional.MaxPool2d(activation, 0, Side, Side, 2, 2, 0, c, y, x);
                    }
                }
            }

            for (int k = 0; k < Classes; k++)
            {
                logits[(n * Classes) + k] = Functional.Linear(fcWeight, fcBias, pooled, 0, k);
            }
        }

        return Functional.CrossEntropyLoss(logits, labels);
    }
}
