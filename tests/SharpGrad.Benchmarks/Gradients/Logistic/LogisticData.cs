namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>W3's seeded batch and initial parameters: logistic regression, 100 features, sigmoid + BCE, SGD lr 0.01, batch 4096.</summary>
public sealed class LogisticData
{
    public const int Inputs = 100;
    public const int Batch = 4096;
    public const double LearningRate = 0.01;

    public LogisticData(int seed = 3)
    {
        var random = new Random(seed);
        Weight = SeededData.LinearInit(random, Inputs, Inputs);
        Bias = SeededData.LinearInit(random, 1, Inputs);
        Features = SeededData.Uniform(random, Batch * Inputs, -1, 1);

        // Labels drawn from a logistic model with its own weights, so that the classes overlap (no separable optimum).
        double[] truth = SeededData.Uniform(random, Inputs, -0.5, 0.5);
        Labels = new double[Batch];
        for (int i = 0; i < Batch; i++)
        {
            double z = 0.2;
            for (int j = 0; j < Inputs; j++)
            {
                z += truth[j] * Features[(i * Inputs) + j];
            }

            Labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
    }

    public double[] Weight { get; }

    public double[] Bias { get; }

    /// <summary>Row-major [Batch, Inputs].</summary>
    public double[] Features { get; }

    /// <summary>0 or 1.</summary>
    public double[] Labels { get; }
}
