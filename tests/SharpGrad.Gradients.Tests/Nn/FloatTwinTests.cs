using System.Diagnostics;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// The float layer functions are written from the double ones by <c>runtime/Nn/single-from-double.py</c>; this
/// runs its <c>--check</c> mode, so an edit to one twin without the other fails here instead of drifting.
/// </summary>
public sealed class FloatTwinTests
{
    [Fact]
    public void Functional_Single_is_the_float_twin_of_Functional_Double()
    {
        string root = RepositoryRoot();
        var start = new ProcessStartInfo("python3", ["runtime/Nn/single-from-double.py", "--check"])
        {
            WorkingDirectory = root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, error);
    }

    private static string RepositoryRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Compiler.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
