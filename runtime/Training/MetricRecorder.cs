namespace SharpGrad.Training;

/// <summary>
/// Averages named metric values over the batches of an evaluation, each batch weighted by its sample count
/// (PyTorch: the running sums of a hand-written validation loop, or Lightning's <c>self.log(name, value)</c>).
/// </summary>
/// <remarks>
/// Weighting by batch size makes the result the mean over all samples for metrics that are per-sample
/// means, such as every metric in <see cref="Metrics"/>. Metrics that are not (a root mean square, F1) are
/// only approximated; compute those from the predictions of the whole set instead.
/// </remarks>
public sealed class MetricRecorder
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, (double WeightedSum, long Samples)> _sums = new(StringComparer.Ordinal);
    private int _batchSize;

    internal MetricRecorder()
    {
    }

    /// <summary>Records a metric's value for the current batch; record each metric once per batch.</summary>
    /// <param name="name">The metric's name, for example <c>"accuracy"</c>; it appears in the history and progress output.</param>
    /// <param name="value">The metric's mean over the batch.</param>
    public void Record(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_sums.TryGetValue(name, out var sum))
        {
            _names.Add(name);
            sum = (0, 0);
        }

        _sums[name] = (sum.WeightedSum + (value * _batchSize), sum.Samples + _batchSize);
    }

    internal void StartBatch(int batchSize) => _batchSize = batchSize;

    internal void Clear()
    {
        _names.Clear();
        _sums.Clear();
    }

    // Keeps the order in which metrics were first recorded, so output columns are stable.
    internal IReadOnlyDictionary<string, double> Means()
    {
        var means = new OrderedDictionary<string, double>(_names.Count, StringComparer.Ordinal);
        foreach (string name in _names)
        {
            (double weightedSum, long samples) = _sums[name];
            means.Add(name, weightedSum / samples);
        }

        return means;
    }
}
