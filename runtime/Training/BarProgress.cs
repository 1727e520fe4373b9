using System.Diagnostics;
using Spectre.Console;

namespace SharpGrad.Training;

/// <summary>
/// A live Spectre.Console display (<see cref="ProgressDisplay.Bar"/>): one bar per epoch whose label shows the
/// running loss and throughput, then the epoch's summary once it completes.
/// </summary>
internal sealed class BarProgress : TrainingProgress
{
    // Relabelling allocates a string, so it happens a few times a second rather than on every batch.
    private static readonly TimeSpan LabelInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAnsiConsole _console;
    private readonly List<string> _messages = [];
    private ProgressContext? _context;
    private ProgressTask? _task;
    private long _lastLabel;
    private int _epoch;
    private int _epochs;
    private int _batchCount;

    // The bar was chosen (explicitly, or by Auto for a terminal), so it is drawn even where Spectre's own
    // detection would fall back to silence, such as a terminal it does not recognize.
    public BarProgress(TextWriter output) =>
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });

    public override TResult Run<TResult>(Func<TResult> training)
    {
        try
        {
            return _console.Progress()
                .AutoClear(false)
                .Columns(
                    new TaskDescriptionColumn { Alignment = Justify.Left },
                    new ProgressBarColumn(),
                    new PercentageColumn(),
                    new RemainingTimeColumn())
                .Start(context =>
                {
                    _context = context;
                    return training();
                });
        }
        finally
        {
            // Writing while the live display renders would garble it, so messages wait until it has finished.
            _context = null;
            foreach (string message in _messages)
            {
                _console.WriteLine(message);
            }
        }
    }

    public override void EpochStarted(int epoch, int epochs, int batchCount)
    {
        _epoch = epoch;
        _epochs = epochs;
        _batchCount = batchCount;
        _lastLabel = Stopwatch.GetTimestamp();
        _task = _context?.AddTask(Markup.Escape($"Epoch {epoch}/{epochs}"), maxValue: Math.Max(batchCount, 1));
    }

    public override void BatchCompleted(int batch, double runningLoss, double samplesPerSecond)
    {
        if (_task is null)
        {
            return;
        }

        _task.Value = batch;
        if (Stopwatch.GetElapsedTime(_lastLabel) >= LabelInterval)
        {
            _lastLabel = Stopwatch.GetTimestamp();
            _task.Description = Markup.Escape(ProgressText.BatchStatus(_epoch, _epochs, batch, _batchCount, runningLoss, samplesPerSecond));
        }
    }

    public override void EpochCompleted(EpochResult result, int epochs)
    {
        if (_task is null)
        {
            return;
        }

        _task.Description = Markup.Escape(ProgressText.EpochSummary(result, epochs));
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    public override void Message(string text) => _messages.Add(text);
}
