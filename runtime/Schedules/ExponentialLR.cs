using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> every epoch
/// (PyTorch: <c>torch.optim.lr_scheduler.ExponentialLR</c>).
/// </summary>
/// <example><code>
/// var scheduler = new ExponentialLR(optimizer, gamma: 0.9);
/// </code></example>
public sealed class ExponentialLR : LRScheduler
{
    /// <summary>Creates the schedule and performs its epoch-0 step.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="gamma">Factor applied each epoch, at least 0.</param>
    public ExponentialLR(IOptimizer optimizer, double gamma)
        : base(optimizer)
    {
        ScheduleRules.NonNegative(gamma, nameof(gamma));
        Gamma = gamma;
        Initialize();
    }

    /// <summary>The decay factor (<c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(double currentLearningRate, double baseLearningRate) =>
        LastEpoch == 0 ? currentLearningRate : currentLearningRate * Gamma;
}
