using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// A statement of a fuzzed program. Its <paramref name="Format"/> is filled with <paramref name="Exprs"/>
/// like <see cref="FuzzExpr"/>; compound statements hold their blocks. A loop's <paramref name="Prelude"/>
/// (its trip counter's declaration) and <paramref name="BodyPrefix"/> (the counter's increment) are fixed
/// text that shrinking never removes, so every shrunk while loop still terminates.
/// </summary>
internal sealed record FuzzStmt(
    StmtKind Kind,
    string Format,
    ImmutableArray<FuzzExpr> Exprs,
    ImmutableArray<ImmutableArray<FuzzStmt>> Blocks,
    string? Prelude = null,
    string? BodyPrefix = null)
{
    public static FuzzStmt Line(string format, params FuzzExpr[] exprs) => new(StmtKind.Line, format, [.. exprs], []);

    public static FuzzStmt If(FuzzExpr condition, ImmutableArray<FuzzStmt> then, ImmutableArray<FuzzStmt> otherwise)
        => new(StmtKind.If, "if ({0})", [condition], otherwise.IsEmpty ? [then] : [then, otherwise]);

    public static FuzzStmt Loop(string header, ImmutableArray<FuzzStmt> body, string? prelude = null, string? bodyPrefix = null, params FuzzExpr[] exprs)
        => new(StmtKind.Loop, header, [.. exprs], [body], prelude, bodyPrefix);

    public static FuzzStmt DoWhile(string footer, ImmutableArray<FuzzStmt> body, string prelude, string bodyPrefix, params FuzzExpr[] exprs)
        => new(StmtKind.DoWhile, footer, [.. exprs], [body], prelude, bodyPrefix);

    /// <summary>Whether this statement ends its block unconditionally (return, break, continue).</summary>
    public bool IsJump => Kind == StmtKind.Line && (Format.StartsWith("return", StringComparison.Ordinal) || Format is "break;" or "continue;");

    public string Header => FuzzExpr.Fill(Format, Exprs.Select(e => e.ToString()).ToArray());

    public void Print(SourceWriter writer)
    {
        switch (Kind)
        {
            case StmtKind.Line:
                writer.Lines(Header);
                break;
            case StmtKind.If:
                writer.Line(Header);
                writer.Block(Blocks[0]);
                if (Blocks.Length > 1 && !Blocks[1].IsEmpty)
                {
                    if (Blocks[1] is [{ Kind: StmtKind.If } elseIf])
                    {
                        writer.Text("else ");
                        elseIf.Print(writer);
                    }
                    else
                    {
                        writer.Line("else");
                        writer.Block(Blocks[1]);
                    }
                }

                break;
            case StmtKind.Loop:
                if (Prelude is not null)
                {
                    writer.Line(Prelude);
                }

                writer.Line(Header);
                writer.Block(Blocks[0], BodyPrefix);
                break;
            case StmtKind.DoWhile:
                writer.Line(Prelude!);
                writer.Line("do");
                writer.Block(Blocks[0], BodyPrefix, closing: "} " + Header);
                break;
        }
    }

    public bool Equals(FuzzStmt? other)
        => other is not null && Kind == other.Kind && Format == other.Format && Prelude == other.Prelude && BodyPrefix == other.BodyPrefix
            && Exprs.SequenceEqual(other.Exprs) && Blocks.Length == other.Blocks.Length && Blocks.Zip(other.Blocks).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => HashCode.Combine(Kind, Format, Exprs.Length, Blocks.Length);
}
