using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Base of the epoch-based learning-rate schedules (PyTorch: <c>torch.optim.lr_scheduler.LRScheduler</c>).
/// Each <see cref="Step"/> advances <see cref="LastEpoch"/> and writes a new learning rate into every parameter
/// group of the optimizer, computed from the group's current rate as PyTorch's chainable form does, so several
/// schedulers can act on one optimizer.
/// </summary>
/// <remarks>
/// Like PyTorch, constructing a scheduler already performs the first step (epoch 0): a warm-up such as
/// <see cref="LinearLR"/> lowers the rate immediately. Call <see cref="Step"/> after <c>optimizer.Step()</c>,
/// once per epoch. Derived constructors must call <see cref="Initialize"/> last, after their own fields are set.
/// </remarks>
public abstract class LRScheduler : ILearningRateScheduler
{
    private readonly double[] _baseLearningRates;
    private double[] _lastLearningRates;
    private bool _initialized;

    /// <summary>Records each group's starting rate (<c>initial_lr</c>, set by the first scheduler only).</summary>
    protected LRScheduler(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        IReadOnlyList<IParameterGroup> groups = optimizer.ParameterGroups;
        _baseLearningRates = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].InitialLearningRate ??= groups[i].LearningRate;
            _baseLearningRates[i] = groups[i].InitialLearningRate!.Value;
        }

        _lastLearningRates = [.. _baseLearningRates];
        LastEpoch = -1;
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The epoch of the last <see cref="Step"/> (<c>last_epoch</c>): 0 after construction.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>Each group's starting learning rate (<c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLearningRates => _baseLearningRates;

    /// <summary>The learning rates the last step set (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLearningRates => _lastLearningRates;

    /// <summary>Advances one epoch and sets every group's learning rate (<c>scheduler.step()</c>).</summary>
    /// <exception cref="InvalidOperationException">The optimizer gained or lost groups since the scheduler was made.</exception>
    public void Step()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException($"{GetType().Name} was not initialized: its constructor must call Initialize().");
        }

        Advance();
    }

    /// <summary>
    /// The schedule's progress (PyTorch: <c>scheduler.state_dict()</c>): <c>last_epoch</c>, <c>groups</c>,
    /// <c>base_lr.{i}</c> and <c>last_lr.{i}</c>. The schedule's settings (gamma, milestones...) are constructor
    /// arguments and not part of it.
    /// </summary>
    public IReadOnlyDictionary<string, double> GetState()
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ScheduleState.LastEpoch] = LastEpoch,
            [ScheduleState.Groups] = _baseLearningRates.Length,
        };
        for (int i = 0; i < _baseLearningRates.Length; i++)
        {
            state[ScheduleState.BaseLearningRate(i)] = _baseLearningRates[i];
            state[ScheduleState.LastLearningRate(i)] = _lastLearningRates[i];
        }

        return state;
    }

    /// <summary>
    /// Restores <see cref="GetState"/>'s snapshot (PyTorch: <c>scheduler.load_state_dict()</c>). Like PyTorch, it
    /// does not touch the optimizer's learning rates: create the optimizer and the scheduler, then restore the
    /// optimizer's state (which holds the rates) and this one. On failure nothing changes.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is missing or the group count differs.</exception>
    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int groups = _baseLearningRates.Length;
        ScheduleState.RequireGroups(state, groups);
        int lastEpoch = ScheduleState.ReadCount(state, ScheduleState.LastEpoch, 0);
        double[] baseRates = ScheduleState.ReadPerGroup(state, groups, ScheduleState.BaseLearningRate);
        double[] lastRates = ScheduleState.ReadPerGroup(state, groups, ScheduleState.LastLearningRate);

        LastEpoch = lastEpoch;
        baseRates.CopyTo(_baseLearningRates, 0);
        _lastLearningRates = lastRates;
    }

    /// <summary>Performs the epoch-0 step; derived constructors call it once, last.</summary>
    protected void Initialize()
    {
        if (_initialized)
        {
            throw new InvalidOperationException("Initialize() was already called.");
        }

        _initialized = true;
        Advance();
    }

    /// <summary>The next learning rate of one group (PyTorch's <c>get_lr()</c> for that group), at <see cref="LastEpoch"/>.</summary>
    /// <param name="currentLearningRate">The group's rate now.</param>
    /// <param name="baseLearningRate">The group's starting rate.</param>
    protected abstract double NextLearningRate(double currentLearningRate, double baseLearningRate);

    private void Advance()
    {
        IReadOnlyList<IParameterGroup> groups = Optimizer.ParameterGroups;
        if (groups.Count != _baseLearningRates.Length)
        {
            throw new InvalidOperationException($"The optimizer has {groups.Count} parameter groups but had {_baseLearningRates.Length} when {GetType().Name} was created; create the scheduler after adding groups.");
        }

        LastEpoch++;
        var next = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            next[i] = NextLearningRate(groups[i].LearningRate, _baseLearningRates[i]);
        }

        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].LearningRate = next[i];
        }

        _lastLearningRates = next;
    }
}
