using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace SharpGrad.Samples.Tests;

/// <summary>One run of a sample: its exit code, output, and the PNGs it announced.</summary>
public sealed partial class SampleRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private SampleRun(string name, int exitCode, bool timedOut, string stdOut, string stdErr, TimeSpan elapsed, string outputDirectory)
    {
        Name = name;
        ExitCode = exitCode;
        TimedOut = timedOut;
        StdOut = stdOut;
        StdErr = stdErr;
        Elapsed = elapsed;
        OutputDirectory = outputDirectory;
    }

    public string Name { get; }

    public int ExitCode { get; }

    public bool TimedOut { get; }

    public string StdOut { get; }

    public string StdErr { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The folder given to the sample with <c>--output</c>.</summary>
    public string OutputDirectory { get; }

    /// <summary>The paths the sample printed as <c>saved plot: PATH</c>.</summary>
    public IReadOnlyList<string> Plots => SavedPlotLine().Matches(StdOut).Select(m => m.Groups[1].Value.Trim()).ToList();

    /// <summary>
    /// Runs <c>dotnet Name.dll --quick --output TEMP ARGUMENTS</c> with the invariant culture, so numbers print
    /// with a '.'; <paramref name="arguments"/> are further options, such as <c>--model cnn</c>.
    /// </summary>
    public static SampleRun Quick(string name, params string[] arguments)
    {
        string output = NewOutputDirectory(name);
        return Start(name, output, ["--quick", "--output", output, .. arguments]);
    }

    /// <summary>
    /// Runs <c>dotnet Name.dll ARGUMENTS</c> in a new temporary folder (<see cref="OutputDirectory"/>), with the
    /// invariant culture: for built programs other than the samples' quick mode, such as the benchmarks' <c>--check</c>.
    /// </summary>
    public static SampleRun Run(string name, params string[] arguments) => Start(name, NewOutputDirectory(name), arguments);

    private static string NewOutputDirectory(string name)
    {
        string output = Path.Combine(Path.GetTempPath(), "SharpGrad.Samples.Tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        return output;
    }

    private static SampleRun Start(string name, string output, string[] arguments)
    {
        string dll = SamplePath(name);
        Assert.True(File.Exists(dll), $"{dll} does not exist: the program was not built.");

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = output,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in (string[])[dll, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool timedOut = !process.WaitForExit(Timeout);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        stopwatch.Stop();
        lock (stdout)
        {
            return new SampleRun(name, timedOut ? -1 : process.ExitCode, timedOut, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed, output);
        }
    }

    /// <summary>Group 1..n of the first match of <paramref name="pattern"/> in the output, parsed as numbers.</summary>
    public double[] Numbers(string pattern)
    {
        Match match = Regex.Match(StdOut, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"No line matching '{pattern}' in the output of {Name}.\n{Describe()}");
        return match.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Asserts exit code 0 within the time limit.</summary>
    public void AssertSucceeded()
    {
        Assert.False(TimedOut, $"{Name} did not finish within {Timeout.TotalSeconds} s.\n{Describe()}");
        Assert.True(ExitCode == 0, $"{Name} exited with code {ExitCode}.\n{Describe()}");
    }

    /// <summary>Asserts that the sample announced exactly these PNG files in its output folder, and wrote them.</summary>
    public void AssertPlots(params string[] fileNames)
    {
        string[] expected = fileNames.Select(f => Path.GetFullPath(Path.Combine(OutputDirectory, f))).Order(StringComparer.Ordinal).ToArray();
        string[] announced = Plots.Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, announced);
        foreach (string path in announced)
        {
            Assert.True(File.Exists(path), $"{path} was announced but does not exist.");
            byte[] header = new byte[8];
            using (FileStream stream = File.OpenRead(path))
            {
                Assert.True(stream.Length > 10_000, $"{path} holds only {stream.Length} bytes.");
                stream.ReadExactly(header);
            }

            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }
    }

    /// <summary>Deletes the output folder; called once a test's assertions passed, so a failure leaves the PNGs to look at.</summary>
    public void DeleteOutput()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder under the temporary directory is harmless.
        }
    }

    /// <summary>Everything about the run, indented, for assertion messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Name}: exit code {ExitCode}{(TimedOut ? " (timed out)" : "")} after {Elapsed.TotalSeconds:F1} s");
        text.AppendLine($"    output folder: {OutputDirectory}");
        foreach (string line in (StdOut + "\n--- stderr ---\n" + StdErr).Split('\n'))
        {
            text.Append("    | ").AppendLine(line.TrimEnd('\r'));
        }

        return text.ToString();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private static string SamplePath(string name)
    {
        string? path = typeof(SampleRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Sample:" + name)?.Value;
        Assert.True(path is not null, $"The test project does not record the sample {name}.");
        return path;
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : "dotnet";
    }

    [GeneratedRegex(@"^saved plot: (.+)$", RegexOptions.Multiline)]
    private static partial Regex SavedPlotLine();
}
