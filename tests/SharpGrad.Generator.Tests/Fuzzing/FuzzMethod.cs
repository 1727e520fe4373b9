using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>A method of a fuzzed program, usually <c>[Differentiable]</c>.</summary>
/// <param name="Attributes">The attribute lines, such as <c>[Differentiable]</c>.</param>
/// <param name="Modifiers">Such as <c>public static</c>.</param>
/// <param name="ReturnType">The return type's keyword.</param>
/// <param name="Name">The method's name.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Body">Its statements; an expression-bodied method has one <c>return</c>.</param>
/// <param name="ExpressionBodied">Whether it prints as <c>=&gt; expression;</c>.</param>
internal sealed record FuzzMethod(
    string Attributes,
    string Modifiers,
    FuzzType ReturnType,
    string Name,
    ImmutableArray<FuzzParam> Parameters,
    ImmutableArray<FuzzStmt> Body,
    bool ExpressionBodied = false)
{
    public bool IsDifferentiable => Attributes.Contains("[Differentiable", StringComparison.Ordinal);

    public string Signature => Modifiers + " " + ReturnType.Keyword() + " " + Name + "(" + string.Join(", ", Parameters) + ")";

    public void Print(SourceWriter writer)
    {
        if (Attributes.Length > 0)
        {
            writer.Lines(Attributes);
        }

        if (ExpressionBodied && Body is [{ Kind: StmtKind.Line, Format: "return {0};" } only])
        {
            writer.Line(Signature + " => " + only.Exprs[0] + ";");
            return;
        }

        writer.Line(Signature);
        writer.Block(Body);
    }

    public bool Equals(FuzzMethod? other)
        => other is not null && Attributes == other.Attributes && Modifiers == other.Modifiers && ReturnType == other.ReturnType && Name == other.Name
            && ExpressionBodied == other.ExpressionBodied && Parameters.SequenceEqual(other.Parameters) && Body.SequenceEqual(other.Body);

    public override int GetHashCode() => HashCode.Combine(Name, Body.Length);
}
