namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>W4's agreement check: every implementation against <see cref="TanhExpScalar{T}"/> in double.</summary>
public static class TanhExpCheck
{
    public const string Workload = "W4 tanh-exp gradient";

    /// <summary>
    /// The user's loss adds 10^6 positive floats one by one into a float (observed relative error 1.1e-3, bound n u / 2
    /// = 0.03); the gradient is element-wise and keeps the usual float tolerance.
    /// </summary>
    public static Precision Float { get; } = Precision.Float with { Loss = 5e-3 };

    public static IReadOnlyList<string> Run()
    {
        var data = new TanhExpData();
        return Agreement.Step(
            Workload,
            ["x"],
            () => new TanhExpScalar<double>(data),
            Optimizers.None,
            (() => new TanhExpGenerated<double>(data), Precision.Double),
            (() => new TanhExpGenerated<double>(data, accumulate: true), Precision.Double),
            (() => new TanhExpSimd<double>(data), Precision.Double),
            (() => new TanhExpTorch<double>(data), Precision.Double),
            (() => new TanhExpGenerated<float>(data), Float),
            (() => new TanhExpGenerated<float>(data, accumulate: true), Float),
            (() => new TanhExpScalar<float>(data), Float),
            (() => new TanhExpSimd<float>(data), Float),
            (() => new TanhExpTorch<float>(data), Float));
    }
}
