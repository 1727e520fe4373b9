using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>A run resumed from a checkpoint continues its learning-rate schedule and its shuffling exactly where it stopped.</summary>
public sealed class CheckpointResumeTests : IDisposable
{
    private const int StopAfterEpoch = 3;
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AResumedRunRepeatsTheUninterruptedOneStepForStep(bool plateau)
    {
        var uninterrupted = new ResumableRun(initSeed: 1, loaderSeed: 5, plateau);
        uninterrupted.Train(1, ResumableRun.Epochs);

        var stopped = new ResumableRun(initSeed: 1, loaderSeed: 5, plateau);
        stopped.Train(1, StopAfterEpoch);
        string path = _directory.File("run.ckpt");
        stopped.Save(path, epoch: StopAfterEpoch);

        // A new process: the same code, but other initial weights and another loader seed, all replaced by the load.
        var resumed = new ResumableRun(initSeed: 99, loaderSeed: 77, plateau);
        CheckpointInfo info = resumed.Load(path);
        resumed.Train(info.Epoch!.Value + 1, ResumableRun.Epochs);

        int done = stopped.LearningRates.Count;
        Assert.Equal(uninterrupted.LearningRates.Skip(done), resumed.LearningRates);
        Assert.Equal(uninterrupted.Batches.Skip(done), resumed.Batches);
        Assert.Equal(uninterrupted.Values, resumed.Values);
        Assert.Equal(uninterrupted.Scheduler.GetState(), resumed.Scheduler.GetState());
        Assert.Equal(uninterrupted.Steps, resumed.Steps);

        // The comparison means something only if the rate moves after the resume.
        Assert.True(resumed.LearningRates.Distinct().Count() >= 2, $"the rate stayed at {resumed.LearningRates[0]}");
    }

    [Fact]
    public void WithoutTheSchedulerAndTheGenerator_TheScheduleRestartsAndTheOrdersDiffer()
    {
        // The failure this format version exists to prevent: restoring only the parameters and the optimizer.
        var uninterrupted = new ResumableRun(initSeed: 1, loaderSeed: 5);
        uninterrupted.Train(1, ResumableRun.Epochs);
        var stopped = new ResumableRun(initSeed: 1, loaderSeed: 5);
        stopped.Train(1, StopAfterEpoch);
        string path = _directory.File("run.ckpt");
        stopped.Save(path, epoch: StopAfterEpoch);

        var resumed = new ResumableRun(initSeed: 1, loaderSeed: 5);
        resumed.Load(path, restoreScheduler: false, restoreGenerator: false);
        resumed.Train(StopAfterEpoch + 1, ResumableRun.Epochs);

        int done = stopped.LearningRates.Count;
        Assert.NotEqual(uninterrupted.LearningRates.Skip(done), resumed.LearningRates);
        Assert.NotEqual(uninterrupted.Batches.Skip(done), resumed.Batches);
    }

    [Fact]
    public void EpochStepMetadataAndNamesComeBack()
    {
        var run = new ResumableRun(initSeed: 2, loaderSeed: 3);
        run.Train(1, 2);
        string path = _directory.File("run.ckpt");
        run.Save(path, epoch: 2);

        CheckpointInfo info = new ResumableRun(initSeed: 4, loaderSeed: 4).Load(path);

        Assert.Equal(Checkpoint.FormatVersion, info.FormatVersion);
        Assert.Equal(2, info.Epoch);
        Assert.Equal(run.Steps, info.Step);
        Assert.Equal("Adam", info.OptimizerName);
        Assert.Equal("CosineAnnealingLR", info.SchedulerName);
        Assert.Equal(["shuffle"], info.GeneratorNames);
        Assert.Equal(new Dictionary<string, string> { ["run"] = "resume-test", ["schedule"] = "CosineAnnealingLR" }, info.Metadata);
    }

    [Fact]
    public void OnlyWhatIsAskedForIsRestored_TheRestIsReported()
    {
        var run = new ResumableRun(initSeed: 2, loaderSeed: 3);
        run.Train(1, 2);
        string path = _directory.File("run.ckpt");
        run.Save(path, epoch: 2);

        var other = new ResumableRun(initSeed: 4, loaderSeed: 4);
        IReadOnlyDictionary<string, double> scheduleBefore = other.Scheduler.GetState();
        RandomGeneratorState generatorBefore = other.Loader.Generator!.GetState();
        CheckpointInfo info = Checkpoint.Load(path, other.Parameters, other.Optimizer);

        Assert.Equal(run.Values, other.Values);
        Assert.Equal(scheduleBefore, other.Scheduler.GetState());
        Assert.Equal(generatorBefore, other.Loader.Generator.GetState());
        Assert.Equal("CosineAnnealingLR", info.SchedulerName);
    }

    [Fact]
    public void MetadataKeepsAnyUnicodeAndEmptyValues_AndNothingExtraIsEmpty()
    {
        var weight = new Parameter<float>("w", [1f], 1);
        string path = _directory.File("meta.ckpt");
        var options = new CheckpointSaveOptions { Metadata = { ["commit"] = "cfd3816", ["note"] = "η = 0.1, 学习率", ["empty"] = string.Empty } };
        Checkpoint.Save(path, [weight], optimizer: null, options);

        CheckpointInfo info = Checkpoint.Load(path, [new Parameter<float>("w", 1)]);

        Assert.Equal(new Dictionary<string, string>(options.Metadata), info.Metadata);
        Assert.Null(info.Epoch);
        Assert.Null(info.Step);
        Assert.Null(info.SchedulerName);
        Assert.Null(info.OptimizerName);
        Assert.Empty(info.GeneratorNames);
    }

    [Fact]
    public void APlateauSchedulersInfiniteBestIsSaved()
    {
        // ReduceLROnPlateau starts with best = -Infinity (mode max); scheduler state is not refused for that.
        var weight = new Parameter<double>("w", 2);
        var sgd = new Sgd<double>([weight], lr: 0.1);
        var plateau = new ReduceLROnPlateau(sgd, PlateauMode.Max);
        string path = _directory.File("plateau.ckpt");
        Checkpoint.Save(path, [weight], sgd, new CheckpointSaveOptions { Scheduler = plateau });

        var restored = new ReduceLROnPlateau(sgd, PlateauMode.Max);
        restored.Step(1.0);
        Checkpoint.Load(path, [weight], sgd, new CheckpointLoadOptions { Scheduler = restored });

        Assert.Equal(double.NegativeInfinity, restored.Best);
        Assert.Equal(plateau.GetState(), restored.GetState());
    }
}
