namespace SharpGrad.Generator.Tests;

/// <summary>Source texts shared by the tests.</summary>
internal static class Sources
{
    /// <summary>
    /// The seed sample's own model file, read from the repository so the tests and the snapshot follow the
    /// sample. The sample project has implicit usings; a plain compilation needs <c>using System;</c>.
    /// </summary>
    public static string SeedLoss { get; } = "using System;\n" + File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "LinearRegression", "LinearModel.cs"));

    private static string RepositoryRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Compiler.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A method body wrapped in a partial class, with the usual usings.</summary>
    public static string Method(string method) => $$"""
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Model
        {
        {{method}}
        }
        """;
}
