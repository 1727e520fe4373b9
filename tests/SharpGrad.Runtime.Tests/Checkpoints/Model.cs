using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>A small model with a quadratic loss whose gradient is written by hand, and snapshots to prove nothing changed.</summary>
internal sealed class Model
{
    public Model(int seed, int[]? weightShape = null, string weightName = "weight", string biasName = "bias")
    {
        Weight = Init.Normal(new Parameter<float>(weightName, weightShape ?? [3, 4]), new Random(seed));
        Bias = Init.Uniform(new Parameter<float>(biasName, 3), new Random(seed + 1000), -1, 1);
    }

    public Parameter<float> Weight { get; }

    public Parameter<float> Bias { get; }

    public Parameter<float>[] Parameters => [Weight, Bias];

    /// <summary>L = Σ (p − 0.5)² over every value: the gradient is 2(p − 0.5).</summary>
    public void Train(Optimizer<float> optimizer, int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            foreach (Parameter<float> parameter in Parameters)
            {
                for (int i = 0; i < parameter.Length; i++)
                {
                    parameter.Grad[i] += 2 * (parameter.Data[i] - 0.5f);
                }
            }

            optimizer.Step();
        }
    }

    public float[][] Values() => [.. Parameters.Select(p => p.Data.ToArray())];
}
