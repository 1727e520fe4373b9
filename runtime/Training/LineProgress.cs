using System.Diagnostics;

namespace SharpGrad.Training;

/// <summary>Writes plain lines (<see cref="ProgressDisplay.Lines"/>): one per epoch, plus a status line every few seconds within a long epoch so logs show the run is alive.</summary>
internal sealed class LineProgress : TrainingProgress
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);

    private readonly TextWriter _output;
    private long _lastStatus;
    private int _epoch;
    private int _epochs;
    private int _batchCount;

    public LineProgress(TextWriter output) => _output = output;

    public override void EpochStarted(int epoch, int epochs, int batchCount)
    {
        _epoch = epoch;
        _epochs = epochs;
        _batchCount = batchCount;
        _lastStatus = Stopwatch.GetTimestamp();
    }

    public override void BatchCompleted(int batch, double runningLoss, double samplesPerSecond)
    {
        if (batch < _batchCount && Stopwatch.GetElapsedTime(_lastStatus) >= StatusInterval)
        {
            _lastStatus = Stopwatch.GetTimestamp();
            WriteLine(ProgressText.BatchStatus(_epoch, _epochs, batch, _batchCount, runningLoss, samplesPerSecond));
        }
    }

    public override void EpochCompleted(EpochResult result, int epochs) => WriteLine(ProgressText.EpochSummary(result, epochs));

    public override void Message(string text) => WriteLine(text);

    private void WriteLine(string text)
    {
        _output.WriteLine(text);
        _output.Flush();
    }
}
