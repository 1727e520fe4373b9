namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>W2's seeded batch and initial parameters: 784 -> 128 (ReLU) -> 10, softmax cross-entropy, Adam, batch 64.</summary>
public sealed class MlpData
{
    public const int Inputs = 784;
    public const int Hidden = 128;
    public const int Classes = 10;
    public const int Batch = 64;
    public const double LearningRate = 1e-3;
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double Epsilon = 1e-8;

    public MlpData(int seed = 2)
    {
        var random = new Random(seed);
        W1 = SeededData.LinearInit(random, Hidden * Inputs, Inputs);
        B1 = SeededData.LinearInit(random, Hidden, Inputs);
        W2 = SeededData.LinearInit(random, Classes * Hidden, Hidden);
        B2 = SeededData.LinearInit(random, Classes, Hidden);

        // Pixel intensities in [0, 1), as MNIST's after scaling.
        Features = SeededData.Uniform(random, Batch * Inputs, 0, 1);
        Labels = SeededData.Labels(random, Batch, Classes);
    }

    /// <summary>Row-major [Hidden, Inputs] (nn.Linear's weight layout).</summary>
    public double[] W1 { get; }

    public double[] B1 { get; }

    /// <summary>Row-major [Classes, Hidden].</summary>
    public double[] W2 { get; }

    public double[] B2 { get; }

    /// <summary>Row-major [Batch, Inputs].</summary>
    public double[] Features { get; }

    public int[] Labels { get; }
}
