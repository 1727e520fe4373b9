namespace SharpGrad.Schedules;

/// <summary>Whether a monitored metric improves by going down or up (PyTorch: <c>mode='min'|'max'</c>).</summary>
public enum PlateauMode
{
    /// <summary>Lower is better, e.g. a loss.</summary>
    Min,

    /// <summary>Higher is better, e.g. an accuracy.</summary>
    Max,
}
