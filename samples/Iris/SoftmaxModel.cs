using SharpGrad;
using SharpGrad.Nn;

namespace Iris;

/// <summary>
/// Softmax regression (multinomial logistic regression): <c>nn.Linear(features, classes)</c> followed by
/// <c>nn.CrossEntropyLoss()</c>, from the layers of SharpGrad.Nn.
/// </summary>
public static partial class SoftmaxModel
{
    /// <summary>
    /// Mean cross-entropy over a batch, writing the logits into <paramref name="logitsOut"/> (so that metrics run
    /// this same forward pass). SharpGrad generates <c>LossWithGradient</c>, which also adds d(loss)/d(weight) and
    /// d(loss)/d(bias) into gradient buffers.
    /// </summary>
    /// <param name="weight">Row-major <c>[classes, features]</c> weights.</param>
    /// <param name="bias">One bias per class.</param>
    /// <param name="features">The batch's features, row-major, one row of <c>weight.Length / bias.Length</c> values per sample.</param>
    /// <param name="labels">The batch's class indices (0, 1, 2, ... stored as doubles), one per sample.</param>
    /// <param name="logitsOut">Receives the logits, row-major <c>[count, classes]</c>.</param>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels, [NoGrad] Span<double> logitsOut)
    {
        int classes = bias.Length;
        int inputs = weight.Length / classes;
        int count = labels.Length;
        double[] logits = new double[count * classes];
        for (int i = 0; i < count; i++)
        {
            Functional.Linear(weight, bias, features.Slice(i * inputs, inputs), logits.AsSpan(i * classes, classes));
        }

        for (int j = 0; j < count * classes; j++)
        {
            logitsOut[j] = logits[j];
        }

        return Functional.CrossEntropyLoss(logits, labels);
    }
}
