namespace SharpGrad.Benchmarks.Gradients;

/// <summary>The tolerances of one precision for one workload, stated once where the workload's check is defined.</summary>
/// <param name="Loss">Largest |loss - reference| / max(1, |reference|).</param>
/// <param name="Gradient">Largest |g - reference| per array, as a fraction of the array's largest |reference|.</param>
/// <param name="Parameter">Largest |p - expected| per array after the step, as a fraction of max(1, max|expected|), where
/// expected is the reference optimizer applied in double to the implementation's own gradient.</param>
public sealed record Precision(string Name, double Loss, double Gradient, double Parameter)
{
    /// <summary>Double against double: only summation order differs.</summary>
    public static Precision Double { get; } = new("double", 1e-10, 1e-9, 1e-12);

    /// <summary>Float against double, for sums of at most a few thousand terms.</summary>
    public static Precision Float { get; } = new("float", 1e-5, 1e-4, 1e-6);
}
