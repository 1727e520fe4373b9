namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// How much checking a program received: methods probed, gradient components compared, skipped as non-smooth,
/// and NaN or infinite at a singular point (see <see cref="GradientChecker"/>), methods whose companion runs a vectorized loop,
/// calls under a small tape budget that checkpointed a loop (and matched the unbounded call bit for bit), and methods
/// whose <c>accumulate: false</c> companion has a loop that overwrites a buffer instead of clearing it first.
/// </summary>
internal sealed record GradientStats(int Methods, int Compared, int Skipped, int Singular = 0, int Vectorized = 0, int Checkpointed = 0, int Overwriting = 0)
{
    public static GradientStats None { get; } = new(0, 0, 0);

    public GradientStats Add(GradientStats other) => new(Methods + other.Methods, Compared + other.Compared, Skipped + other.Skipped, Singular + other.Singular, Vectorized + other.Vectorized, Checkpointed + other.Checkpointed, Overwriting + other.Overwriting);
}
