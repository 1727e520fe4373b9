using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>A type of a fuzzed program: its declaration line, the type around it if nested, hand-written members and methods.</summary>
/// <param name="Header">Such as <c>public static partial class Model</c>.</param>
/// <param name="OuterHeader">The containing type's declaration line, or null.</param>
/// <param name="Members">Members written as text: helpers with custom gradients, int helpers.</param>
/// <param name="Methods">The generated methods.</param>
internal sealed record FuzzClass(string Header, string? OuterHeader, ImmutableArray<string> Members, ImmutableArray<FuzzMethod> Methods)
{
    /// <summary>The type's name, the last word of its header.</summary>
    public string Name => Header.Split(' ')[^1];

    public void Print(SourceWriter writer)
    {
        if (OuterHeader is not null)
        {
            writer.Line(OuterHeader);
            writer.Open();
        }

        writer.Line(Header);
        writer.Open();
        bool first = true;
        foreach (string member in Members)
        {
            Separate(writer, ref first);
            writer.Lines(member);
        }

        foreach (FuzzMethod method in Methods)
        {
            Separate(writer, ref first);
            method.Print(writer);
        }

        writer.Close();
        if (OuterHeader is not null)
        {
            writer.Close();
        }
    }

    private static void Separate(SourceWriter writer, ref bool first)
    {
        if (!first)
        {
            writer.Line(string.Empty);
        }

        first = false;
    }

    public bool Equals(FuzzClass? other)
        => other is not null && Header == other.Header && OuterHeader == other.OuterHeader && Members.SequenceEqual(other.Members) && Methods.SequenceEqual(other.Methods);

    public override int GetHashCode() => HashCode.Combine(Header, Methods.Length);
}
