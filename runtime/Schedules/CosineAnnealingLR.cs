using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Anneals the learning rate from its starting value to <see cref="EtaMin"/> along a half cosine over
/// <see cref="TMax"/> epochs (PyTorch: <c>torch.optim.lr_scheduler.CosineAnnealingLR</c>).
/// </summary>
/// <remarks>As in PyTorch, the schedule does not stop at <see cref="TMax"/>: it keeps following the cosine
/// (period 2*TMax), rising back to the starting rate at epoch 2*TMax. Values come from PyTorch's recursive
/// form, which differs from the closed form only by rounding.</remarks>
/// <example><code>
/// var scheduler = new CosineAnnealingLR(optimizer, tMax: epochs, etaMin: 1e-5);
/// </code></example>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule and performs its epoch-0 step.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="tMax">Epochs from the starting rate to the minimum, at least 1.</param>
    /// <param name="etaMin">The minimum learning rate, at least 0.</param>
    public CosineAnnealingLR(IOptimizer optimizer, int tMax, double etaMin = 0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tMax, 1);
        ScheduleRules.NonNegative(etaMin, nameof(etaMin));
        TMax = tMax;
        EtaMin = etaMin;
        Initialize();
    }

    /// <summary>Half-period in epochs (<c>T_max</c>).</summary>
    public int TMax { get; }

    /// <summary>The minimum learning rate (<c>eta_min</c>).</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(double currentLearningRate, double baseLearningRate)
    {
        int epoch = LastEpoch;
        if (epoch == 0)
        {
            return currentLearningRate;
        }

        // Leaving the minimum: the ratio form below would divide by 1 + cos(pi) = 0.
        if ((epoch - 1 - TMax) % (2 * TMax) == 0)
        {
            return currentLearningRate + ((baseLearningRate - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2);
        }

        return ((1 + Math.Cos(Math.PI * epoch / TMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / TMax)) * (currentLearningRate - EtaMin)) + EtaMin;
    }
}
