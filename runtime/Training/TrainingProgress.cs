namespace SharpGrad.Training;

/// <summary>Receives training events and shows them; one implementation per <see cref="ProgressDisplay"/>.</summary>
internal abstract class TrainingProgress
{
    /// <summary>Runs the whole training inside the display; a live display needs to own the run.</summary>
    public virtual TResult Run<TResult>(Func<TResult> training) => training();

    public abstract void EpochStarted(int epoch, int epochs, int batchCount);

    public abstract void BatchCompleted(int batch, double runningLoss, double samplesPerSecond);

    public abstract void EpochCompleted(EpochResult result, int epochs);

    public abstract void Message(string text);
}
