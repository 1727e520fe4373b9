namespace SharpGrad.Training;

/// <summary>Shows nothing (<see cref="ProgressDisplay.None"/>).</summary>
internal sealed class SilentProgress : TrainingProgress
{
    public override void EpochStarted(int epoch, int epochs, int batchCount)
    {
    }

    public override void BatchCompleted(int batch, double runningLoss, double samplesPerSecond)
    {
    }

    public override void EpochCompleted(EpochResult result, int epochs)
    {
    }

    public override void Message(string text)
    {
    }
}
