namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The verdict on one program. <paramref name="Key"/> identifies the defect for shrinking (a smaller
/// program must fail the same way: same outcome and, for compiler errors, the same error id).
/// </summary>
internal sealed record FuzzResult(FuzzSubject Subject, FuzzOutcome Outcome, string Detail, string Key, GradientStats Stats)
{
    public bool IsDefect => Outcome > FuzzOutcome.Refused;

    public static FuzzResult Defect(FuzzSubject subject, FuzzOutcome outcome, string detail, string? key = null)
        => new(subject, outcome, detail, outcome + (key is null ? string.Empty : ":" + key), GradientStats.None);

    public override string ToString() => Outcome + " (" + Subject.Label + "): " + Detail;
}
