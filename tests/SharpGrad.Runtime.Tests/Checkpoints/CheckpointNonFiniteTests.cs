using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>Save refuses NaN and infinite parameters and optimizer state, writes nothing, and says where the first one is.</summary>
public sealed class CheckpointNonFiniteTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _path;
    private readonly byte[] _previous;

    public CheckpointNonFiniteTests()
    {
        _path = _directory.File("model.ckpt");
        Checkpoint.Save(_path, new Model(seed: 1).Parameters);
        _previous = File.ReadAllBytes(_path);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ANaNParameterIsRefusedWithItsNameIndexAndElement()
    {
        var model = new Model(seed: 2);
        model.Weight.Data[5] = float.NaN;
        model.Weight.Data[9] = float.NegativeInfinity;

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(_path, model.Parameters));

        Assert.StartsWith($"Checkpoint '{_path}' was not saved: parameter 'weight' holds NaN at index 5 (element [1, 1]); 2 of 12 values are not finite.", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowNonFinite = true", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Any previous checkpoint there is unchanged.", error.Message, StringComparison.Ordinal);
        Assert.Equal(_path, error.FilePath);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void AnInfiniteValueOfAVectorParameterNamesItsIndex()
    {
        var model = new Model(seed: 3);
        model.Bias.Data[2] = float.PositiveInfinity;

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(_path, model.Parameters));

        Assert.Contains("parameter 'bias' holds +Infinity at index 2; 1 of 3 values are not finite.", error.Message, StringComparison.Ordinal);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void NonFiniteOptimizerStateIsRefused_EvenWithFiniteParameters()
    {
        // A gradient of 1e200 squares to +Infinity in Adam's second moment, while the step itself stays finite
        // (m / sqrt(v) = 0), so only the optimizer state is broken.
        var weight = new Parameter<double>("weight", [0.5, -0.5, 1.0], 3);
        var adam = new Adam<double>([weight], lr: 0.01);
        adam.ZeroGrad();
        weight.Grad[1] = 1e200;
        adam.Step();
        Assert.True(double.IsFinite(weight.Data[1]), "the parameter should stay finite for this test to mean something");

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(_path, [weight], adam));

        Assert.Contains("optimizer state 'exp_avg_sq:weight' (Adam) holds +Infinity at index 1; 1 of 3 values are not finite.", error.Message, StringComparison.Ordinal);
        AssertPreviousFileIntact();

        // Without the optimizer the parameters alone are fine.
        Checkpoint.Save(_path, [weight]);
    }

    [Fact]
    public void ANonFiniteOptimizerScalarIsRefused()
    {
        // The learning-rate setter refuses NaN and negative rates but not +Infinity.
        var model = new Model(seed: 4);
        var sgd = new Sgd<float>(model.Parameters, lr: 0.1);
        sgd.ParameterGroups[0].LearningRate = double.PositiveInfinity;

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(_path, model.Parameters, sgd));

        Assert.Contains("was not saved: optimizer state 'group0.lr' (SGD) is +Infinity.", error.Message, StringComparison.Ordinal);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void AllowNonFiniteSavesThemBitForBit()
    {
        var weight = new Parameter<double>("w", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1], 4);
        var sgd = new Sgd<double>([weight], lr: 0.1, momentum: 0.9);
        sgd.ZeroGrad();
        weight.Grad[3] = double.NaN;
        sgd.Step();

        Checkpoint.Save(_path, [weight], sgd, new CheckpointSaveOptions { AllowNonFinite = true });
        var loaded = new Parameter<double>("w", 4);
        var loadedSgd = new Sgd<double>([loaded], lr: 0.1, momentum: 0.9);
        Checkpoint.Load(_path, [loaded], loadedSgd);

        Assert.Equal(
            weight.Data.ToArray().Select(BitConverter.DoubleToInt64Bits),
            loaded.Data.ToArray().Select(BitConverter.DoubleToInt64Bits));
        CheckpointTests.AssertSameState(sgd.GetState(), loadedSgd.GetState());
    }

    [Fact]
    public void HalfParametersAreChecked()
    {
        var half = new Parameter<Half>("h", [(Half)1, Half.NaN], 2);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(_path, [half]));

        Assert.Contains("parameter 'h' holds NaN at index 1;", error.Message, StringComparison.Ordinal);
        AssertPreviousFileIntact();
    }

    private void AssertPreviousFileIntact()
    {
        Assert.Equal(_previous, File.ReadAllBytes(_path));
        Assert.Empty(_directory.OtherFiles(Path.GetFileName(_path)));
    }
}
