namespace SharpGrad.Training;

/// <summary>What one training epoch produced (PyTorch Lightning: the values logged at <c>on_train_epoch_end</c>; Keras: a row of <c>History.history</c>).</summary>
public sealed class EpochResult
{
    /// <summary>The epoch's number, starting at 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The mean training loss over the epoch's samples, as the parameters changed during the epoch.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>The mean validation loss after the epoch, or <see langword="null"/> without a validation loader.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The validation metrics after the epoch; empty without a validation loader.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>The learning rate at the start of the epoch (see <see cref="Trainer{T}.LearningRateSource"/>).</summary>
    public required double LearningRate { get; init; }

    /// <summary>The optimizer steps taken in the epoch (one per batch).</summary>
    public required int Steps { get; init; }

    /// <summary>The training samples processed in the epoch.</summary>
    public required long Samples { get; init; }

    /// <summary>Training throughput: <see cref="Samples"/> divided by the time spent on training batches.</summary>
    public required double SamplesPerSecond { get; init; }

    /// <summary>The epoch's wall-clock time in seconds, training and validation together.</summary>
    public required double Seconds { get; init; }
}
