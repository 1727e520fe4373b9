namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>How much checking a program received: methods probed, gradient components compared and skipped as non-smooth.</summary>
internal sealed record GradientStats(int Methods, int Compared, int Skipped)
{
    public static GradientStats None { get; } = new(0, 0, 0);

    public GradientStats Add(GradientStats other) => new(Methods + other.Methods, Compared + other.Compared, Skipped + other.Skipped);
}
