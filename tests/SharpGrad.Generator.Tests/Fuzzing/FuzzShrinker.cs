using System.Collections.Immutable;
using System.Diagnostics;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Shrinks a failing program to a small one that fails the same way (the same <see cref="FuzzResult.Key"/>):
/// greedily, coarse edits first (drop a method, a member, a statement; unwrap a branch or loop; drop an else;
/// plainer containing type), then expression edits (a node replaced by a child of its type or by a literal).
/// Candidates are compiled many at a time; the first that still fails is kept and the search starts again.
/// Candidates that no longer compile or stop failing are simply not kept.
/// </summary>
internal static class FuzzShrinker
{
    private const int Chunk = 24;

    public static (FuzzProgram Program, FuzzResult Result) Shrink(FuzzProgram program, FuzzResult failure, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        FuzzProgram current = program;
        FuzzResult result = failure;
        bool progress = true;
        while (progress && clock.Elapsed < budget)
        {
            progress = false;
            foreach (FuzzProgram[] chunk in Candidates(current).Where(c => !c.Equals(current)).Chunk(Chunk))
            {
                IReadOnlyList<FuzzResult> results = FuzzHarness.Run(chunk.Select((c, i) => c.ToSubject("shrink " + i)).ToArray(), confirm: false);
                int found = Enumerable.Range(0, chunk.Length).FirstOrDefault(i => results[i].Key == failure.Key, -1);
                if (found >= 0)
                {
                    current = chunk[found];
                    result = results[found];
                    progress = true;
                    break;
                }

                if (clock.Elapsed >= budget)
                {
                    break;
                }
            }
        }

        FuzzResult alone = FuzzHarness.RunOne(current.ToSubject(failure.Subject.Label + " (shrunk)"));
        return alone.Key == failure.Key ? (current, alone) : (current, result);
    }

    private static IEnumerable<FuzzProgram> Candidates(FuzzProgram program)
    {
        ImmutableArray<FuzzClass> classes = program.Classes;
        for (int c = 0; c < classes.Length; c++)
        {
            if (classes.Length > 1 && classes[c].Methods.Length == 0)
            {
                yield return program with { Classes = classes.RemoveAt(c) };
            }

            for (int m = 0; m < classes[c].Methods.Length; m++)
            {
                yield return With(program, c, classes[c] with { Methods = classes[c].Methods.RemoveAt(m) });
            }

            for (int m = 0; m < classes[c].Members.Length; m++)
            {
                yield return With(program, c, classes[c] with { Members = classes[c].Members.RemoveAt(m) });
            }
        }

        if (classes.Length > 1)
        {
            // Everything in one type (kept only if the qualified calls still bind, which they do not: the first class is kept whole).
            yield return program with { Classes = [classes[0] with { Methods = [.. classes.SelectMany(k => k.Methods)], Members = [.. classes.SelectMany(k => k.Members)] }] };
        }

        if (program.FileScopedNamespace)
        {
            yield return program with { FileScopedNamespace = false };
        }

        for (int c = 0; c < classes.Length; c++)
        {
            if (classes[c].OuterHeader is not null)
            {
                yield return With(program, c, classes[c] with { OuterHeader = null });
            }

            if (classes[c].Header != "public static partial class " + classes[c].Name)
            {
                yield return With(program, c, classes[c] with { Header = "public static partial class " + classes[c].Name.Split('<')[0] });
            }
        }

        foreach (Phase phase in Enum.GetValues<Phase>())
        {
            for (int c = 0; c < classes.Length; c++)
            {
                for (int m = 0; m < classes[c].Methods.Length; m++)
                {
                    FuzzMethod method = classes[c].Methods[m];
                    if (phase == Phase.Splice && method.Attributes != "[Differentiable]" && method.IsDifferentiable)
                    {
                        yield return With(program, c, m, method with { Attributes = "[Differentiable]" });
                    }

                    if (phase == Phase.Splice)
                    {
                        // A parameter nothing mentions any more (calls to the method then no longer bind: not kept).
                        for (int p = method.Parameters.Length - 1; p >= 0; p--)
                        {
                            if (method.Parameters.Length > 1 && !Mentions(program, method.Parameters[p].Name))
                            {
                                yield return With(program, c, m, method with { Parameters = method.Parameters.RemoveAt(p) });
                            }
                        }
                    }

                    foreach (ImmutableArray<FuzzStmt> body in EditBlock(method.Body, phase, topLevel: true))
                    {
                        yield return With(program, c, m, method with { Body = body });
                    }
                }
            }
        }
    }

    private enum Phase
    {
        Remove,
        Splice,
        Expressions,
    }

    /// <summary>Whether <paramref name="name"/> appears as a word anywhere in the program's bodies (a cheap filter).</summary>
    private static bool Mentions(FuzzProgram program, string name)
    {
        string text = program.TypesText;
        string plain = name.TrimStart('@');
        int count = System.Text.RegularExpressions.Regex.Matches(text, @"(?<![\w@])@?" + System.Text.RegularExpressions.Regex.Escape(plain) + @"(?!\w)").Count;
        return count > 1;
    }

    private static FuzzProgram With(FuzzProgram program, int c, FuzzClass type) => program with { Classes = program.Classes.SetItem(c, type) };

    private static FuzzProgram With(FuzzProgram program, int c, int m, FuzzMethod method)
        => With(program, c, program.Classes[c] with { Methods = program.Classes[c].Methods.SetItem(m, method) });

    private static IEnumerable<ImmutableArray<FuzzStmt>> EditBlock(ImmutableArray<FuzzStmt> block, Phase phase, bool topLevel)
    {
        for (int i = 0; i < block.Length; i++)
        {
            FuzzStmt statement = block[i];
            if (phase == Phase.Remove && !(topLevel && i == block.Length - 1))
            {
                yield return block.RemoveAt(i);
            }

            if (phase == Phase.Splice)
            {
                foreach (ImmutableArray<FuzzStmt> inner in statement.Blocks)
                {
                    yield return block.RemoveAt(i).InsertRange(i, inner);
                }

                if (statement.Kind == StmtKind.If && statement.Blocks.Length > 1)
                {
                    yield return block.SetItem(i, statement with { Blocks = [statement.Blocks[0]] });
                }
            }

            for (int b = 0; b < statement.Blocks.Length; b++)
            {
                foreach (ImmutableArray<FuzzStmt> inner in EditBlock(statement.Blocks[b], phase, topLevel: false))
                {
                    yield return block.SetItem(i, statement with { Blocks = statement.Blocks.SetItem(b, inner) });
                }
            }

            if (phase == Phase.Expressions)
            {
                for (int e = 0; e < statement.Exprs.Length; e++)
                {
                    foreach (FuzzExpr simpler in EditExpr(statement.Exprs[e]))
                    {
                        yield return block.SetItem(i, statement with { Exprs = statement.Exprs.SetItem(e, simpler) });
                    }
                }
            }
        }
    }

    private static IEnumerable<FuzzExpr> EditExpr(FuzzExpr expr)
    {
        if (!expr.Pinned)
        {
            foreach (FuzzExpr child in expr.Children.Where(c => c.Type == expr.Type))
            {
                yield return child;
            }

            FuzzExpr literal = FuzzExpr.Literal(expr.Type, 1);
            if (!expr.IsLeaf || expr.Format != literal.Format)
            {
                yield return literal;
            }
        }

        for (int i = 0; i < expr.Children.Length; i++)
        {
            foreach (FuzzExpr simpler in EditExpr(expr.Children[i]))
            {
                yield return expr with { Children = expr.Children.SetItem(i, simpler) };
            }
        }
    }
}
