namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// One program as the harness sees it: the text of its types (without namespace, which the harness adds so
/// that programs compiled together stay apart), the probe's inputs, and a label for reports.
/// </summary>
internal sealed record FuzzSubject(string Label, string Types, ProbeSpec Spec, bool FileScopedNamespace = false)
{
    public const string Usings = "using System;\nusing SharpGrad;\n";

    /// <summary>The whole file, in namespace <paramref name="ns"/>.</summary>
    public string Render(string ns)
        => FileScopedNamespace
            ? Usings + "\nnamespace " + ns + ";\n\n" + Types
            : Usings + "\nnamespace " + ns + "\n{\n" + Indent(Types) + "}\n";

    /// <summary>The file as a reader would see it, in namespace <c>Fuzz</c>.</summary>
    public string Source => Render("Fuzz");

    private static string Indent(string text)
        => string.Concat(text.TrimEnd('\n').Split('\n').Select(line => (line.Length == 0 ? string.Empty : "    " + line) + "\n"));
}
