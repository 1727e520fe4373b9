using SharpGrad;

namespace Perceptron;

/// <summary>
/// A two-layer perceptron for binary classification: <c>nn.Sequential(nn.Linear(2, H), nn.Tanh(), nn.Linear(H, 1))</c>
/// trained with <c>nn.BCEWithLogitsLoss()</c>. The logit of a point x is
/// <c>z = b2 + Σ_k w2[k] · tanh(b1[k] + Σ_j w1[k, j] · x[j])</c> and P(class 1) = sigmoid(z).
/// </summary>
public static partial class Mlp
{
    /// <summary>
    /// Mean binary cross-entropy of the logits against 0/1 labels over a batch. SharpGrad generates
    /// <c>LossWithGradient</c>, which adds the gradient with respect to all four weight tensors.
    /// </summary>
    /// <param name="w1">Hidden-layer weights, row-major <c>[hidden, inputs]</c>.</param>
    /// <param name="b1">Hidden-layer biases, one per hidden unit.</param>
    /// <param name="w2">Output weights, one per hidden unit.</param>
    /// <param name="b2">The output bias (one value).</param>
    /// <param name="features">The batch's points, row-major, <c>w1.Length / b1.Length</c> values per point.</param>
    /// <param name="labels">The batch's labels, 0 or 1.</param>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        int hidden = b1.Length;
        int inputs = w1.Length / hidden;
        int count = labels.Length;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            double logit = b2[0];
            for (int k = 0; k < hidden; k++)
            {
                double preActivation = b1[k];
                for (int j = 0; j < inputs; j++)
                {
                    preActivation += w1[k * inputs + j] * features[i * inputs + j];
                }

                logit += w2[k] * Math.Tanh(preActivation);
            }

            // −[y log σ(z) + (1 − y) log(1 − σ(z))], written so that neither Exp nor Log can overflow:
            // max(z, 0) − y·z + log(1 + exp(−|z|)).
            total += Math.Max(logit, 0.0) - labels[i] * logit + Math.Log(1 + Math.Exp(-Math.Abs(logit)));
        }

        return total / count;
    }

    /// <summary>The logit of each point, row-major <paramref name="features"/> (the forward pass, no gradient).</summary>
    public static double[] Logits(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> features)
    {
        int hidden = b1.Length;
        int inputs = w1.Length / hidden;
        int count = features.Length / inputs;
        var logits = new double[count];
        for (int i = 0; i < count; i++)
        {
            double logit = b2[0];
            for (int k = 0; k < hidden; k++)
            {
                double preActivation = b1[k];
                for (int j = 0; j < inputs; j++)
                {
                    preActivation += w1[k * inputs + j] * features[i * inputs + j];
                }

                logit += w2[k] * Math.Tanh(preActivation);
            }

            logits[i] = logit;
        }

        return logits;
    }
}
