namespace SharpGrad.Training;

/// <summary>
/// Thrown when a loss or gradient becomes NaN or infinite during training (PyTorch: what
/// <c>torch.autograd.detect_anomaly()</c> or Lightning's <c>Trainer(detect_anomaly=True)</c> report). The message
/// names the step, the epoch and, for a gradient, the parameter and the first bad index.
/// </summary>
public sealed class NonFiniteException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="epoch">The epoch, starting at 1.</param>
    /// <param name="step">The optimizer step counted from the start of training, starting at 1.</param>
    /// <param name="parameterName">The parameter whose gradient is not finite, or <see langword="null"/> for a loss.</param>
    /// <param name="index">The first non-finite element of that gradient, row-major; -1 for a loss.</param>
    public NonFiniteException(string message, int epoch, long step, string? parameterName = null, int index = -1)
        : base(message)
    {
        Epoch = epoch;
        Step = step;
        ParameterName = parameterName;
        Index = index;
    }

    /// <summary>The epoch in which the value appeared, starting at 1.</summary>
    public int Epoch { get; }

    /// <summary>The optimizer step in which the value appeared, counted from the start of training, starting at 1.</summary>
    public long Step { get; }

    /// <summary>The parameter whose gradient holds the value, or <see langword="null"/> when the loss is not finite.</summary>
    public string? ParameterName { get; }

    /// <summary>The row-major index of the first non-finite gradient element; -1 for a loss.</summary>
    public int Index { get; }
}
