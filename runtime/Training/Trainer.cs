using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SharpGrad.Data;
using SharpGrad.Optimizers;

namespace SharpGrad.Training;

/// <summary>
/// Runs the usual training loop so you don't have to write it (PyTorch Lightning: <c>Trainer.fit</c>; Keras:
/// <c>model.fit</c>). Each batch: zero the gradients, call <see cref="ComputeGradient"/>, check the loss and
/// gradients are finite, call <see cref="BeforeStep"/>, step the optimizer. Each epoch: evaluate on the
/// validation loader, record a <see cref="TrainingHistory"/> row, show progress, apply <see cref="EarlyStopping"/>
/// and call <see cref="AfterEpoch"/>.
/// </summary>
/// <remarks>
/// <para>
/// The trainer is a convenience: the explicit loop (<c>optimizer.ZeroGrad()</c>, compute the gradient,
/// <c>optimizer.Step()</c>) does the same and remains the way to train anything unusual.
/// </para>
/// <para>A trainer is not thread-safe; run one <see cref="Fit"/> at a time.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MetricRecorder _metrics = new();

    /// <summary>Creates a trainer.</summary>
    /// <param name="optimizer">Updates the parameters; its parameters are the model's for zeroing, checks and early stopping.</param>
    /// <param name="computeGradient">Computes a training batch's loss and adds its gradient into the parameters.</param>
    public Trainer(Optimizer<T> optimizer, BatchGradient<T> computeGradient)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(computeGradient);
        Optimizer = optimizer;
        ComputeGradient = computeGradient;
    }

    /// <summary>The optimizer stepped after every batch.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>Computes a training batch's loss and gradient (PyTorch Lightning: <c>training_step</c> plus <c>backward</c>).</summary>
    public BatchGradient<T> ComputeGradient { get; }

    /// <summary>
    /// Computes a validation batch's loss and records metrics (PyTorch Lightning: <c>validation_step</c>); required
    /// when <see cref="Fit"/> gets a validation loader.
    /// </summary>
    public BatchEvaluation<T>? Evaluation { get; init; }

    /// <summary>
    /// Runs after the gradients are computed and checked, just before <c>optimizer.Step()</c>; the place for
    /// gradient clipping, e.g. <c>() =&gt; GradientClipping.ClipGradNorm(parameters, 1.0)</c>
    /// (PyTorch Lightning: <c>gradient_clip_val</c>, or <c>on_before_optimizer_step</c>).
    /// </summary>
    public Action? BeforeStep { get; init; }

    /// <summary>
    /// Runs at the end of every epoch with its number (from 1) and result, after validation and early stopping
    /// bookkeeping; the place to step a learning-rate schedule (PyTorch: <c>scheduler.step()</c> after each
    /// epoch; <c>ReduceLROnPlateau.step(val_loss)</c> can read <see cref="EpochResult.ValidationLoss"/>).
    /// </summary>
    public Action<int, EpochResult>? AfterEpoch { get; init; }

    /// <summary>
    /// Reads the learning rate that the history and progress output show, at the start of each epoch. By default
    /// (<see langword="null"/>) it is the first parameter group's (PyTorch: <c>optimizer.param_groups[0]['lr']</c>);
    /// set it to report another, e.g. <c>() =&gt; optimizer.ParameterGroups[1].LearningRate</c>.
    /// </summary>
    public Func<double>? LearningRateSource { get; init; }

    /// <summary>Stops training when the monitored quantity stops improving; <see langword="null"/> trains every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Whether a NaN or infinite loss or gradient stops training with a <see cref="NonFiniteException"/> naming the
    /// step, the epoch and the parameter (default <see langword="true"/>; PyTorch Lightning: <c>detect_anomaly</c>).
    /// The gradient check is one vectorized pass over each gradient per step.
    /// </summary>
    public bool DetectNonFinite { get; init; } = true;

    /// <summary>Where progress is written; <see langword="null"/> (the default) means <see cref="Console.Out"/>. Tests pass a <see cref="StringWriter"/>.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>How progress is shown; by default a live bar on an interactive console and plain lines otherwise.</summary>
    public ProgressDisplay Progress { get; init; } = ProgressDisplay.Auto;

    /// <summary>Trains for up to <paramref name="epochs"/> epochs (PyTorch Lightning: <c>trainer.fit(model, train_loader, val_loader)</c>).</summary>
    /// <param name="training">The training batches; a shuffling loader reshuffles every epoch.</param>
    /// <param name="epochs">The number of epochs; early stopping may end the run sooner.</param>
    /// <param name="validation">Batches evaluated with <see cref="Evaluation"/> after every epoch, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The per-epoch history.</returns>
    /// <exception cref="NonFiniteException">A loss or gradient became NaN or infinite (with <see cref="DetectNonFinite"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public TrainingHistory Fit(DataLoader<T> training, int epochs, DataLoader<T>? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (validation is not null && Evaluation is null)
        {
            throw new ArgumentException("A validation loader was given but the trainer has no Evaluation delegate to compute its loss; set Evaluation.", nameof(validation));
        }

        TrainingProgress progress = CreateProgress();
        return progress.Run(() => RunEpochs(training, epochs, validation, progress, cancellationToken));
    }

    /// <summary>
    /// Evaluates <see cref="Evaluation"/> over every batch of <paramref name="loader"/> without changing the parameters
    /// (PyTorch Lightning: <c>trainer.validate</c> or <c>trainer.test</c>).
    /// </summary>
    /// <returns>The loss and metrics averaged over all samples.</returns>
    public EvaluationResult Evaluate(DataLoader<T> loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        BatchEvaluation<T> evaluation = Evaluation
            ?? throw new InvalidOperationException("The trainer has no Evaluation delegate; set Evaluation to evaluate.");

        _metrics.Clear();
        double lossSum = 0;
        long samples = 0;
        foreach (Batch<T> batch in loader)
        {
            _metrics.StartBatch(batch.Count);
            lossSum += evaluation(batch, _metrics) * batch.Count;
            samples += batch.Count;
        }

        if (samples == 0)
        {
            throw new InvalidOperationException("The evaluation loader yielded no samples.");
        }

        return new EvaluationResult(lossSum / samples, _metrics.Means(), samples);
    }

    private TrainingHistory RunEpochs(DataLoader<T> training, int epochs, DataLoader<T>? validation, TrainingProgress progress, CancellationToken cancellationToken)
    {
        var history = new TrainingHistory();
        EarlyStoppingTracker<T>? stopping = EarlyStopping is null ? null : new EarlyStoppingTracker<T>(EarlyStopping, Optimizer.Parameters, validation is not null);
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double learningRate = LearningRateSource?.Invoke() ?? Optimizer.ParameterGroups[0].LearningRate;
            long epochStart = Stopwatch.GetTimestamp();
            progress.EpochStarted(epoch, epochs, training.BatchCount);
            (double trainLoss, long samples, int steps) = TrainEpoch(training, epoch, ref step, epochStart, progress, cancellationToken);
            double trainingSeconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;

            EvaluationResult? evaluation = validation is null ? null : Evaluate(validation);
            if (DetectNonFinite && evaluation is not null)
            {
                NonFiniteCheck.ValidationLoss(evaluation.Loss, epoch, step);
            }

            var result = new EpochResult
            {
                Epoch = epoch,
                TrainLoss = trainLoss,
                ValidationLoss = evaluation?.Loss,
                Metrics = evaluation?.Metrics ?? new Dictionary<string, double>(),
                LearningRate = learningRate,
                Steps = steps,
                Samples = samples,
                SamplesPerSecond = samples / trainingSeconds,
                Seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds,
            };
            history.Add(result);
            bool stop = stopping?.Update(result) ?? false;
            progress.EpochCompleted(result, epochs);
            AfterEpoch?.Invoke(epoch, result);
            if (stop)
            {
                history.StoppedEarly = true;
                progress.Message(string.Create(CultureInfo.InvariantCulture, $"Early stopping after epoch {epoch}: {stopping!.MonitorName} has not improved by more than {EarlyStopping!.MinDelta} for {EarlyStopping.Patience} epochs; the best was {ProgressText.Value(stopping.BestValue)} at epoch {stopping.BestEpoch}."));
                break;
            }
        }

        if (stopping is not null)
        {
            history.MonitoredQuantity = stopping.MonitorName;
            history.BestEpoch = stopping.BestEpoch == 0 ? null : stopping.BestEpoch;
            history.RestoredBestParameters = stopping.RestoreBest();
            if (history.RestoredBestParameters)
            {
                progress.Message($"Restored the parameters of epoch {stopping.BestEpoch}.");
            }
        }

        return history;
    }

    /// <summary>One pass over the training batches; returns the sample-weighted mean loss, the samples and the steps.</summary>
    private (double MeanLoss, long Samples, int Steps) TrainEpoch(DataLoader<T> training, int epoch, ref long step, long epochStart, TrainingProgress progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<Parameter<T>> parameters = Optimizer.Parameters;
        int batchCount = training.BatchCount;
        double lossSum = 0;
        long samples = 0;
        int batchIndex = 0;
        foreach (Batch<T> batch in training)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step++;
            batchIndex++;
            Optimizer.ZeroGrad();
            double loss = ComputeGradient(batch);
            if (DetectNonFinite)
            {
                // Before BeforeStep and Step, so the message points at the first bad value and the parameters stay finite.
                NonFiniteCheck.Loss(loss, epoch, step, batchIndex, batchCount);
                NonFiniteCheck.Gradients(parameters, epoch, step, batchIndex, batchCount);
            }

            BeforeStep?.Invoke();
            Optimizer.Step();
            lossSum += loss * batch.Count;
            samples += batch.Count;
            progress.BatchCompleted(batchIndex, lossSum / samples, samples / Stopwatch.GetElapsedTime(epochStart).TotalSeconds);
        }

        if (samples == 0)
        {
            throw new InvalidOperationException("The training loader yielded no samples; check its dataset size, batch size and dropLast.");
        }

        return (lossSum / samples, samples, batchIndex);
    }

    private TrainingProgress CreateProgress()
    {
        TextWriter output = Output ?? Console.Out;
        ProgressDisplay display = Progress;
        if (display == ProgressDisplay.Auto)
        {
            // A live bar needs a terminal; anything else (a file, a pipe, a test's writer) gets lines.
            bool interactiveConsole = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            display = interactiveConsole ? ProgressDisplay.Bar : ProgressDisplay.Lines;
        }

        return display switch
        {
            ProgressDisplay.Bar => new BarProgress(output),
            ProgressDisplay.Lines => new LineProgress(output),
            ProgressDisplay.None => new SilentProgress(),
            _ => throw new InvalidOperationException($"Unknown progress display {display}."),
        };
    }
}
