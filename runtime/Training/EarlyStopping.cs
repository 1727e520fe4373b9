namespace SharpGrad.Training;

/// <summary>
/// Stops training once a monitored quantity has not improved for <see cref="Patience"/> consecutive epochs
/// (PyTorch Lightning: <c>EarlyStopping(monitor, min_delta, patience, mode)</c>; Keras:
/// <c>EarlyStopping(..., restore_best_weights)</c>).
/// </summary>
/// <remarks>
/// An epoch improves when its value beats the best so far by more than <see cref="MinDelta"/> (is lower, or
/// higher with <see cref="Maximize"/>); the first epoch always improves. Training therefore stops at the end of
/// epoch <c>best + Patience</c> unless a later epoch improves.
/// </remarks>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    /// <param name="patience">Consecutive epochs without improvement after which training stops; at least 1.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement; non-negative.</param>
    public EarlyStopping(int patience, double minDelta = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "min_delta must be finite and non-negative.");
        }

        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>Consecutive epochs without improvement after which training stops (PyTorch Lightning: <c>patience</c>).</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement (PyTorch Lightning: <c>min_delta</c>).</summary>
    public double MinDelta { get; }

    /// <summary>
    /// The monitored quantity: <see langword="null"/> (the default) for the validation loss, or the training loss
    /// when there is no validation loader; otherwise the name of a metric recorded by the evaluation
    /// (PyTorch Lightning: <c>monitor</c>).
    /// </summary>
    public string? Metric { get; init; }

    /// <summary>Whether higher values are better, as for accuracy (PyTorch Lightning: <c>mode='max'</c>).</summary>
    public bool Maximize { get; init; }

    /// <summary>
    /// Whether the parameters are set back to their values at the end of the best epoch when training ends,
    /// early or not (Keras: <c>restore_best_weights</c>). Optimizer state is not restored.
    /// </summary>
    public bool RestoreBestParameters { get; init; }
}
