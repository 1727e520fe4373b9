namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>Knobs of the program generator.</summary>
/// <param name="Adversarial">The share of programs from the adversarial families (edges of the language, constructs that must be refused).</param>
/// <param name="InRangeIndices">Build every index in range, so that no program throws (otherwise some computed indices are left unclamped).</param>
/// <param name="MaxStatements">Roughly how many statements a method body has at most.</param>
internal sealed record FuzzOptions(double Adversarial = 0.35, bool InRangeIndices = true, int MaxStatements = 12)
{
    public static FuzzOptions Default { get; } = new();
}
