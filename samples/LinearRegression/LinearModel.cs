using SharpGrad;

namespace LinearRegression;

/// <summary>The seed's model and loss: <c>nn.Linear(10, 1)</c> followed by <c>nn.MSELoss()</c>.</summary>
public static partial class LinearModel
{
    /// <summary>
    /// Mean squared error of the predictions <c>features · weight + bias</c> against <paramref name="targets"/>
    /// over one batch. SharpGrad generates <c>LossWithGradient</c>, which also adds d(loss)/d(weight) and
    /// d(loss)/d(bias) into gradient buffers: the seed's <c>loss.backward()</c>.
    /// </summary>
    /// <param name="weight">One weight per input feature (<c>nn.Linear.weight</c>, shape [1, inputs]).</param>
    /// <param name="bias">The single bias (<c>nn.Linear.bias</c>, shape [1]).</param>
    /// <param name="features">The batch's features, row-major: one row of <c>weight.Length</c> values per sample.</param>
    /// <param name="targets">The batch's targets, one per sample.</param>
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
}
