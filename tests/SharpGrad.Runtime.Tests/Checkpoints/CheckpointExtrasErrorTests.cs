using System.Security.Cryptography;
using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>Schedulers, generators and metadata that do not fit are refused with a message that says why, and change nothing.</summary>
public sealed class CheckpointExtrasErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _path;

    public CheckpointExtrasErrorTests()
    {
        _path = _directory.File("run.ckpt");
        var run = new ResumableRun(initSeed: 1, loaderSeed: 2);
        run.Train(1, 2);
        run.Save(_path, epoch: 2);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AnotherSchedulerTypeIsRejectedWithoutChanges()
    {
        var target = new ResumableRun(initSeed: 3, loaderSeed: 4, plateau: true);
        Snapshot before = Snapshot.Of(target);

        var error = Assert.Throws<CheckpointException>(() => target.Load(_path));

        Assert.Contains("holds state saved from scheduler CosineAnnealingLR, but the scheduler to restore is ReduceLROnPlateau.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(target);
    }

    [Fact]
    public void AMissingGeneratorIsNamedWithThoseTheFileHolds()
    {
        var target = new ResumableRun(initSeed: 3, loaderSeed: 4);
        Snapshot before = Snapshot.Of(target);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, target.Parameters, target.Optimizer, new CheckpointLoadOptions
        {
            Scheduler = target.Scheduler,
            Generators = { ["shuffle"] = target.Loader.Generator!, ["dropout"] = new RandomGenerator(1) },
        }));

        Assert.Contains("holds no state for random generator 'dropout'; the generators it holds: 'shuffle'.", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(target);
    }

    [Fact]
    public void SchedulerStateThatDoesNotFitUndoesTheOptimizer()
    {
        // The optimizer's state is applied first; when the scheduler then refuses its own, the optimizer gets its old state back.
        var weight = new Parameter<double>("w", [1.0, 2.0], 2);
        var adam = new Adam<double>([weight], lr: 0.1);
        adam.ZeroGrad();
        weight.Grad.Fill(1);
        adam.Step();
        Checkpoint.Save(_path, [weight], adam, new CheckpointSaveOptions { Scheduler = new RefusingScheduler(adam, refuse: false) });

        var target = new Parameter<double>("w", 2);
        var targetAdam = new Adam<double>([target], lr: 0.3);
        OptimizerState stateBefore = targetAdam.GetState();

        var error = Assert.Throws<CheckpointException>(() =>
            Checkpoint.Load(_path, [target], targetAdam, new CheckpointLoadOptions { Scheduler = new RefusingScheduler(targetAdam, refuse: true) }));

        Assert.Contains("holds scheduler state that does not fit the scheduler: The scheduler state is refused.", error.Message, StringComparison.Ordinal);
        CheckpointTests.AssertSameState(stateBefore, targetAdam.GetState());
        Assert.Equal(0.3, targetAdam.ParameterGroups[0].LearningRate);
        Assert.Equal([0.0, 0.0], target.Data.ToArray());
    }

    [Fact]
    public void ASchedulerMustComeWithItsOptimizer()
    {
        var run = new ResumableRun(initSeed: 3, loaderSeed: 4);
        var otherAdam = new Adam<double>(run.Parameters);

        var withoutOptimizer = Assert.Throws<ArgumentException>(() => Checkpoint.Save(_directory.File("a.ckpt"), run.Parameters, null, new CheckpointSaveOptions { Scheduler = run.Scheduler }));
        var otherOptimizer = Assert.Throws<ArgumentException>(() => Checkpoint.Save(_directory.File("b.ckpt"), run.Parameters, otherAdam, new CheckpointSaveOptions { Scheduler = run.Scheduler }));
        var loadWithout = Assert.Throws<ArgumentException>(() => Checkpoint.Load(_path, run.Parameters, null, new CheckpointLoadOptions { Scheduler = run.Scheduler }));

        Assert.Contains("The scheduler CosineAnnealingLR was given without an optimizer.", withoutOptimizer.Message, StringComparison.Ordinal);
        Assert.Contains("sets the learning rates of another optimizer than the Adam given", otherOptimizer.Message, StringComparison.Ordinal);
        Assert.Contains("was given without an optimizer", loadWithout.Message, StringComparison.Ordinal);
        Assert.Equal(["run.ckpt"], _directory.OtherFiles());
    }

    [Fact]
    public void InvalidSaveOptionsWriteNothing()
    {
        byte[] previous = File.ReadAllBytes(_path);
        Parameter<float>[] parameters = new Model(seed: 5).Parameters;

        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.Save(_path, parameters, null, new CheckpointSaveOptions { Epoch = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.Save(_path, parameters, null, new CheckpointSaveOptions { Step = -2 }));
        var emptyName = Assert.Throws<ArgumentException>(() => Checkpoint.Save(_path, parameters, null, new CheckpointSaveOptions { Generators = { [" "] = new RandomGenerator(1) } }));
        var nullValue = Assert.Throws<ArgumentException>(() => Checkpoint.Save(_path, parameters, null, new CheckpointSaveOptions { Metadata = { ["note"] = null! } }));

        Assert.Contains("A random generator is empty or white space", emptyName.Message, StringComparison.Ordinal);
        Assert.Contains("The metadata value of 'note' is null", nullValue.Message, StringComparison.Ordinal);
        Assert.Equal(previous, File.ReadAllBytes(_path));
        Assert.Equal(["run.ckpt"], _directory.OtherFiles());
    }

    [Fact]
    public void AnAllZeroGeneratorStateWithAValidChecksumIsMalformed()
    {
        var weight = new Parameter<float>("w", [1f], 1);
        Checkpoint.Save(_path, [weight], null, new CheckpointSaveOptions { Generators = { ["g"] = new RandomGenerator(new RandomGeneratorState(1, 2, 3, 4)) } });
        byte[] bytes = File.ReadAllBytes(_path);
        byte[] words = [.. new ulong[] { 1, 2, 3, 4 }.SelectMany(BitConverter.GetBytes)];
        int at = bytes.AsSpan().IndexOf(words);
        Assert.True(at > 0, "the state words are in the file");
        Array.Clear(bytes, at, words.Length);
        File.WriteAllBytes(_path, [.. bytes[..^32], .. SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32))]);

        var generator = new RandomGenerator(9);
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, [new Parameter<float>("w", 1)], null, new CheckpointLoadOptions { Generators = { ["g"] = generator } }));

        Assert.Contains("is malformed: random generator 'g' has the all-zero state", error.Message, StringComparison.Ordinal);
        Assert.Equal(new RandomGenerator(9).GetState(), generator.GetState());
    }

    /// <summary>A scheduler that saves a state and, when told to, refuses to load one, as a scheduler given mismatched state does.</summary>
    private sealed class RefusingScheduler(IOptimizer optimizer, bool refuse) : ILearningRateScheduler
    {
        public IOptimizer Optimizer { get; } = optimizer;

        public IReadOnlyDictionary<string, double> GetState() => new Dictionary<string, double> { ["last_epoch"] = 4 };

        public void LoadState(IReadOnlyDictionary<string, double> state)
        {
            if (refuse)
            {
                throw new ArgumentException("The scheduler state is refused.", nameof(state));
            }
        }
    }

    /// <summary>Everything a load may change, to prove a failed one changed none of it.</summary>
    private sealed record Snapshot(double[][] Values, OptimizerState Optimizer, IReadOnlyDictionary<string, double> Scheduler, RandomGeneratorState Generator)
    {
        public static Snapshot Of(ResumableRun run) =>
            new(run.Values, run.Optimizer.GetState(), run.Scheduler.GetState(), run.Loader.Generator!.GetState());

        public void AssertUnchanged(ResumableRun run)
        {
            Assert.Equal(Values, run.Values);
            CheckpointTests.AssertSameState(Optimizer, run.Optimizer.GetState());
            Assert.Equal(Scheduler, run.Scheduler.GetState());
            Assert.Equal(Generator, run.Loader.Generator!.GetState());
        }
    }
}
