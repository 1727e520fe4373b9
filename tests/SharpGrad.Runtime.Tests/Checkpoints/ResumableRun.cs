using SharpGrad.Checkpoints;
using SharpGrad.Data;
using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>
/// A small training run written as a user writes one: a shuffled DataLoader, Adam and a learning-rate schedule,
/// either cosine annealing stepped after every batch or ReduceLROnPlateau stepped after every epoch. It records
/// the learning rate and the samples of every step, which a run resumed from a checkpoint must repeat exactly.
/// </summary>
internal sealed class ResumableRun
{
    public const int Epochs = 6;
    private const int Samples = 23;
    private const int Features = 3;
    private const int BatchSize = 5;
    private static readonly int BatchesPerEpoch = (Samples + BatchSize - 1) / BatchSize;

    private readonly CosineAnnealingLR? _cosine;
    private readonly ReduceLROnPlateau? _plateau;

    /// <param name="initSeed">Seeds the initial weights: a resumed run starts from other values, which the checkpoint replaces.</param>
    /// <param name="loaderSeed">Seeds the loader: a resumed run is created with another seed, which the checkpoint's generator state replaces.</param>
    /// <param name="plateau">ReduceLROnPlateau per epoch instead of cosine annealing per batch.</param>
    public ResumableRun(int initSeed, int loaderSeed, bool plateau = false)
    {
        Weight = Init.Normal(new Parameter<double>("weight", 1, Features), new RandomGenerator(initSeed));
        Bias = new Parameter<double>("bias", 1);
        Optimizer = new Adam<double>([Weight, Bias], lr: 0.05);
        if (plateau)
        {
            // Mode Max on a falling loss: no epoch improves, so the rate halves after every second epoch, and a
            // resumed run must remember how many bad epochs it has already seen.
            _plateau = new ReduceLROnPlateau(Optimizer, PlateauMode.Max, factor: 0.5, patience: 1);
        }
        else
        {
            _cosine = new CosineAnnealingLR(Optimizer, tMax: Epochs * BatchesPerEpoch, etaMin: 0.001);
        }

        Loader = new DataLoader<double>(MakeDataset(), BatchSize, shuffle: true, seed: loaderSeed);
    }

    public Parameter<double> Weight { get; }

    public Parameter<double> Bias { get; }

    public Parameter<double>[] Parameters => [Weight, Bias];

    public Adam<double> Optimizer { get; }

    public ILearningRateScheduler Scheduler => (ILearningRateScheduler?)_cosine ?? _plateau!;

    public DataLoader<double> Loader { get; }

    public long Steps { get; private set; }

    /// <summary>The learning rate of each optimizer step.</summary>
    public List<double> LearningRates { get; } = [];

    /// <summary>The features of each step's batch, in order: the shuffle order made visible.</summary>
    public List<double[]> Batches { get; } = [];

    public double[][] Values => [.. Parameters.Select(p => p.Data.ToArray())];

    public void Train(int fromEpoch, int toEpoch)
    {
        for (int epoch = fromEpoch; epoch <= toEpoch; epoch++)
        {
            double epochLoss = 0;
            foreach (Batch<double> batch in Loader)
            {
                Optimizer.ZeroGrad();
                epochLoss += Gradient(batch) * batch.Count;
                LearningRates.Add(Optimizer.ParameterGroups[0].LearningRate);
                Batches.Add(batch.Features.ToArray());
                Optimizer.Step();
                Steps++;
                _cosine?.Step();
            }

            _plateau?.Step(epochLoss / Samples);
        }
    }

    public void Save(string path, int epoch) =>
        Checkpoint.Save(path, Parameters, Optimizer, new CheckpointSaveOptions
        {
            Scheduler = Scheduler,
            Epoch = epoch,
            Step = Steps,
            Generators = { ["shuffle"] = Loader.Generator! },
            Metadata = { ["run"] = "resume-test", ["schedule"] = Scheduler.GetType().Name },
        });

    public CheckpointInfo Load(string path, bool restoreScheduler = true, bool restoreGenerator = true)
    {
        var options = new CheckpointLoadOptions { Scheduler = restoreScheduler ? Scheduler : null };
        if (restoreGenerator)
        {
            options.Generators["shuffle"] = Loader.Generator!;
        }

        CheckpointInfo info = Checkpoint.Load(path, Parameters, Optimizer, options);
        Steps = info.Step ?? 0;
        return info;
    }

    // Targets from known weights plus a curvature the linear model cannot fit, so the loss never reaches zero.
    private static ArrayDataset<double> MakeDataset()
    {
        var features = new double[Samples * Features];
        var targets = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            double a = Math.Sin(i * 0.7);
            double b = Math.Cos(i * 1.3);
            double c = (i % 5) - 2;
            features[(i * Features) + 0] = a;
            features[(i * Features) + 1] = b;
            features[(i * Features) + 2] = c;
            targets[i] = (1.5 * a) - (0.5 * b) + (0.25 * c) + (0.3 * a * b);
        }

        return new ArrayDataset<double>(features, Features, targets);
    }

    // L = mean((w·x + b − y)²), its gradient added by hand (this project has no source generator).
    private double Gradient(Batch<double> batch)
    {
        double loss = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            ReadOnlySpan<double> x = batch.Features.Slice(i * Features, Features);
            double error = Bias.Data[0] - batch.Targets[i];
            for (int j = 0; j < Features; j++)
            {
                error += Weight.Data[j] * x[j];
            }

            loss += error * error;
            for (int j = 0; j < Features; j++)
            {
                Weight.Grad[j] += 2 * error * x[j] / batch.Count;
            }

            Bias.Grad[0] += 2 * error / batch.Count;
        }

        return loss / batch.Count;
    }
}
