using SharpGrad.Schedules;

namespace SharpGrad.Checkpoints;

/// <summary>
/// What <see cref="Checkpoint.Load{T}(string, IEnumerable{Parameter{T}}, Optimizers.Optimizer{T}, CheckpointLoadOptions, bool)"/>
/// restores besides the parameters and the optimizer. The file must hold state for each one given; state in the
/// file that is not asked for is checked and ignored.
/// </summary>
/// <example><code>
/// CheckpointInfo info = Checkpoint.Load("run/epoch-10.ckpt", parameters, optimizer, new CheckpointLoadOptions
/// {
///     Scheduler = scheduler,
///     Generators = { ["shuffle"] = trainLoader.Generator! },
/// });
/// for (int epoch = info.Epoch!.Value + 1; epoch &lt;= epochs; epoch++) { /* ... */ }
/// </code></example>
public sealed class CheckpointLoadOptions
{
    /// <summary>
    /// A scheduler to restore (<c>scheduler.load_state_dict()</c>), of the same type as the one saved and acting on
    /// the optimizer being restored; or <see langword="null"/>.
    /// </summary>
    public ILearningRateScheduler? Scheduler { get; init; }

    /// <summary>Random generators to move to their saved state, by the names they were saved under.</summary>
    public IDictionary<string, RandomGenerator> Generators { get; } = new Dictionary<string, RandomGenerator>(StringComparer.Ordinal);
}
