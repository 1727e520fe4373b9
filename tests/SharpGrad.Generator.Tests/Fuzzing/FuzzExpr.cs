using System.Collections.Immutable;
using System.Text;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// An expression of a fuzzed program: C# text whose placeholders <c>{0}</c>, <c>{1}</c>... are its children.
/// One shape for every operator, call and literal keeps shrinking generic: a node may be replaced by a child
/// of its own type or by a literal, unless it is <paramref name="Pinned"/> (a guard that keeps the program
/// terminating or in range, such as the clamp around a computed index).
/// </summary>
/// <param name="Format">The text, with <c>{i}</c> for child i.</param>
/// <param name="Type">The C# type of the expression.</param>
/// <param name="Children">The sub-expressions.</param>
/// <param name="Pinned">Whether shrinking must keep this node (its children may still shrink).</param>
internal sealed record FuzzExpr(string Format, FuzzType Type, ImmutableArray<FuzzExpr> Children, bool Pinned = false)
{
    /// <summary>A leaf: a literal or a name.</summary>
    public static FuzzExpr Leaf(string text, FuzzType type) => new(text.Replace("{", "{{", StringComparison.Ordinal), type, []);

    /// <summary>A node printed by filling <paramref name="format"/> with <paramref name="children"/>.</summary>
    public static FuzzExpr Node(string format, FuzzType type, params FuzzExpr[] children) => new(format, type, [.. children]);

    /// <summary>A literal of <paramref name="type"/>.</summary>
    public static FuzzExpr Literal(FuzzType type, double value) => Leaf(value < 0 ? "(" + type.Literal(value) + ")" : type.Literal(value), type);

    public bool IsLeaf => Children.IsEmpty;

    public override string ToString() => Fill(Format, Children.Select(c => c.ToString()).ToArray());

    /// <summary>Replaces <c>{i}</c> with <paramref name="parts"/>[i] and <c>{{</c> with <c>{</c>; nothing else is special.</summary>
    public static string Fill(string format, IReadOnlyList<string> parts)
    {
        var text = new StringBuilder(format.Length + 16);
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (c == '{' && i + 2 < format.Length && char.IsAsciiDigit(format[i + 1]) && format[i + 2] == '}')
            {
                text.Append(parts[format[i + 1] - '0']);
                i += 2;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    public bool Equals(FuzzExpr? other)
        => other is not null && Format == other.Format && Type == other.Type && Pinned == other.Pinned && Children.SequenceEqual(other.Children);

    public override int GetHashCode() => HashCode.Combine(Format, Type, Children.Length);
}
