using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// A learning-rate scheduler seen without its step method, whose signature differs between the epoch schedules
/// (<see cref="LRScheduler.Step"/>) and <see cref="ReduceLROnPlateau.Step(double)"/>: what checkpoints need to
/// save and restore any of them (PyTorch: <c>scheduler.state_dict()</c> and <c>load_state_dict()</c>).
/// </summary>
public interface ILearningRateScheduler
{
    /// <summary>The optimizer whose learning rates the scheduler sets.</summary>
    IOptimizer Optimizer { get; }

    /// <summary>The schedule's progress as named numbers; its settings are constructor arguments and not part of it.</summary>
    IReadOnlyDictionary<string, double> GetState();

    /// <summary>Restores <see cref="GetState"/>'s snapshot; on failure nothing changes.</summary>
    /// <exception cref="ArgumentException">The state does not fit this scheduler.</exception>
    void LoadState(IReadOnlyDictionary<string, double> state);
}
