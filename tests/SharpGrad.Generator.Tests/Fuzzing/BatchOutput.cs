namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// What compiling a batch gave: verdicts already reached (defects found while compiling), subjects that must
/// be compiled again without the ones that crashed the generator, or the emitted assembly and the probed
/// methods of each subject. <see cref="Unattributable"/> says a failure could not be pinned on one subject.
/// </summary>
internal sealed class BatchOutput
{
    public Dictionary<int, FuzzResult> Decided { get; } = [];

    /// <summary>The refused subjects, each with its SG errors (id and message).</summary>
    public Dictionary<int, List<string>> Refused { get; } = [];

    public List<int> Rerun { get; } = [];

    public Dictionary<int, IReadOnlyList<ProbeMethod>> Probes { get; } = [];

    public byte[]? Image { get; set; }

    public string? Unattributable { get; set; }
}
