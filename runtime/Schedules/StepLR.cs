using SharpGrad.Optimizers;

namespace SharpGrad.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs
/// (PyTorch: <c>torch.optim.lr_scheduler.StepLR</c>).
/// </summary>
/// <example><code>
/// var scheduler = new StepLR(optimizer, stepSize: 30, gamma: 0.1);
/// for (int epoch = 0; epoch &lt; 100; epoch++) { Train(); scheduler.Step(); }
/// </code></example>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule and performs its epoch-0 step.</summary>
    /// <param name="optimizer">The optimizer whose groups it sets.</param>
    /// <param name="stepSize">Epochs between decays, at least 1.</param>
    /// <param name="gamma">Factor applied at each decay, at least 0.</param>
    public StepLR(IOptimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        ScheduleRules.NonNegative(gamma, nameof(gamma));
        StepSize = stepSize;
        Gamma = gamma;
        Initialize();
    }

    /// <summary>Epochs between decays (<c>step_size</c>).</summary>
    public int StepSize { get; }

    /// <summary>The decay factor (<c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(double currentLearningRate, double baseLearningRate) =>
        LastEpoch == 0 || LastEpoch % StepSize != 0 ? currentLearningRate : currentLearningRate * Gamma;
}
