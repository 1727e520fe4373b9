namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>W3's agreement check: every implementation against <see cref="LogisticScalar{T}"/> in double.</summary>
public static class LogisticCheck
{
    public const string Workload = "W3 logistic regression step";

    public static IReadOnlyList<string> Run()
    {
        var data = new LogisticData();
        return Agreement.Step(
            Workload,
            ["weight", "bias"],
            () => new LogisticScalar<double>(data),
            Optimizers.Sgd(LogisticData.LearningRate),
            (() => new LogisticGenerated<double>(data), Precision.Double),
            (() => new LogisticSimd<double>(data), Precision.Double),
            (() => new LogisticTorch<double>(data), Precision.Double),
            (() => new LogisticGenerated<float>(data), Precision.Float),
            (() => new LogisticScalar<float>(data), Precision.Float),
            (() => new LogisticSimd<float>(data), Precision.Float),
            (() => new LogisticTorch<float>(data), Precision.Float));
    }
}
