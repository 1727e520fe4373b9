namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>W3's user code: nn.Linear(100, 1), torch.sigmoid and nn.BCELoss(), as a user writes them, in both precisions.</summary>
public static partial class LogisticModel
{
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        int inputs = weight.Length;
        int count = labels.Length;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            double z = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                z += weight[j] * features[i * inputs + j];
            }

            double p = Functions.Sigmoid(z);
            total -= labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p);
        }

        return total / count;
    }

    [Differentiable]
    public static float Loss(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels)
    {
        int inputs = weight.Length;
        int count = labels.Length;
        float total = 0;
        for (int i = 0; i < count; i++)
        {
            float z = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                z += weight[j] * features[i * inputs + j];
            }

            float p = Functions.Sigmoid(z);
            total -= labels[i] * MathF.Log(p) + (1 - labels[i]) * MathF.Log(1 - p);
        }

        return total / count;
    }
}
