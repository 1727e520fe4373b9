namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1's seeded batch and initial parameters: nn.Linear(10, 1), MSE, SGD lr 0.01, batch 32.</summary>
public sealed class SeedStepData
{
    public const int Inputs = 10;
    public const int Batch = 32;
    public const double LearningRate = 0.01;

    public SeedStepData(int seed = 1)
    {
        var random = new Random(seed);
        Weight = SeededData.LinearInit(random, Inputs, Inputs);
        Bias = SeededData.LinearInit(random, 1, Inputs);
        Features = SeededData.Uniform(random, Batch * Inputs, -1, 1);
        double[] noise = SeededData.Uniform(random, Batch, -0.1, 0.1);
        Targets = new double[Batch];
        for (int i = 0; i < Batch; i++)
        {
            double target = 0.5 + noise[i];
            for (int j = 0; j < Inputs; j++)
            {
                target += (j - 4.5) / 5 * Features[(i * Inputs) + j];
            }

            Targets[i] = (float)target;
        }
    }

    public double[] Weight { get; }

    public double[] Bias { get; }

    /// <summary>Row-major [Batch, Inputs].</summary>
    public double[] Features { get; }

    public double[] Targets { get; }
}
