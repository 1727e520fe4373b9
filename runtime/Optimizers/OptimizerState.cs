namespace SharpGrad.Optimizers;

/// <summary>
/// A snapshot of an optimizer's internal state (PyTorch: <c>optimizer.state_dict()</c>): named scalars such
/// as step counts and named buffers such as Adam's moment estimates. Checkpoints store it; restoring it
/// resumes training exactly where it stopped.
/// </summary>
/// <remarks>
/// Keys are stable strings chosen by each optimizer, for example <c>"group0.step"</c> or
/// <c>"exp_avg:weight"</c> (buffer kind, a colon, the parameter's name). Values are always stored in
/// double precision, so a float model's state round-trips exactly.
/// </remarks>
public sealed class OptimizerState
{
    /// <summary>Creates a state snapshot.</summary>
    public OptimizerState(string optimizerName, IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<string, double[]> buffers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(optimizerName);
        ArgumentNullException.ThrowIfNull(scalars);
        ArgumentNullException.ThrowIfNull(buffers);
        OptimizerName = optimizerName;
        Scalars = scalars;
        Buffers = buffers;
    }

    /// <summary>The optimizer's type name, for example <c>"Adam"</c>; restoring into another type is an error.</summary>
    public string OptimizerName { get; }

    /// <summary>Named scalar state (step counts, current learning rates).</summary>
    public IReadOnlyDictionary<string, double> Scalars { get; }

    /// <summary>Named per-parameter buffers.</summary>
    public IReadOnlyDictionary<string, double[]> Buffers { get; }
}
