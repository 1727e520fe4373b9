using System.Globalization;
using Xunit.Abstractions;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The generator fuzzer (issue 8): seeded random programs over the whole documented language and its edges,
/// each either refused by SG errors inside its methods or differentiated into code that compiles without
/// warnings, returns exactly the method's value, accumulates pre + seed * gradient into pre-filled buffers and
/// matches extrapolated central differences. A defect fails the test with its shrunk program.
/// </summary>
/// <remarks>
/// CI runs 300 programs with a fixed seed. A longer run, with its counts per outcome printed:
/// <code>
/// SHARPGRAD_FUZZ_COUNT=20000 SHARPGRAD_FUZZ_SEED=1 SHARPGRAD_FUZZ_REPORT=/tmp/fuzz.txt \
///     dotnet test tests/SharpGrad.Generator.Tests --filter GeneratorFuzzTests --logger "console;verbosity=detailed"
/// </code>
/// <c>SHARPGRAD_FUZZ_REPORT</c> (optional) receives the counts and every defect class with its shrunk reproducer;
/// <c>SHARPGRAD_FUZZ_PROGRAMS</c> (optional, comma-separated) checks only those program indices of the seeded run;
/// <c>SHARPGRAD_FUZZ_SHRINK_MINUTES</c> caps the time spent shrinking (one program per defect class, 30 s each in CI, 90 s in longer runs).
/// </remarks>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int BatchSize = 40;

    [Fact]
    public void FuzzedPrograms_AreRefusedInPlace_OrDifferentiatedCorrectly()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("SHARPGRAD_FUZZ_COUNT"), CultureInfo.InvariantCulture, out int n) ? n : 300;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("SHARPGRAD_FUZZ_SEED"), CultureInfo.InvariantCulture, out ulong s) ? s : 20250801;
        string? reportPath = Environment.GetEnvironmentVariable("SHARPGRAD_FUZZ_REPORT");
        var generator = new ProgramGenerator(FuzzOptions.Default);
        FuzzTimings.Reset();
        var report = new FuzzReport();
        // SHARPGRAD_FUZZ_PROGRAMS=12,4077 checks only those programs of the run (to rerun reproducers after a fix).
        int[] chosen = (Environment.GetEnvironmentVariable("SHARPGRAD_FUZZ_PROGRAMS") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray();
        int[] indices = chosen.Length > 0 ? chosen : Enumerable.Range(0, count).ToArray();
        count = indices.Length;
        for (int start = 0; start < count; start += BatchSize)
        {
            int[] batch = indices.Skip(start).Take(BatchSize).ToArray();
            FuzzProgram[] programs = batch.Select(i => generator.Generate(seed, i)).ToArray();
            IReadOnlyList<FuzzResult> results = FuzzHarness.Run(programs.Select((p, i) => p.ToSubject($"seed {seed}, program {batch[i]}")).ToArray());
            for (int i = 0; i < programs.Length; i++)
            {
                report.Add(programs[i], results[i]);
            }

            if (reportPath is not null && start % (BatchSize * 25) == 0)
            {
                File.WriteAllText(reportPath, report.Summary());
            }
        }

        double shrinkMinutes = double.TryParse(Environment.GetEnvironmentVariable("SHARPGRAD_FUZZ_SHRINK_MINUTES"), CultureInfo.InvariantCulture, out double m) ? m : count > 1000 ? 60 : 2;
        report.Shrink(TimeSpan.FromSeconds(count > 1000 ? 90 : 30), TimeSpan.FromMinutes(shrinkMinutes));
        string summary = report.Summary();
        output.WriteLine(summary);
        string defects = report.DefectReport();
        output.WriteLine(defects);
        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, summary + "\n" + defects);
        }

        Assert.True(report.DefectCount == 0, summary + "\n" + defects);
    }
}
