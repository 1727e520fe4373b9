using System.Security.Cryptography;
using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>Files of format version 1, written before schedulers, positions and metadata could be saved, still load.</summary>
public sealed class CheckpointFormatV1Tests : IDisposable
{
    // TestData/README.md describes the file; it was written by the version-1 writer and is never rewritten.
    private static readonly string V1File = Path.Combine(AppContext.BaseDirectory, "TestData", "checkpoints", "format-v1-sgd.ckpt");
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TheTestFileIsTheOneWrittenByTheVersion1Writer()
    {
        byte[] bytes = File.ReadAllBytes(V1File);

        Assert.Equal("898e18a0edd858367fd79a94c5c70b7a43af4a9480df447afa0357dd48341401", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 8));
    }

    [Fact]
    public void AVersion1FileWithSgdStateLoadsExactly()
    {
        (Parameter<float> weight, Parameter<float> bias, Sgd<float> sgd) = FreshModel();

        CheckpointInfo info = Checkpoint.Load(V1File, [weight, bias], sgd);

        Assert.Equal([0.75f, -2.25f, 0.25f, 3.75f], weight.Data.ToArray());
        Assert.Equal([0.75f, -0.25f], bias.Data.ToArray());
        OptimizerState state = sgd.GetState();
        Assert.Equal([0.5, 0.5, 0.5, 0.5], state.Buffers["momentum_buffer:weight"]);
        Assert.Equal([-1.0, -1.0], state.Buffers["momentum_buffer:bias"]);
        Assert.Equal(0.5, state.Scalars["group0.momentum"]);
        Assert.Equal(1, info.FormatVersion);
        Assert.Equal("SGD", info.OptimizerName);
        Assert.Null(info.SchedulerName);
        Assert.Null(info.Epoch);
        Assert.Null(info.Step);
        Assert.Empty(info.GeneratorNames);
        Assert.Empty(info.Metadata);
    }

    [Fact]
    public void TrainingContinuesFromAVersion1FileAsIfItHadNeverStopped()
    {
        // The run that wrote the file, done again without stopping, one step further: the same exact values.
        var weight = new Parameter<float>("weight", [1f, -2f, 0.5f, 4f], 2, 2);
        var bias = new Parameter<float>("bias", [0.25f, -0.75f], 2);
        var sgd = new Sgd<float>([weight, bias], lr: 0.5, momentum: 0.5);
        StepWithFixedGradients(weight, bias, sgd);
        StepWithFixedGradients(weight, bias, sgd);

        (Parameter<float> loadedWeight, Parameter<float> loadedBias, Sgd<float> loadedSgd) = FreshModel();
        Checkpoint.Load(V1File, [loadedWeight, loadedBias], loadedSgd);
        StepWithFixedGradients(loadedWeight, loadedBias, loadedSgd);

        Assert.Equal(weight.Data.ToArray(), loadedWeight.Data.ToArray());
        Assert.Equal(bias.Data.ToArray(), loadedBias.Data.ToArray());
    }

    [Fact]
    public void TheDocumentedVersion1ExampleLoads()
    {
        // The 70-byte example of docs/runtime/checkpoints.md before version 2.
        string path = _directory.File("example-v1.ckpt");
        File.WriteAllBytes(path, Convert.FromHexString(
            "8953475241440d0a0100010401000000" +
            "01000000620100000002000000000080" +
            "3f000000c000e33f64beccf0363d544d" +
            "208c43184488c01f9a3dc4a1d2d3aec0" +
            "763aeb97ad10"));
        var b = new Parameter<float>("b", 2);

        Assert.Equal(1, Checkpoint.Load(path, [b]).FormatVersion);
        Assert.Equal([1f, -2f], b.Data.ToArray());
    }

    [Fact]
    public void AskingAVersion1FileForASchedulerOrAGeneratorFailsWithoutChanges()
    {
        (Parameter<float> weight, Parameter<float> bias, Sgd<float> sgd) = FreshModel();
        var scheduler = new StepLR(sgd, stepSize: 2);
        var generator = new RandomGenerator(1);
        RandomGeneratorState generatorBefore = generator.GetState();

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(V1File, [weight, bias], sgd, new CheckpointLoadOptions { Scheduler = scheduler }));
        Assert.Contains("holds no scheduler state, but a scheduler (StepLR) was given to restore.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(V1File, [weight, bias], sgd, new CheckpointLoadOptions { Generators = { ["shuffle"] = generator } }));
        Assert.Contains("holds no state for random generator 'shuffle'; the generators it holds: none.", error.Message, StringComparison.Ordinal);

        Assert.Equal([1f, -2f, 0.5f, 4f], weight.Data.ToArray());
        Assert.Equal(generatorBefore, generator.GetState());
        Assert.Empty(sgd.GetState().Buffers);
    }

    private static (Parameter<float> Weight, Parameter<float> Bias, Sgd<float> Sgd) FreshModel()
    {
        var weight = new Parameter<float>("weight", [1f, -2f, 0.5f, 4f], 2, 2);
        var bias = new Parameter<float>("bias", [0.25f, -0.75f], 2);
        return (weight, bias, new Sgd<float>([weight, bias], lr: 0.5, momentum: 0.5));
    }

    // The gradients the file was written with: 0.5 for the weight, -1 for the bias.
    private static void StepWithFixedGradients(Parameter<float> weight, Parameter<float> bias, Sgd<float> sgd)
    {
        sgd.ZeroGrad();
        weight.Grad.Fill(0.5f);
        bias.Grad.Fill(-1f);
        sgd.Step();
    }
}
