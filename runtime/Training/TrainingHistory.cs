using System.Globalization;
using System.Text;

namespace SharpGrad.Training;

/// <summary>
/// Per-epoch results of a <see cref="Trainer{T}.Fit"/> run, with series ready for plotting
/// (Keras: <c>History.history</c>; PyTorch Lightning: the logged metrics).
/// </summary>
/// <remarks>Series hold one value per epoch; a value that does not exist (a validation loss without validation) is <see cref="double.NaN"/>, which plotting libraries skip.</remarks>
public sealed class TrainingHistory
{
    private readonly List<EpochResult> _epochs = [];

    internal TrainingHistory()
    {
    }

    /// <summary>Every completed epoch, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>Whether early stopping ended the run before the requested number of epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The name of the quantity early stopping monitored (<c>"val_loss"</c>, <c>"train_loss"</c> or a metric), or <see langword="null"/> without early stopping.</summary>
    public string? MonitoredQuantity { get; internal set; }

    /// <summary>The epoch with the best monitored value, or <see langword="null"/> without early stopping.</summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>Whether the parameters were set back to the best epoch's values at the end.</summary>
    public bool RestoredBestParameters { get; internal set; }

    /// <summary>The epoch numbers 1, 2, …, as x values for plots.</summary>
    public double[] EpochNumbers() => Series(e => e.Epoch);

    /// <summary>The mean training loss of each epoch.</summary>
    public double[] TrainLoss() => Series(e => e.TrainLoss);

    /// <summary>The validation loss after each epoch.</summary>
    public double[] ValidationLoss() => Series(e => e.ValidationLoss ?? double.NaN);

    /// <summary>The learning rate of each epoch.</summary>
    public double[] LearningRate() => Series(e => e.LearningRate);

    /// <summary>The wall-clock seconds of each epoch.</summary>
    public double[] Seconds() => Series(e => e.Seconds);

    /// <summary>The validation metric <paramref name="name"/> after each epoch.</summary>
    public double[] Metric(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Series(e => e.Metrics.TryGetValue(name, out double value) ? value : double.NaN);
    }

    /// <summary>
    /// The history as comma-separated values with a header row: <c>epoch,train_loss,val_loss,lr,seconds</c>
    /// followed by one column per metric; missing values are empty. Numbers use the invariant culture.
    /// </summary>
    public string ToCsv()
    {
        List<string> metricNames = [.. _epochs.SelectMany(e => e.Metrics.Keys).Distinct(StringComparer.Ordinal)];
        var csv = new StringBuilder();
        csv.Append("epoch,train_loss,val_loss,lr,seconds");
        foreach (string name in metricNames)
        {
            csv.Append(',').Append(Quote(name));
        }

        csv.Append('\n');
        foreach (EpochResult epoch in _epochs)
        {
            csv.Append(epoch.Epoch.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Number(epoch.TrainLoss))
                .Append(',').Append(Number(epoch.ValidationLoss))
                .Append(',').Append(Number(epoch.LearningRate))
                .Append(',').Append(Number(epoch.Seconds));
            foreach (string name in metricNames)
            {
                csv.Append(',').Append(epoch.Metrics.TryGetValue(name, out double value) ? Number(value) : string.Empty);
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    internal void Add(EpochResult result) => _epochs.Add(result);

    private double[] Series(Func<EpochResult, double> select) => [.. _epochs.Select(select)];

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\n\r") < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
