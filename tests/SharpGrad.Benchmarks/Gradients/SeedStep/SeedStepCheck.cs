namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1's agreement check: every implementation against <see cref="SeedScalar{T}"/> in double.</summary>
public static class SeedStepCheck
{
    public const string Workload = "W1 seed step";

    public static IReadOnlyList<string> Run()
    {
        var data = new SeedStepData();
        return Agreement.Step(
            Workload,
            ["weight", "bias"],
            () => new SeedScalar<double>(data),
            Optimizers.Sgd(SeedStepData.LearningRate),
            (() => new SeedGenerated<double>(data), Precision.Double),
            (() => new SeedSimd<double>(data), Precision.Double),
            (() => new SeedTorch<double>(data), Precision.Double),
            (() => new SeedGenerated<float>(data), Precision.Float),
            (() => new SeedScalar<float>(data), Precision.Float),
            (() => new SeedSimd<float>(data), Precision.Float),
            (() => new SeedTorch<float>(data), Precision.Float));
    }
}
