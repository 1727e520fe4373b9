using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> at each milestone epoch
/// (PyTorch: <c>torch.optim.lr_scheduler.MultiStepLR</c>). A milestone listed twice decays twice.
/// </summary>
/// <example><code>
/// var scheduler = new MultiStepLR(optimizer, milestones: [30, 80], gamma: 0.1);
/// </code></example>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> _milestoneCounts = [];

    /// <summary>Creates the schedule and performs its epoch-0 step.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="milestones">Epochs at which to decay, each at least 1, in any order.</param>
    /// <param name="gamma">Factor applied at each milestone, at least 0.</param>
    public MultiStepLR(IOptimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ScheduleRules.NonNegative(gamma, nameof(gamma));
        foreach (int milestone in milestones)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(milestone, 1, nameof(milestones));
            _milestoneCounts[milestone] = _milestoneCounts.GetValueOrDefault(milestone) + 1;
        }

        Milestones = [.. _milestoneCounts.Keys.Order()];
        Gamma = gamma;
        Initialize();
    }

    /// <summary>The distinct milestone epochs in ascending order.</summary>
    public IReadOnlyList<int> Milestones { get; }

    /// <summary>The decay factor (<c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(double currentLearningRate, double baseLearningRate) =>
        _milestoneCounts.TryGetValue(LastEpoch, out int count)
            ? currentLearningRate * Math.Pow(Gamma, count)
            : currentLearningRate;
}
