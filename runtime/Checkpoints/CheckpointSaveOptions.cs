using SharpGrad.Schedules;

namespace SharpGrad.Checkpoints;

/// <summary>
/// What <see cref="Checkpoint.Save{T}(string, IEnumerable{Parameter{T}}, Optimizers.Optimizer{T}, CheckpointSaveOptions)"/>
/// stores besides the parameters and the optimizer (PyTorch: the other entries of the dictionary given to
/// <c>torch.save</c>), and whether it may store non-finite values.
/// </summary>
/// <example><code>
/// Checkpoint.Save($"run/epoch-{epoch}.ckpt", parameters, optimizer, new CheckpointSaveOptions
/// {
///     Scheduler = scheduler,
///     Epoch = epoch,
///     Generators = { ["shuffle"] = trainLoader.Generator! },
///     Metadata = { ["model"] = "mlp-64-32" },
/// });
/// </code></example>
public sealed class CheckpointSaveOptions
{
    /// <summary>
    /// A learning-rate scheduler whose state to save (<c>scheduler.state_dict()</c>), or <see langword="null"/>. It must
    /// act on the optimizer being saved, since the learning rates it sets are part of that optimizer's state.
    /// </summary>
    public ILearningRateScheduler? Scheduler { get; init; }

    /// <summary>The last completed epoch, or <see langword="null"/>; at least 0. <see cref="Checkpoint.Load{T}(string, IEnumerable{Parameter{T}}, Optimizers.Optimizer{T}, CheckpointLoadOptions, bool)"/> returns it.</summary>
    public int? Epoch { get; init; }

    /// <summary>The optimizer steps taken so far, or <see langword="null"/>; at least 0.</summary>
    public long? Step { get; init; }

    /// <summary>
    /// Random generators whose state to save, by a name of your choice (<c>generator.get_state()</c>), for example
    /// a <see cref="Data.DataLoader{T}.Generator"/>, so that a resumed run draws the same numbers. Names are
    /// compared ordinally.
    /// </summary>
    public IDictionary<string, RandomGenerator> Generators { get; } = new Dictionary<string, RandomGenerator>(StringComparer.Ordinal);

    /// <summary>Your own key/value strings, stored verbatim: a run name, a git commit, a data version. Keys are compared ordinally.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether to save parameters and optimizer state that hold NaN or infinite values. By default (<see langword="false"/>)
    /// such a save is refused: resuming from it would continue a broken run, and it would replace a good checkpoint.
    /// </summary>
    public bool AllowNonFinite { get; init; }
}
