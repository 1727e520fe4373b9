using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// A fuzzed program: one or more types whose methods call each other, in one file. It prints to C# and
/// to a <see cref="FuzzSubject"/>, which carries the inputs the probe passes (array lengths, fixed data).
/// </summary>
/// <param name="Family">Which generator family produced it (for the report).</param>
/// <param name="Classes">Its types.</param>
/// <param name="FileScopedNamespace">Whether the file uses <c>namespace N;</c>.</param>
internal sealed record FuzzProgram(string Family, ImmutableArray<FuzzClass> Classes, bool FileScopedNamespace = false)
{
    public string TypesText
    {
        get
        {
            var writer = new SourceWriter();
            for (int i = 0; i < Classes.Length; i++)
            {
                if (i > 0)
                {
                    writer.Line(string.Empty);
                }

                Classes[i].Print(writer);
            }

            return writer.ToString();
        }
    }

    public int StatementCount => Classes.SelectMany(c => c.Methods).Sum(m => Count(m.Body));

    public FuzzSubject ToSubject(string label)
    {
        var spec = new ProbeSpec();
        foreach (FuzzMethod method in Classes.SelectMany(c => c.Methods))
        {
            foreach (FuzzParam parameter in method.Parameters)
            {
                spec.Add(method.Name, parameter.PlainName, parameter.Input);
            }
        }

        return new FuzzSubject(label, TypesText, spec, FileScopedNamespace);
    }

    private static int Count(ImmutableArray<FuzzStmt> block) => block.Sum(s => 1 + s.Blocks.Sum(Count));

    public bool Equals(FuzzProgram? other)
        => other is not null && FileScopedNamespace == other.FileScopedNamespace && Classes.SequenceEqual(other.Classes);

    public override int GetHashCode() => Classes.Length;
}
