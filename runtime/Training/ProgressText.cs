using System.Globalization;
using System.Text;

namespace SharpGrad.Training;

/// <summary>Formats progress values the same way for every display; invariant culture so logs parse everywhere.</summary>
internal static class ProgressText
{
    public static string EpochSummary(EpochResult result, int epochs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}/{epochs}: train_loss {Value(result.TrainLoss)}");
        if (result.ValidationLoss is double validationLoss)
        {
            text.Append(CultureInfo.InvariantCulture, $", val_loss {Value(validationLoss)}");
        }

        foreach ((string name, double value) in result.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $", {name} {Value(value)}");
        }

        text.Append(CultureInfo.InvariantCulture, $", lr {Value(result.LearningRate)}, {Throughput(result.SamplesPerSecond)}, {result.Seconds:F2} s");
        return text.ToString();
    }

    public static string BatchStatus(int epoch, int epochs, int batch, int batchCount, double runningLoss, double samplesPerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}/{epochs}: batch {batch}/{batchCount}, loss {Value(runningLoss)}, {Throughput(samplesPerSecond)}");

    public static string Value(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Throughput(double samplesPerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{samplesPerSecond:F0} samples/s");
}
