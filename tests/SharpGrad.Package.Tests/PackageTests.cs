using System.Globalization;
using System.Text.Json;

namespace SharpGrad.Package.Tests;

/// <summary>
/// Proves that the SharpGrad package carries the generator and that it loads and runs in a project that knows
/// nothing of this repository: pack, restore offline from the packed folder, build, run.
/// </summary>
public sealed class PackageTests(PackageFixture fixture) : IClassFixture<PackageFixture>
{
    private const string GeneratorEntry = "analyzers/dotnet/cs/SharpGrad.Generator.dll";
    private const string RuntimeEntry = "lib/net10.0/SharpGrad.dll";

    private const string GradientProgram = """
        using SharpGrad;

        double[] w = { 0.5, -1.0, 2.0 };
        double[] x = { 1.0, 2.0, 3.0 };
        double[] g = new double[3];
        double loss = Demo.LossWithGradient(w, x, g);
        System.Console.WriteLine(System.FormattableString.Invariant($"{loss:R} {g[0]:R} {g[1]:R} {g[2]:R}"));

        public static partial class Demo
        {
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) { double d = w[i] * x[i] - 1; s += d * d; }
                return s;
            }
        }
        """;

    private const string UnsupportedProgram = """
        using SharpGrad;

        System.Console.WriteLine(Unsupported.F(1.5));

        public static partial class Unsupported
        {
            [Differentiable]
            public static double F(double x)
            {
                double y = 0;
                try { y = x * x; } catch { y = -1; }
                return y;
            }
        }
        """;

    [Fact]
    public void Pack_ShipsGeneratorAsAnalyzerAndRuntimeAsLibrary()
    {
        var pack = PackOrFail();

        Assert.True(pack.Entries.Contains(GeneratorEntry),
            $"{GeneratorEntry} is missing from {pack.PackagePath}. Entries:\n  {string.Join("\n  ", pack.Entries)}\n\n"
            + pack.Command.Describe());
        Assert.True(pack.Entries.Contains(RuntimeEntry),
            $"{RuntimeEntry} is missing from {pack.PackagePath}. Entries:\n  {string.Join("\n  ", pack.Entries)}");
        Assert.DoesNotContain(pack.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal)
                                                 && e.EndsWith("SharpGrad.Generator.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Consumer_RestoresOfflineFromPackage_BuildsAndRunsGeneratedGradient()
    {
        var pack = PackOrFail();
        var consumer = fixture.CreateConsumer("GradientConsumer", GradientProgram, pack.Version!);

        RestoreOrFail(consumer, pack);

        var build = DotnetCli.Run(consumer, PackageFixture.BuildTimeout,
            "build", "--no-restore", "--disable-build-servers", "-nologo");
        Assert.True(build.Succeeded, build.Describe("Building the package consumer failed."));

        var dll = Path.Combine(consumer, "bin", "Debug", "net10.0", "GradientConsumer.dll");
        Assert.True(File.Exists(dll), build.Describe($"The build succeeded but {dll} does not exist."));
        var run = DotnetCli.Run(consumer, PackageFixture.RunTimeout, dll);
        Assert.True(run.Succeeded, run.Describe("Running the package consumer failed."));

        // loss = sum (w_i x_i - 1)^2 and dloss/dw_i = 2 (w_i x_i - 1) x_i, the gradient added into a zeroed buffer.
        double[] w = [0.5, -1.0, 2.0];
        double[] x = [1.0, 2.0, 3.0];
        var expected = new double[4];
        for (var i = 0; i < w.Length; i++)
        {
            var d = w[i] * x[i] - 1;
            expected[0] += d * d;
            expected[i + 1] = 2 * d * x[i];
        }

        var line = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault() ?? "";
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var actual = new double[fields.Length];
        var parsed = fields.Length == expected.Length && fields.Select((f, i) =>
            double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out actual[i])).All(ok => ok);
        Assert.True(parsed, run.Describe($"Expected four numbers (loss and three gradient entries), got \"{line}\"."));

        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 1e-12 * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{(i == 0 ? "loss" : $"gradient[{i - 1}]")}: expected {expected[i].ToString("R", CultureInfo.InvariantCulture)}, "
                + $"got {actual[i].ToString("R", CultureInfo.InvariantCulture)}.\n"
                + $"expected line: {string.Join(' ', expected.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}\n"
                + run.Describe());
        }
    }

    private const string LayersProgram = """
        using SharpGrad;
        using SharpGrad.Nn;
        using SharpGrad.Nn.Float32;
        using SharpGrad.Optimizers;

        // y = x0 * x1 on 16 points, learned by a model class of the package's layers.
        Init.ManualSeed(0);
        var model = new Net();
        float[] x = new float[32], y = new float[16];
        for (int i = 0; i < 16; i++) { x[2 * i] = (i % 4) / 2f - 0.75f; x[2 * i + 1] = (i / 4) / 2f - 0.75f; y[i] = x[2 * i] * x[2 * i + 1]; }
        var optimizer = new Adam<float>(model.Parameters(), lr: 0.02);
        float first = model.Loss(x, y);
        for (int step = 0; step < 300; step++) { optimizer.ZeroGrad(); model.LossWithGradient(x, y); optimizer.Step(); }
        System.Console.WriteLine(string.Join(",", model.Parameters().Names));
        System.Console.WriteLine(System.FormattableString.Invariant($"{first:R} {model.Loss(x, y):R}"));

        public sealed partial class Net : Module<float>
        {
            [Module] public Sequential Body { get; } = new(new Linear(2, 16), new Tanh(), new Linear(16, 1));

            [Differentiable]
            public float Loss([NoGrad] ReadOnlySpan<float> x, [NoGrad] ReadOnlySpan<float> y)
            {
                float[] predictions = new float[y.Length];
                for (int i = 0; i < y.Length; i++) { Body.Forward(x.Slice(2 * i, 2), predictions.AsSpan(i, 1)); }
                return Functional.MseLoss(predictions, y);
            }
        }
        """;

    [Fact]
    public void Consumer_ModelOfPackagedLayers_TrainsThroughTheirGeneratedCompanions()
    {
        var pack = PackOrFail();
        var consumer = fixture.CreateConsumer("LayersConsumer", LayersProgram, pack.Version!);
        RestoreOrFail(consumer, pack);
        var build = DotnetCli.Run(consumer, PackageFixture.BuildTimeout, "build", "--no-restore", "--disable-build-servers", "-nologo");
        Assert.True(build.Succeeded, build.Describe("Building the layers consumer failed."));
        var run = DotnetCli.Run(consumer, PackageFixture.RunTimeout, Path.Combine(consumer, "bin", "Debug", "net10.0", "LayersConsumer.dll"));
        Assert.True(run.Succeeded, run.Describe("Running the layers consumer failed."));

        string[] lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("body.0.weight,body.0.bias,body.2.weight,body.2.bias", lines[^2]);
        double[] losses = [.. lines[^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        Assert.True(losses[1] < losses[0] / 10, run.Describe($"300 Adam steps should cut the loss tenfold: {losses[0]} -> {losses[1]}."));
    }

    [Fact]
    public void Consumer_UnsupportedConstruct_FailsBuildWithGeneratorDiagnostic()
    {
        var pack = PackOrFail();
        var consumer = fixture.CreateConsumer("UnsupportedConsumer", UnsupportedProgram, pack.Version!);

        RestoreOrFail(consumer, pack);

        var build = DotnetCli.Run(consumer, PackageFixture.BuildTimeout,
            "build", "--no-restore", "--disable-build-servers", "-nologo");
        Assert.False(build.TimedOut, build.Describe("Building the package consumer timed out."));
        Assert.True(build.ExitCode != 0,
            build.Describe("A try/catch inside a [Differentiable] method must fail the build, but the build succeeded."));
        Assert.True(build.Output.Contains("error SG", StringComparison.Ordinal),
            build.Describe("The build failed, but not with a SharpGrad diagnostic (\"error SGxxxx\")."));
    }

    private PackResult PackOrFail()
    {
        var pack = fixture.GetPackage();
        Assert.True(pack.Command.Succeeded, pack.Command.Describe("dotnet pack of runtime/SharpGrad.csproj failed."));
        Assert.True(pack.PackagePath is not null && pack.Version is not null,
            pack.Command.Describe($"dotnet pack succeeded but {fixture.FeedDirectory} does not hold exactly one SharpGrad .nupkg."));
        return pack;
    }

    /// <summary>Restores offline and checks that SharpGrad came from the freshly packed folder, generator included.</summary>
    private void RestoreOrFail(string consumer, PackResult pack)
    {
        var restore = DotnetCli.Run(consumer, PackageFixture.RestoreTimeout, "restore", "-nologo");
        Assert.True(restore.Succeeded, restore.Describe(
            "Offline restore of the package consumer failed (sources: the pack folder and the global packages folder "
            + $"{fixture.GlobalPackagesFolder})."));

        var restored = Path.Combine(fixture.RestorePackagesDirectory, "sharpgrad", pack.Version!.ToLowerInvariant());
        Assert.True(File.Exists(Path.Combine(restored, GeneratorEntry)),
            restore.Describe($"The restored package at {restored} lacks {GeneratorEntry}."));

        var metadata = Path.Combine(restored, ".nupkg.metadata");
        Assert.True(File.Exists(metadata), restore.Describe($"{metadata} does not exist."));
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        var source = json.RootElement.TryGetProperty("source", out var s) ? s.GetString() : null;
        Assert.True(source is not null
                    && Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar)
                    == Path.GetFullPath(fixture.FeedDirectory).TrimEnd(Path.DirectorySeparatorChar),
            $"SharpGrad was restored from \"{source}\", not from the pack folder {fixture.FeedDirectory}.");
    }
}
