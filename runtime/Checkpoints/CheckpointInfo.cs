namespace SharpGrad.Checkpoints;

/// <summary>
/// What a loaded checkpoint held besides the values it restored: the training position and your metadata
/// (PyTorch: the other entries of the dictionary <c>torch.load</c> returns).
/// </summary>
public sealed class CheckpointInfo
{
    internal CheckpointInfo(int formatVersion, string? optimizerName, string? schedulerName, int? epoch, long? step, IReadOnlyList<string> generatorNames, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        FormatVersion = formatVersion;
        OptimizerName = optimizerName;
        SchedulerName = schedulerName;
        Epoch = epoch;
        Step = step;
        GeneratorNames = generatorNames;
        Metadata = metadata;
    }

    /// <summary>The file's format version: 1 for files from before schedulers, positions and metadata could be saved.</summary>
    public int FormatVersion { get; }

    /// <summary>The optimizer whose state the file holds, for example <c>"Adam"</c>, or <see langword="null"/>.</summary>
    public string? OptimizerName { get; }

    /// <summary>The scheduler whose state the file holds, for example <c>"StepLR"</c>, or <see langword="null"/>.</summary>
    public string? SchedulerName { get; }

    /// <summary>The epoch saved with <see cref="CheckpointSaveOptions.Epoch"/>, or <see langword="null"/>.</summary>
    public int? Epoch { get; }

    /// <summary>The step saved with <see cref="CheckpointSaveOptions.Step"/>, or <see langword="null"/>.</summary>
    public long? Step { get; }

    /// <summary>The names of the random generators the file holds, in ordinal order.</summary>
    public IReadOnlyList<string> GeneratorNames { get; }

    /// <summary>
    /// With <c>strict: false</c>, the model's parameters the file lacks, which kept their values (PyTorch:
    /// <c>load_state_dict(...).missing_keys</c>); empty after a strict load.
    /// </summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>With <c>strict: false</c>, the file's parameters the model lacks, which were ignored (<c>unexpected_keys</c>); empty after a strict load.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>The metadata saved with <see cref="CheckpointSaveOptions.Metadata"/>; empty if none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
}
