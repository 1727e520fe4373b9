using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Scales the learning rate linearly from <see cref="StartFactor"/> to <see cref="EndFactor"/> times its
/// starting value over <see cref="TotalIters"/> epochs, then holds it: a linear warm-up
/// (PyTorch: <c>torch.optim.lr_scheduler.LinearLR</c>).
/// </summary>
/// <remarks>The rate is already StartFactor × lr right after construction (epoch 0).</remarks>
/// <example><code>
/// var warmUp = new LinearLR(optimizer, startFactor: 0.1, totalIters: 5);
/// </code></example>
public sealed class LinearLR : LRScheduler
{
    /// <summary>Creates the schedule and performs its epoch-0 step.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="startFactor">Multiplier at epoch 0, in (0, 1].</param>
    /// <param name="endFactor">Multiplier from epoch <paramref name="totalIters"/> on, in [0, 1].</param>
    /// <param name="totalIters">Epochs the ramp takes, at least 1.</param>
    public LinearLR(IOptimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5)
        : base(optimizer)
    {
        if (!(startFactor > 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }

        if (!(endFactor >= 0 && endFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "Ending multiplicative factor expected to be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(totalIters, 1);
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalIters = totalIters;
        Initialize();
    }

    /// <summary>Multiplier at epoch 0 (<c>start_factor</c>).</summary>
    public double StartFactor { get; }

    /// <summary>Multiplier at the end of the ramp (<c>end_factor</c>).</summary>
    public double EndFactor { get; }

    /// <summary>Length of the ramp in epochs (<c>total_iters</c>).</summary>
    public int TotalIters { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(double currentLearningRate, double baseLearningRate)
    {
        int epoch = LastEpoch;
        if (epoch == 0)
        {
            return currentLearningRate * StartFactor;
        }

        if (epoch > TotalIters)
        {
            return currentLearningRate;
        }

        // Ratio of consecutive factors, so the rate is computed from the current one (chainable form).
        double slope = EndFactor - StartFactor;
        return currentLearningRate * (1.0 + (slope / ((TotalIters * StartFactor) + ((epoch - 1) * slope))));
    }
}
