using System.Security.Cryptography;
using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>Every bad file or mismatch is a <see cref="CheckpointException"/> that says what is wrong, and changes nothing.</summary>
public sealed class CheckpointLoadErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _path;

    public CheckpointLoadErrorTests()
    {
        _path = _directory.File("model.ckpt");
        var saved = new Model(seed: 1);
        var adam = new Adam<float>(saved.Parameters, lr: 0.01);
        saved.Train(adam, steps: 3);
        Checkpoint.Save(_path, saved.Parameters, adam);
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(100)]
    public void ATruncatedFileIsDamaged(int bytesCut)
    {
        byte[] bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^bytesCut]);

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("is damaged: its SHA-256 checksum does not match", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    public void AVeryShortFileIsTruncated(int length)
    {
        byte[] bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..length]);

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("is truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFlippedByteIsDetected()
    {
        byte[] original = File.ReadAllBytes(_path);
        for (int position = 0; position < original.Length; position++)
        {
            // Patched in place: rewriting the whole file each time is slow on file systems that flush on truncate.
            WriteByteAt(position, (byte)(original[position] ^ 0x04));
            CheckpointException error = AssertLoadFailsWithoutChanges();
            WriteByteAt(position, original[position]);

            Assert.Contains(_path, error.Message, StringComparison.Ordinal);
            string expected = position switch
            {
                < 8 => "is not a SharpGrad checkpoint",
                < 10 => "has format version",
                _ => "is damaged",
            };
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AShapeMismatchNamesTheParameterAndBothShapes()
    {
        Checkpoint.Save(_path, new Model(seed: 2, weightShape: [1, 10]).Parameters);

        CheckpointException error = AssertLoadFailsWithoutChanges(new Model(seed: 3, weightShape: [10]), withOptimizer: false);
        Assert.Contains("parameter 'weight' has shape [1, 10] in the file but [10] in the model", error.Message, StringComparison.Ordinal);
        Assert.Equal(_path, error.FilePath);
    }

    [Fact]
    public void ANameMismatchNamesBothSides()
    {
        CheckpointException error = AssertLoadFailsWithoutChanges(new Model(seed: 3, biasName: "b"), withOptimizer: false);
        Assert.Contains("the file has parameter 'bias' [3], which the model lacks", error.Message, StringComparison.Ordinal);
        Assert.Contains("the model has parameter 'b' [3], which the file lacks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongElementTypeIsNamed()
    {
        var weight = new Parameter<double>("weight", 3, 4);
        var bias = new Parameter<double>("bias", 3);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, [weight, bias]));

        Assert.Contains("holds float32 values, but the parameters are float64", error.Message, StringComparison.Ordinal);
        Assert.All(weight.Data.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void AnotherOptimizerTypeIsRejected()
    {
        var model = new Model(seed: 4);
        var sgd = new Sgd<float>(model.Parameters, lr: 0.1, momentum: 0.9);
        model.Train(sgd, steps: 2);
        float[][] before = model.Values();
        OptimizerState stateBefore = sgd.GetState();

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, model.Parameters, sgd));

        Assert.Contains("holds state saved from optimizer Adam, but the optimizer to restore is SGD", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.Values());
        CheckpointTests.AssertSameState(stateBefore, sgd.GetState());
    }

    [Fact]
    public void StateThatDoesNotFitTheOptimizerChangesNothing()
    {
        // Same algorithm, but the file's state covers two parameters and this optimizer has one.
        var model = new Model(seed: 5);
        var adam = new Adam<float>([model.Weight], lr: 0.01);
        float[][] before = model.Values();

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, model.Parameters, adam));

        Assert.Contains("holds optimizer state that does not fit the optimizer", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.Values());
    }

    [Fact]
    public void AnOptimizerNeedsStateInTheFile()
    {
        Checkpoint.Save(_path, new Model(seed: 6).Parameters);

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("holds no optimizer state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string missing = _directory.File("missing.ckpt");

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(missing, new Model(seed: 7).Parameters));

        Assert.Contains($"Checkpoint '{missing}' does not exist.", error.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public void AnotherKindOfFileIsNotACheckpoint()
    {
        File.WriteAllText(_path, "weight,bias\n1,2\n");

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("is not a SharpGrad checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewerFormatVersionIsNamed()
    {
        byte[] bytes = File.ReadAllBytes(_path);
        bytes[8] = 3;
        File.WriteAllBytes(_path, WithChecksum(bytes[..^32]));

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("has format version 3, but this SharpGrad reads only versions 1 to 2", error.Message, StringComparison.Ordinal);

        bytes[8] = 0;
        File.WriteAllBytes(_path, WithChecksum(bytes[..^32]));
        Assert.Contains("has format version 0,", AssertLoadFailsWithoutChanges().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedFileWithAValidChecksumIsCaught()
    {
        byte[] bytes = File.ReadAllBytes(_path);
        byte[] withTrailingByte = [.. bytes[..^32], 0x00];
        File.WriteAllBytes(_path, WithChecksum(withTrailingByte));

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("is malformed: 1 unexpected bytes follow the metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImpossibleLengthWithAValidChecksumIsCaught()
    {
        byte[] bytes = File.ReadAllBytes(_path);
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 16); // the first name's length
        File.WriteAllBytes(_path, WithChecksum(bytes[..^32]));

        CheckpointException error = AssertLoadFailsWithoutChanges();
        Assert.Contains("is malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains("the name of parameter 0", error.Message, StringComparison.Ordinal);
    }

    private void WriteByteAt(long position, byte value)
    {
        using var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(file, [value], position);
    }

    private static byte[] WithChecksum(byte[] data) => [.. data, .. SHA256.HashData(data)];

    private CheckpointException AssertLoadFailsWithoutChanges(Model? model = null, bool withOptimizer = true)
    {
        model ??= new Model(seed: 42);
        var adam = new Adam<float>(model.Parameters, lr: 0.01);
        model.Train(adam, steps: 1);
        float[][] before = model.Values();
        OptimizerState stateBefore = adam.GetState();

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_path, model.Parameters, withOptimizer ? adam : null));

        Assert.Contains("Nothing was loaded", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.Values());
        CheckpointTests.AssertSameState(stateBefore, adam.GetState());
        return error;
    }
}
