namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1's user code: the README's seed loss (nn.Linear followed by MSE), as a user writes it, in both precisions.</summary>
public static partial class SeedModel
{
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        int inputs = weight.Length;
        int count = targets.Length;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            double prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[i * inputs + j];
            }

            double error = prediction - targets[i];
            sum += error * error;
        }

        return sum / count;
    }

    [Differentiable]
    public static float Loss(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> targets)
    {
        int inputs = weight.Length;
        int count = targets.Length;
        float sum = 0;
        for (int i = 0; i < count; i++)
        {
            float prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[i * inputs + j];
            }

            float error = prediction - targets[i];
            sum += error * error;
        }

        return sum / count;
    }
}
