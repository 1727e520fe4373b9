namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2's user code: nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)) and nn.CrossEntropyLoss(),
/// written as a user writes it, sample by sample, in both precisions.
/// </summary>
public static partial class MlpModel
{
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<int> labels)
    {
        int hidden = b1.Length;
        int classes = b2.Length;
        int inputs = w1.Length / hidden;
        int count = labels.Length;
        double[] activations = new double[hidden];
        double[] logits = new double[classes];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double sum = b1[k];
                for (int j = 0; j < inputs; j++)
                {
                    sum += w1[k * inputs + j] * features[i * inputs + j];
                }

                activations[k] = Functions.Relu(sum);
            }

            for (int c = 0; c < classes; c++)
            {
                double logit = b2[c];
                for (int k = 0; k < hidden; k++)
                {
                    logit += w2[c * hidden + k] * activations[k];
                }

                logits[c] = logit;
            }

            total += Functions.SoftmaxCrossEntropy(logits, labels[i]);
        }

        return total / count;
    }

    [Differentiable]
    public static float Loss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<int> labels)
    {
        int hidden = b1.Length;
        int classes = b2.Length;
        int inputs = w1.Length / hidden;
        int count = labels.Length;
        float[] activations = new float[hidden];
        float[] logits = new float[classes];
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float sum = b1[k];
                for (int j = 0; j < inputs; j++)
                {
                    sum += w1[k * inputs + j] * features[i * inputs + j];
                }

                activations[k] = Functions.Relu(sum);
            }

            for (int c = 0; c < classes; c++)
            {
                float logit = b2[c];
                for (int k = 0; k < hidden; k++)
                {
                    logit += w2[c * hidden + k] * activations[k];
                }

                logits[c] = logit;
            }

            total += Functions.SoftmaxCrossEntropy(logits, labels[i]);
        }

        return total / count;
    }
}
