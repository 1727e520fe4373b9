namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// How much checking a program received: methods probed, gradient components compared, skipped as non-smooth,
/// and NaN or infinite at a singular point (see <see cref="GradientChecker"/>), and methods whose companion runs a vectorized loop.
/// </summary>
internal sealed record GradientStats(int Methods, int Compared, int Skipped, int Singular = 0, int Vectorized = 0)
{
    public static GradientStats None { get; } = new(0, 0, 0);

    public GradientStats Add(GradientStats other) => new(Methods + other.Methods, Compared + other.Compared, Skipped + other.Skipped, Singular + other.Singular, Vectorized + other.Vectorized);
}
