using System.Globalization;
using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when a monitored metric has not improved for more than
/// <see cref="Patience"/> epochs (PyTorch: <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>).
/// </summary>
/// <remarks>Unlike the epoch schedules, construction changes nothing and each step needs the metric:
/// call <see cref="Step(double)"/> once per epoch with, for example, the validation loss.</remarks>
/// <example><code>
/// var scheduler = new ReduceLROnPlateau(optimizer, PlateauMode.Min, factor: 0.5, patience: 2);
/// for (int epoch = 0; epoch &lt; 100; epoch++) { Train(); scheduler.Step(Validate()); }
/// </code></example>
public sealed class ReduceLROnPlateau : ILearningRateScheduler
{
    private const string BestKey = "best";
    private const string NumBadEpochsKey = "num_bad_epochs";
    private const string CooldownCounterKey = "cooldown_counter";

    private readonly double[] _minLearningRates;
    private double[] _lastLearningRates;

    /// <summary>Creates the scheduler with one minimum learning rate for every group.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="mode">Whether the metric should go down or up.</param>
    /// <param name="factor">Multiplier applied on a plateau, in [0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before reducing, at least 0.</param>
    /// <param name="threshold">How much better than the best a metric must be to count, at least 0.</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative or absolute.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted, at least 0.</param>
    /// <param name="minLr">Lower bound of every group's learning rate, at least 0.</param>
    /// <param name="eps">Reductions smaller than this are skipped, at least 0.</param>
    public ReduceLROnPlateau(IOptimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Relative, int cooldown = 0, double minLr = 0, double eps = 1e-8)
        : this(optimizer, Repeat(optimizer, minLr), mode, factor, patience, threshold, thresholdMode, cooldown, eps)
    {
    }

    /// <summary>Creates the scheduler with a minimum learning rate per group.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="minLrs">Lower bound of each group's learning rate, one per group, each at least 0.</param>
    /// <param name="mode">Whether the metric should go down or up.</param>
    /// <param name="factor">Multiplier applied on a plateau, in [0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before reducing, at least 0.</param>
    /// <param name="threshold">How much better than the best a metric must be to count, at least 0.</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative or absolute.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted, at least 0.</param>
    /// <param name="eps">Reductions smaller than this are skipped, at least 0.</param>
    public ReduceLROnPlateau(IOptimizer optimizer, IReadOnlyList<double> minLrs, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Relative, int cooldown = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(minLrs);
        int groups = optimizer.ParameterGroups.Count;
        if (minLrs.Count != groups)
        {
            throw new ArgumentException($"expected {groups} min_lrs, got {minLrs.Count}", nameof(minLrs));
        }

        foreach (double minLr in minLrs)
        {
            ScheduleRules.NonNegative(minLr, "minLr");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode {mode} is unknown!");
        }

        if (!Enum.IsDefined(thresholdMode))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, $"threshold mode {thresholdMode} is unknown!");
        }

        if (!(factor >= 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, string.Create(CultureInfo.InvariantCulture, $"Factor should be < 1.0 and at least 0; got {factor}."));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        ScheduleRules.NonNegative(threshold, nameof(threshold));
        ScheduleRules.NonNegative(eps, nameof(eps));

        Optimizer = optimizer;
        _minLearningRates = [.. minLrs];
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        Eps = eps;
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        _lastLearningRates = CurrentLearningRates();
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>Whether the metric should go down or up (<c>mode</c>).</summary>
    public PlateauMode Mode { get; }

    /// <summary>Multiplier applied on a plateau (<c>factor</c>).</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated (<c>patience</c>).</summary>
    public int Patience { get; }

    /// <summary>Significance threshold of an improvement (<c>threshold</c>).</summary>
    public double Threshold { get; }

    /// <summary>Whether <see cref="Threshold"/> is relative or absolute (<c>threshold_mode</c>).</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Epochs of rest after a reduction (<c>cooldown</c>).</summary>
    public int Cooldown { get; }

    /// <summary>Smallest reduction that is applied (<c>eps</c>).</summary>
    public double Eps { get; }

    /// <summary>Each group's lower bound (<c>min_lrs</c>).</summary>
    public IReadOnlyList<double> MinLearningRates => _minLearningRates;

    /// <summary>The best metric seen so far (<c>best</c>); ±infinity before the first step.</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement (<c>num_bad_epochs</c>).</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left (<c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>Whether the scheduler is resting after a reduction (<c>in_cooldown</c>).</summary>
    public bool InCooldown => CooldownCounter > 0;

    /// <summary>The number of steps taken (<c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>Every group's learning rate after the last step (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLearningRates => _lastLearningRates;

    /// <summary>Records one epoch's <paramref name="metric"/> and reduces the rates on a plateau
    /// (<c>scheduler.step(metrics)</c>). A NaN metric counts as no improvement.</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }

        if (InCooldown)
        {
            CooldownCounter--;
            NumBadEpochs = 0; // bad epochs during cooldown are ignored
        }

        if (NumBadEpochs > Patience)
        {
            ReduceLearningRates();
            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }

        _lastLearningRates = CurrentLearningRates();
    }

    /// <summary>
    /// The scheduler's progress (PyTorch: <c>scheduler.state_dict()</c>): <c>last_epoch</c>, <c>best</c>,
    /// <c>num_bad_epochs</c>, <c>cooldown_counter</c>, <c>groups</c> and <c>last_lr.{i}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> GetState()
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ScheduleState.LastEpoch] = LastEpoch,
            [BestKey] = Best,
            [NumBadEpochsKey] = NumBadEpochs,
            [CooldownCounterKey] = CooldownCounter,
            [ScheduleState.Groups] = _lastLearningRates.Length,
        };
        for (int i = 0; i < _lastLearningRates.Length; i++)
        {
            state[ScheduleState.LastLearningRate(i)] = _lastLearningRates[i];
        }

        return state;
    }

    /// <summary>Restores <see cref="GetState"/>'s snapshot (<c>scheduler.load_state_dict()</c>); the optimizer's
    /// learning rates come from its own state. On failure nothing changes.</summary>
    /// <exception cref="ArgumentException">An entry is missing or the group count differs.</exception>
    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int groups = _minLearningRates.Length;
        ScheduleState.RequireGroups(state, groups);
        int lastEpoch = ScheduleState.ReadCount(state, ScheduleState.LastEpoch, 0);
        double best = ScheduleState.Read(state, BestKey);
        int numBadEpochs = ScheduleState.ReadCount(state, NumBadEpochsKey, 0);
        int cooldownCounter = ScheduleState.ReadCount(state, CooldownCounterKey, 0);
        double[] lastRates = ScheduleState.ReadPerGroup(state, groups, ScheduleState.LastLearningRate);

        LastEpoch = lastEpoch;
        Best = best;
        NumBadEpochs = numBadEpochs;
        CooldownCounter = cooldownCounter;
        _lastLearningRates = lastRates;
    }

    private bool IsBetter(double metric, double best) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => metric < best * (1 - Threshold),
        (PlateauMode.Min, ThresholdMode.Absolute) => metric < best - Threshold,
        (PlateauMode.Max, ThresholdMode.Relative) => metric > best * (Threshold + 1),
        _ => metric > best + Threshold,
    };

    private void ReduceLearningRates()
    {
        IReadOnlyList<IParameterGroup> groups = GroupsChecked();
        for (int i = 0; i < groups.Count; i++)
        {
            double old = groups[i].LearningRate;
            double reduced = Math.Max(old * Factor, _minLearningRates[i]);
            if (old - reduced > Eps)
            {
                groups[i].LearningRate = reduced;
            }
        }
    }

    private double[] CurrentLearningRates() => [.. GroupsChecked().Select(group => group.LearningRate)];

    private IReadOnlyList<IParameterGroup> GroupsChecked()
    {
        IReadOnlyList<IParameterGroup> groups = Optimizer.ParameterGroups;
        if (groups.Count != _minLearningRates.Length)
        {
            throw new InvalidOperationException($"The optimizer has {groups.Count} parameter groups but had {_minLearningRates.Length} when ReduceLROnPlateau was created; create the scheduler after adding groups.");
        }

        return groups;
    }

    private static double[] Repeat(IOptimizer optimizer, double minLr)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return [.. Enumerable.Repeat(minLr, optimizer.ParameterGroups.Count)];
    }
}
