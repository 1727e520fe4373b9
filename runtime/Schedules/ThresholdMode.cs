namespace SharpGrad.Schedules;

/// <summary>How <see cref="ReduceLROnPlateau.Threshold"/> defines a significant improvement
/// (PyTorch: <c>threshold_mode='rel'|'abs'</c>).</summary>
public enum ThresholdMode
{
    /// <summary>Better than best × (1 ∓ threshold).</summary>
    Relative,

    /// <summary>Better than best ∓ threshold.</summary>
    Absolute,
}
