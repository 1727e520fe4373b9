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
            double[] convolved = new double[Channels * Side * Side];
            Functional.Conv2d(convWeight, convBias, images.Slice(n * Side * Side, Side * Side), 1, Side, Side, 3, 1, 1, convolved);
            double[] activation = new double[Channels * Side * Side];
            Functional.Relu(convolved, activation);
            double[] pooled = new double[Channels * Pooled * Pooled];
            Functional.MaxPool2d(activation, Channels, Side, Side, 2, 2, 0, pooled);
            Functional.Linear(fcWeight, fcBias, pooled, logits.AsSpan(n * Classes, Classes));
        }

        return Functional.CrossEntropyLoss(logits, labels);
    }
}
