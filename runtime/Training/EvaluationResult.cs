namespace SharpGrad.Training;

/// <summary>The outcome of evaluating a model on a loader: mean loss and mean metrics over its samples.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(double loss, IReadOnlyDictionary<string, double> metrics, long samples)
    {
        Loss = loss;
        Metrics = metrics;
        Samples = samples;
    }

    /// <summary>The loss averaged over all samples.</summary>
    public double Loss { get; }

    /// <summary>Each recorded metric averaged over all samples, in the order first recorded.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The number of samples evaluated.</summary>
    public long Samples { get; }
}
