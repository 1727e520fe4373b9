using System.Security.Cryptography;
using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ParametersAndOptimizerStateRoundTrip()
    {
        var saved = new Model(seed: 1);
        var savedAdam = new Adam<float>(saved.Parameters, lr: 0.01);
        saved.Train(savedAdam, steps: 5);
        string path = _directory.File("model.ckpt");

        Checkpoint.Save(path, saved.Parameters, savedAdam);
        var loaded = new Model(seed: 2);
        var loadedAdam = new Adam<float>(loaded.Parameters, lr: 0.01);
        Checkpoint.Load(path, loaded.Parameters, loadedAdam);

        Assert.Equal(saved.Values(), loaded.Values());
        AssertSameState(savedAdam.GetState(), loadedAdam.GetState());
        Assert.Empty(_directory.OtherFiles("model.ckpt"));
    }

    [Fact]
    public void ContinuingAfterLoadIsBitIdentical()
    {
        var original = new Model(seed: 3);
        var originalAdam = new Adam<float>(original.Parameters, lr: 0.05, amsGrad: true);
        original.Train(originalAdam, steps: 7);
        string path = _directory.File("model.ckpt");
        Checkpoint.Save(path, original.Parameters, originalAdam);
        original.Train(originalAdam, steps: 11);

        var resumed = new Model(seed: 4);
        var resumedAdam = new Adam<float>(resumed.Parameters, lr: 0.05, amsGrad: true);
        Checkpoint.Load(path, resumed.Parameters, resumedAdam);
        resumed.Train(resumedAdam, steps: 11);

        Assert.Equal(original.Values(), resumed.Values());
    }

    [Fact]
    public void LoadingMatchesParametersByName()
    {
        var saved = new Model(seed: 5);
        string path = _directory.File("model.ckpt");
        Checkpoint.Save(path, saved.Parameters);

        var loaded = new Model(seed: 6);
        Checkpoint.Load(path, [loaded.Bias, loaded.Weight]);

        Assert.Equal(saved.Values(), loaded.Values());
    }

    [Fact]
    public void TheSameStateGivesTheSameBytes()
    {
        var model = new Model(seed: 7);
        var adam = new Adam<float>(model.Parameters);
        model.Train(adam, steps: 2);
        Checkpoint.Save(_directory.File("a.ckpt"), model.Parameters, adam);
        Checkpoint.Save(_directory.File("b.ckpt"), model.Parameters, adam);

        Assert.Equal(File.ReadAllBytes(_directory.File("a.ckpt")), File.ReadAllBytes(_directory.File("b.ckpt")));
    }

    [Fact]
    public void TheFileStartsWithTheHeaderAndEndsWithItsSha256()
    {
        string path = _directory.File("model.ckpt");
        Checkpoint.Save(path, new Model(seed: 8).Parameters);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal(new byte[] { 0x89, (byte)'S', (byte)'G', (byte)'R', (byte)'A', (byte)'D', 0x0D, 0x0A }, bytes[..8]);
        Assert.Equal(2, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(1, bytes[10]); // float32
        Assert.Equal(4, bytes[11]);
        Assert.Equal(2, BitConverter.ToInt32(bytes, 12));
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);

        // Header, 2 names, ranks and dims, 15 floats, the optimizer flag, the scheduler, epoch and step flags,
        // the generator and metadata counts, the checksum.
        int expectedLength = 16 + (4 + 6 + 4 + 8 + (12 * 4)) + (4 + 4 + 4 + 4 + (3 * 4)) + 1 + 3 + 4 + 4 + 32;
        Assert.Equal(expectedLength, bytes.Length);
    }

    [Fact]
    public void TheDocumentedExampleIsByteExact()
    {
        // docs/runtime/checkpoints.md shows these files; a change here is a format change and needs a new version.
        // The expected bytes were laid out by hand (Python's struct and hashlib), not by this writer.
        string path = _directory.File("example.ckpt");
        Checkpoint.Save(path, [new Parameter<float>("b", [1f, -2f], 2)]);

        Assert.Equal(Convert.FromHexString(
            "8953475241440d0a0200010401000000" +
            "01000000620100000002000000000080" +
            "3f000000c00000000000000000000000" +
            "00c58cf1edd9aa6ec417abdc6b5f7fe2" +
            "b8ac87ff2559cfced323c053fa92be13" +
            "b7"),
            File.ReadAllBytes(path));

        string withExtras = _directory.File("extras.ckpt");
        var options = new CheckpointSaveOptions
        {
            Epoch = 3,
            Step = 12,
            Generators = { ["shuffle"] = new RandomGenerator(new RandomGeneratorState(1, 2, 3, 4)) },
            Metadata = { ["run"] = "a" },
        };
        Checkpoint.Save(withExtras, [new Parameter<float>("b", [1f, -2f], 2)], optimizer: null, options);

        Assert.Equal(Convert.FromHexString(
            "8953475241440d0a0200010401000000" +
            "01000000620100000002000000000080" +
            "3f000000c000000103000000010c0000" +
            "00000000000100000007000000736875" +
            "66666c650c000000786f736869726f32" +
            "35362a2a040000000100000000000000" +
            "02000000000000000300000000000000" +
            "04000000000000000100000003000000" +
            "72756e010000006138c5096f91190719" +
            "97a073299f955836a33976fd883ebebd" +
            "040b4311ad29d1e2"),
            File.ReadAllBytes(withExtras));
    }

    [Fact]
    public void HalfAndDoubleParametersRoundTrip()
    {
        var half = new Parameter<Half>("h", [(Half)1.5, (Half)(-2), Half.MaxValue], 3);
        var dbl = new Parameter<double>("d", [Math.PI, double.Epsilon], 2, 1);
        Checkpoint.Save(_directory.File("half.ckpt"), [half]);
        Checkpoint.Save(_directory.File("double.ckpt"), [dbl]);

        var halfBack = new Parameter<Half>("h", 3);
        var doubleBack = new Parameter<double>("d", 2, 1);
        Checkpoint.Load(_directory.File("half.ckpt"), [halfBack]);
        Checkpoint.Load(_directory.File("double.ckpt"), [doubleBack]);

        Assert.Equal(half.Data.ToArray(), halfBack.Data.ToArray());
        Assert.Equal(dbl.Data.ToArray(), doubleBack.Data.ToArray());
    }

    [Fact]
    public void LoadingWithoutAnOptimizerIgnoresItsState()
    {
        var saved = new Model(seed: 9);
        var adam = new Adam<float>(saved.Parameters);
        saved.Train(adam, steps: 1);
        string path = _directory.File("model.ckpt");
        Checkpoint.Save(path, saved.Parameters, adam);

        var loaded = new Model(seed: 10);
        Checkpoint.Load(path, loaded.Parameters);

        Assert.Equal(saved.Values(), loaded.Values());
    }

    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var a = new Parameter<float>("w", 2);
        var b = new Parameter<float>("w", 3);

        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Save(_directory.File("x.ckpt"), [a, b]));
        Assert.Contains("'w'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.OtherFiles());
    }

    internal static void AssertSameState(OptimizerState expected, OptimizerState actual)
    {
        Assert.Equal(expected.OptimizerName, actual.OptimizerName);
        Assert.Equal(expected.Scalars.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Scalars.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Buffers.Keys.Order(StringComparer.Ordinal), actual.Buffers.Keys.Order(StringComparer.Ordinal));
        foreach ((string key, double[] values) in expected.Buffers)
        {
            Assert.Equal(values, actual.Buffers[key]);
        }
    }
}
