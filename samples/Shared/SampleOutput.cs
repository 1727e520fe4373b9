namespace SharpGrad.Samples;

/// <summary>
/// Where a sample writes its pictures: <c>--output DIR</c> if given; otherwise the <c>output/</c> folder of the
/// sample's project directory (e.g. <c>samples/Iris/output/</c>), found by walking up from the executable to the
/// folder holding <c>{Name}.csproj</c>, which works for <c>dotnet run --project samples/Iris</c> and for running
/// the built dll from <c>bin/</c>; and when the executable was copied out of the source tree, <c>output/</c> in the
/// current directory.
/// </summary>
internal static class SampleOutput
{
    /// <summary>Creates (if needed) and returns the output folder of the sample <paramref name="projectName"/>.</summary>
    public static string Directory(string projectName, string? overrideDirectory)
    {
        string directory = overrideDirectory is not null
            ? Path.GetFullPath(overrideDirectory)
            : Path.Combine(FindProjectDirectory(projectName) ?? System.IO.Directory.GetCurrentDirectory(), "output");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Prints the line the sample tests look for: <c>saved plot: {path}</c>.</summary>
    public static void Announce(string path) => Console.WriteLine($"saved plot: {path}");

    private static string? FindProjectDirectory(string projectName)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, projectName + ".csproj")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
