using System.Runtime.InteropServices;
using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>A save that fails at any point leaves the previous checkpoint byte for byte and no temporary file.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _path;
    private readonly byte[] _previous;

    public AtomicSaveTests()
    {
        _path = _directory.File("model.ckpt");
        Checkpoint.Save(_path, new Model(seed: 1).Parameters);
        _previous = File.ReadAllBytes(_path);
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(60)]
    [InlineData(200)]
    public void AWriteThatFailsMidwayLeavesThePreviousFile(int failAfterBytes)
    {
        var model = new Model(seed: 2);
        var adam = new Adam<float>(model.Parameters);
        model.Train(adam, steps: 2);

        var error = Assert.Throws<CheckpointException>(() =>
            Checkpoint.Save(_path, model.Parameters, adam, options: null, output => new FailingStream(output, failAfterBytes)));

        Assert.Contains($"Could not save checkpoint '{_path}': No space left on device (simulated).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Any previous checkpoint there is unchanged.", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void AParameterListThatThrowsLeavesThePreviousFile()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Checkpoint.Save(_path, ParametersThatFail()));

        Assert.Equal("The model is broken.", error.Message);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void AnUnsupportedElementTypeWritesNothing()
    {
        // Parameter<T> accepts any IEEE floating-point type; checkpoints store three of them.
        Assert.Throws<NotSupportedException>(() => Checkpoint.Save(_path, [new Parameter<NFloat>("x", 2)]));
        AssertPreviousFileIntact();
    }

    [Fact]
    public void ADirectoryInTheWayFailsTheRenameAndLeavesNoTemporaryFile()
    {
        string directoryPath = _directory.File("occupied");
        Directory.CreateDirectory(directoryPath);
        File.WriteAllText(Path.Combine(directoryPath, "inside.txt"), "keep");

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(directoryPath, new Model(seed: 3).Parameters));

        Assert.Equal(directoryPath, error.FilePath);
        Assert.True(Directory.Exists(directoryPath));
        AssertPreviousFileIntact("occupied");
    }

    [Fact]
    public void AMissingDirectoryIsAClearError()
    {
        string path = Path.Combine(_directory.Path, "no-such-directory", "model.ckpt");

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(path, new Model(seed: 4).Parameters));

        Assert.Contains($"Could not save checkpoint '{path}'", error.Message, StringComparison.Ordinal);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void ASuccessfulSaveReplacesTheFile()
    {
        var model = new Model(seed: 5);
        Checkpoint.Save(_path, model.Parameters);

        Assert.NotEqual(_previous, File.ReadAllBytes(_path));
        Assert.Empty(_directory.OtherFiles("model.ckpt"));
        var loaded = new Model(seed: 6);
        Checkpoint.Load(_path, loaded.Parameters);
        Assert.Equal(model.Values(), loaded.Values());
    }

    private static IEnumerable<Parameter<float>> ParametersThatFail()
    {
        yield return new Parameter<float>("weight", 2);
        throw new InvalidOperationException("The model is broken.");
    }

    private void AssertPreviousFileIntact(params string[] otherExpectedEntries)
    {
        Assert.Equal(_previous, File.ReadAllBytes(_path));
        Assert.Empty(_directory.OtherFiles([Path.GetFileName(_path), .. otherExpectedEntries]));
    }
}
