using System.Diagnostics;
using System.Text;

namespace SharpGrad.Package.Tests;

/// <summary>The outcome of one child process: exit code, captured output and how long it took.</summary>
public sealed record CommandResult(
    string CommandLine,
    string WorkingDirectory,
    int ExitCode,
    bool TimedOut,
    string StdOut,
    string StdErr,
    TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Standard output followed by standard error, for searching.</summary>
    public string Output => StdOut + Environment.NewLine + StdErr;

    /// <summary>
    /// A full report for an assertion message. Every output line is indented, so that a failing test's message
    /// never contains a column-0 MSBuild error line that a log parser could mistake for this repository's build.
    /// </summary>
    public string Describe(string? headline = null)
    {
        var sb = new StringBuilder();
        if (headline is not null)
        {
            sb.AppendLine(headline);
        }

        sb.AppendLine($"command:   {CommandLine}");
        sb.AppendLine($"directory: {WorkingDirectory}");
        sb.AppendLine(TimedOut
            ? $"result:    TIMED OUT after {Elapsed.TotalSeconds:F1} s (process tree killed)"
            : $"result:    exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s");
        AppendIndented(sb, "stdout", StdOut);
        AppendIndented(sb, "stderr", StdErr);
        return sb.ToString();
    }

    private static void AppendIndented(StringBuilder sb, string name, string text)
    {
        sb.AppendLine($"----- {name} -----");
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            sb.Append("    | ").AppendLine(line);
        }
    }
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process, isolated from the test run's own build.</summary>
internal static class DotnetCli
{
    /// <summary>How long to keep reading output after the process exited (a leftover grandchild may hold the pipes).</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The dotnet host running these tests when known, else <c>dotnet</c> from the PATH.</summary>
    public static string HostPath { get; } = FindHost();

    public static CommandResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
        => Run(HostPath, workingDirectory, timeout, arguments);

    public static CommandResult Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ConfigureEnvironment(startInfo.Environment);

        var commandLine = string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, stderrClosed, e.Data);

        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = !process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        if (timedOut)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            process.WaitForExit((int)OutputDrainTimeout.TotalMilliseconds);
        }

        // Output ends when every holder of the pipes is gone; a build server started by the child would keep them
        // open for minutes, so read what there is for a short while and move on.
        Task.WaitAll([stdoutClosed.Task, stderrClosed.Task], OutputDrainTimeout);
        stopwatch.Stop();

        var exitCode = process.HasExited ? process.ExitCode : -1;
        lock (stdout)
        {
            lock (stderr)
            {
                return new CommandResult(commandLine, workingDirectory, exitCode, timedOut,
                    stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
            }
        }
    }

    private static void Append(StringBuilder buffer, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    /// <summary>
    /// The child must not inherit the MSBuild state of the <c>dotnet test</c> that runs us (MSBuildExtensionsPath,
    /// MSBuildSDKsPath, MSBUILD_EXE_PATH, ...), must not start or reuse build servers, and must not print banners.
    /// </summary>
    private static void ConfigureEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["MSBUILDTERMINALLOGGER"] = "off";
        environment["UseSharedCompilation"] = "false";
    }

    private static string FindHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        // Tests run under the dotnet muxer ("dotnet testhost.dll") in the common case.
        var processPath = Environment.ProcessPath;
        if (processPath is not null
            && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return "dotnet";
    }

    private static string Quote(string argument)
        => argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\'')
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
