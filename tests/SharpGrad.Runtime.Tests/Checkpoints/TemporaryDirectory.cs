namespace SharpGrad.Runtime.Tests.Checkpoints;

/// <summary>A fresh directory per test, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sharpgrad-checkpoint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Everything in the directory except <paramref name="expected"/>, e.g. leftover temporary files.</summary>
    public string[] OtherFiles(params string[] expected) =>
        [.. Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Where(name => !expected.Contains(name)).Select(name => name!)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
