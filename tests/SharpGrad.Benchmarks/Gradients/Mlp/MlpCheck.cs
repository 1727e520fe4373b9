namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>W2's agreement check: every implementation against <see cref="MlpScalar{T}"/> in double.</summary>
public static class MlpCheck
{
    public const string Workload = "W2 MLP step";

    public static IReadOnlyList<string> Run()
    {
        var data = new MlpData();
        return Agreement.Step(
            Workload,
            ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"],
            () => new MlpScalar<double>(data),
            Optimizers.Adam(MlpData.LearningRate, MlpData.Beta1, MlpData.Beta2, MlpData.Epsilon),
            (() => new MlpGenerated<double>(data), Precision.Double),
            (() => new MlpLayers<double>(data), Precision.Double),
            (() => new MlpSimd<double>(data), Precision.Double),
            (() => new MlpTorch<double>(data), Precision.Double),
            (() => new MlpGenerated<float>(data), Precision.Float),
            (() => new MlpLayers<float>(data), Precision.Float),
            (() => new MlpScalar<float>(data), Precision.Float),
            (() => new MlpSimd<float>(data), Precision.Float),
            (() => new MlpTorch<float>(data), Precision.Float));
    }
}
