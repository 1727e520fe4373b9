using System.Numerics;

namespace SharpGrad.Training;

/// <summary>Applies an <see cref="EarlyStopping"/> rule during one run, keeping a copy of the best parameters if asked.</summary>
internal sealed class EarlyStoppingTracker<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly EarlyStopping _rule;
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly T[][]? _bestValues;
    private int _epochsWithoutImprovement;

    public EarlyStoppingTracker(EarlyStopping rule, IReadOnlyList<Parameter<T>> parameters, bool hasValidation)
    {
        _rule = rule;
        _parameters = parameters;
        MonitorName = rule.Metric ?? (hasValidation ? "val_loss" : "train_loss");
        BestValue = rule.Maximize ? double.NegativeInfinity : double.PositiveInfinity;
        if (rule.RestoreBestParameters)
        {
            _bestValues = [.. parameters.Select(p => new T[p.Length])];
        }
    }

    public string MonitorName { get; }

    public double BestValue { get; private set; }

    public int BestEpoch { get; private set; }

    /// <summary>Records an epoch's result; returns whether training should stop.</summary>
    public bool Update(EpochResult result)
    {
        double value = MonitoredValue(result);
        // NaN never improves, so a diverged run cannot become the "best" one.
        bool beatsBest = _rule.Maximize
            ? value > BestValue + _rule.MinDelta
            : value < BestValue - _rule.MinDelta;
        bool improved = !double.IsNaN(value) && (BestEpoch == 0 || beatsBest);
        if (improved)
        {
            BestValue = value;
            BestEpoch = result.Epoch;
            _epochsWithoutImprovement = 0;
            SnapshotParameters();
            return false;
        }

        _epochsWithoutImprovement++;
        return _epochsWithoutImprovement >= _rule.Patience;
    }

    /// <summary>Copies the best epoch's values back; returns whether there was anything to restore.</summary>
    public bool RestoreBest()
    {
        if (_bestValues is null || BestEpoch == 0)
        {
            return false;
        }

        for (int i = 0; i < _parameters.Count; i++)
        {
            _bestValues[i].CopyTo(_parameters[i].Data);
        }

        return true;
    }

    private double MonitoredValue(EpochResult result)
    {
        if (_rule.Metric is null)
        {
            return result.ValidationLoss ?? result.TrainLoss;
        }

        if (result.Metrics.TryGetValue(_rule.Metric, out double value))
        {
            return value;
        }

        string recorded = result.Metrics.Count == 0 ? "none" : string.Join(", ", result.Metrics.Keys);
        throw new InvalidOperationException($"Early stopping monitors the metric '{_rule.Metric}', but epoch {result.Epoch} recorded no such metric (recorded: {recorded}). Record it with MetricRecorder.Record in the evaluation delegate.");
    }

    private void SnapshotParameters()
    {
        if (_bestValues is null)
        {
            return;
        }

        for (int i = 0; i < _parameters.Count; i++)
        {
            _parameters[i].Data.CopyTo(_bestValues[i]);
        }
    }
}
