namespace SharpGrad.Benchmarks.Gradients;

/// <summary>The reference optimizers' first step, in double, for <see cref="Agreement.Step"/>.</summary>
public static class Optimizers
{
    /// <summary>No optimizer (a gradient-only workload): the parameters stay as they were.</summary>
    public static Agreement.ReferenceUpdate None { get; } = (parameters, _) => parameters;

    /// <summary>SGD without momentum: p - lr g.</summary>
    public static Agreement.ReferenceUpdate Sgd(double lr) => (parameters, gradients) =>
    {
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                parameters[p][i] -= lr * gradients[p][i];
            }
        }

        return parameters;
    };

    /// <summary>Adam's first step from zero moments, as PyTorch computes it: p - (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps).</summary>
    public static Agreement.ReferenceUpdate Adam(double lr, double beta1, double beta2, double eps) => (parameters, gradients) =>
    {
        double bc1 = 1 - beta1, bc2 = 1 - beta2;
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                double g = gradients[p][i];
                double m = (1 - beta1) * g, v = (1 - beta2) * g * g;
                parameters[p][i] -= lr / bc1 * m / ((Math.Sqrt(v) / Math.Sqrt(bc2)) + eps);
            }
        }

        return parameters;
    };
}
