using SharpGrad;

namespace Iris;

/// <summary>
/// Softmax regression (multinomial logistic regression): <c>nn.Linear(features, classes)</c> followed by
/// <c>nn.CrossEntropyLoss()</c>. The logits of sample i are <c>z[c] = bias[c] + Σ_j weight[c, j] · x[i, j]</c>.
/// </summary>
public static partial class SoftmaxModel
{
    /// <summary>
    /// Mean cross-entropy <c>−log softmax(z)[label]</c> over a batch. SharpGrad generates
    /// <c>LossWithGradient</c>, which also adds d(loss)/d(weight) and d(loss)/d(bias) into gradient buffers.
    /// </summary>
    /// <param name="weight">Row-major <c>[classes, features]</c> weights.</param>
    /// <param name="bias">One bias per class.</param>
    /// <param name="features">The batch's features, row-major, one row of <c>weight.Length / bias.Length</c> values per sample.</param>
    /// <param name="labels">The batch's class indices (0, 1, 2, ... stored as doubles), one per sample.</param>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        int classes = bias.Length;
        int inputs = weight.Length / classes;
        int count = labels.Length;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            // The largest logit, subtracted before exponentiating so that Exp cannot overflow (the log-sum-exp trick).
            // Logits are cheap here, so each loop recomputes them instead of storing them.
            double maxLogit = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                maxLogit += weight[j] * features[i * inputs + j];
            }

            for (int c = 1; c < classes; c++)
            {
                double logit = bias[c];
                for (int j = 0; j < inputs; j++)
                {
                    logit += weight[c * inputs + j] * features[i * inputs + j];
                }

                maxLogit = Math.Max(maxLogit, logit);
            }

            // log Σ_c exp(z[c]) − z[label]
            double sumExp = 0;
            double labelLogit = 0;
            for (int c = 0; c < classes; c++)
            {
                double logit = bias[c];
                for (int j = 0; j < inputs; j++)
                {
                    logit += weight[c * inputs + j] * features[i * inputs + j];
                }

                sumExp += Math.Exp(logit - maxLogit);
                if (c == labels[i])
                {
                    labelLogit += logit;
                }
            }

            total += maxLogit + Math.Log(sumExp) - labelLogit;
        }

        return total / count;
    }

    /// <summary>The logits of every sample, row-major <c>[count, classes]</c> (the forward pass, no gradient).</summary>
    public static double[] Logits(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, ReadOnlySpan<double> features)
    {
        int classes = bias.Length;
        int inputs = weight.Length / classes;
        int count = features.Length / inputs;
        var logits = new double[count * classes];
        for (int i = 0; i < count; i++)
        {
            for (int c = 0; c < classes; c++)
            {
                double logit = bias[c];
                for (int j = 0; j < inputs; j++)
                {
                    logit += weight[c * inputs + j] * features[i * inputs + j];
                }

                logits[i * classes + c] = logit;
            }
        }

        return logits;
    }
}
