namespace SharpGrad.Checkpoints;

/// <summary>
/// The sections format version 2 added after the optimizer state: a scheduler's state, the epoch and step, random
/// generator states and metadata. A version 1 file has none of them (<see cref="None"/>).
/// </summary>
internal sealed record CheckpointExtras(
    SavedScheduler? Scheduler,
    int? Epoch,
    long? Step,
    IReadOnlyDictionary<string, RandomGeneratorState> Generators,
    IReadOnlyDictionary<string, string> Metadata)
{
    public static CheckpointExtras None { get; } = new(
        null,
        null,
        null,
        new Dictionary<string, RandomGeneratorState>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal));
}
