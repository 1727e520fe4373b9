namespace SharpGrad.Generator.Tests;

/// <summary>Source texts shared by the tests.</summary>
internal static class Sources
{
    /// <summary>
    /// The seed sample's own model file, read from the repository so the tests and the snapshot follow the
    /// sample. The sample project has implicit usings; a plain compilation needs <c>using System;</c>.
    /// </summary>
    public static string SeedLoss { get; } = "using System;\n" + File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "LinearRegression", "LinearModel.cs"));

    /// <summary>
    /// The fused-loop methods the gradient tests check against finite differences (FusedLoopTests.cs in
    /// SharpGrad.Gradients.Tests), read from there so that both test the same code.
    /// </summary>
    public static string FusedLoops { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "FusedLoopTests.cs")), "public static partial class FusedMethods");

    /// <summary>The loop nests that do or do not become matrix products (MatrixProductTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string MatrixProducts { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "MatrixProductTests.cs")), "public static partial class MatrixProductMethods");

    /// <summary>The loops whose elements are or are not replaced by locals (ScalarReplacementTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string ScalarReplacement { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "ScalarReplacementTests.cs")), "public static partial class ScalarReplacementMethods");

    /// <summary>Copies and products shared, and where they stop (SharedValueTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string SharedValues { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "SharedValueTests.cs")), "public static partial class SharedValueMethods");

    /// <summary>Elements overwritten at a computed index, the index recomputed or recorded (IndexRecordTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string IndexRecords { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "IndexRecordTests.cs")), "public static partial class IndexRecordMethods");

    /// <summary>The buffers overwritten by their first loop or cleared on entry under accumulate: false (OverwriteTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string Overwrites { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "OverwriteTests.cs")), "public static partial class OverwriteMethods");

    /// <summary>The arrays recorded as one span per sample or element by element (SpanRecordTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string SpanRecords { get; } = "using System;\nusing SharpGrad;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "SpanRecordTests.cs")), "public static partial class SpanRecordMethods");

    /// <summary>The calls whose outputs are or are not recorded (FreshArrayRecordTests.cs in SharpGrad.Gradients.Tests).</summary>
    public static string FreshArrayRecords { get; } = "using System;\nusing SharpGrad;\nusing SharpGrad.Nn;\n\nnamespace Demo;\n\n"
        + FromMarker(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SharpGrad.Gradients.Tests", "FreshArrayRecordTests.cs")), "public static partial class FreshArrayRecordMethods");

    /// <summary>
    /// The seed's loss written as plain loops over flat spans (the form the seed had before layers): one static
    /// method, one companion, whose loop text the caching tests edit.
    /// </summary>
    public static string FlatLinearLoss { get; } = """
        using System;
        using SharpGrad;

        namespace LinearRegression;

        public static partial class LinearModel
        {
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
            {
                int inputs = weight.Length;
                int count = targets.Length;
                double sum = 0;
                for (int i = 0; i < count; i++)
                {
                    double prediction = bias[0];
                    for (int j = 0; j < inputs; j++)
                    {
                        prediction += weight[j] * features[i * inputs + j];
                    }

                    double error = prediction - targets[i];
                    sum += error * error;
                }

                return sum / count;
            }
        }
        """;

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

    private static string FromMarker(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException("'" + marker + "' is not in the file") : text[at..];
    }
}
