namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>W4's seeded input: n = 10^6 values uniform in [-2, 2).</summary>
public sealed class TanhExpData
{
    public const int Length = 1_000_000;

    public TanhExpData(int seed = 4) => X = SeededData.Uniform(new Random(seed), Length, -2, 2);

    public double[] X { get; }
}
