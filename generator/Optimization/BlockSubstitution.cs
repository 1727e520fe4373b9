using System;
using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Replacing a pure expression by a local that holds its value, statement by statement through a block (branches
/// included), for as long as nothing the expression reads and not the local itself is written: what the passes that
/// reuse values (<see cref="RepeatedCallElimination"/>, <see cref="RepeatedProductElimination"/>,
/// <see cref="CopyPropagation"/>) share. A statement other than an assignment, a declaration, a comment or a branch of
/// those ends the walk, so a loop, a record or a call is never looked into.
/// </summary>
internal static class BlockSubstitution
{
    /// <summary>
    /// Applies <paramref name="rewrite"/> to every block of both sweeps, innermost first (the bodies of a block's loops and
    /// branches before the block); the program itself when nothing changed.
    /// </summary>
    public static GradientProgram RewriteBlocks(GradientProgram program, Func<List<IrStmt>, List<IrStmt>> rewrite)
    {
        EquatableArray<IrStmt> forward = Block(program.Forward, rewrite), reverse = Block(program.Reverse, rewrite);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    private static EquatableArray<IrStmt> Block(EquatableArray<IrStmt> block, Func<List<IrStmt>, List<IrStmt>> rewrite)
        => rewrite(block.Select(s => s switch
        {
            ForStmt loop => loop with { Body = Block(loop.Body, rewrite) },
            WhileStmt loop => loop with { Body = Block(loop.Body, rewrite) },
            IfStmt branch => branch with { Then = Block(branch.Then, rewrite), Else = Block(branch.Else, rewrite) },
            _ => s,
        }).ToList()).ToEquatableArray();

    /// <summary>Every name the program uses, for fresh locals.</summary>
    public static NameScope NamesOf(GradientProgram program)
        => new(IrWalker.AllStatements(program.Forward.Concat(program.Reverse))
            .SelectMany(s => IrWalker.ExpressionsOf(s).SelectMany(IrWalker.VariablesRead).Concat(s is DeclareStmt d ? [d.Name] : []))
            .Concat(program.Method.Parameters.Select(p => p.Name)).Concat(program.Locals.Select(l => l.Name))
            .Concat(program.Gradients.Select(g => g.GradientName)).Append(program.TapeName).Append(program.SeedName).Append(program.ResultName));

    /// <summary>How often the statements from <paramref name="start"/> on evaluate <paramref name="value"/> (as <paramref name="matches"/> says) before something it reads changes.</summary>
    public static int Uses(List<IrStmt> statements, int start, IrExpr value, Func<IrExpr, bool> matches)
    {
        int uses = 0;
        for (int k = start; k < statements.Count; k++)
        {
            IrStmt statement = statements[k];
            if (!Simple(statement))
            {
                break;
            }

            uses += IrWalker.AllStatements([statement]).SelectMany(OwnExpressions).SelectMany(IrWalker.Descendants).Count(matches);
            if (Writes(statement, value))
            {
                break;
            }
        }

        return uses;
    }

    /// <summary>
    /// Replaces what <paramref name="matches"/> from <paramref name="start"/> on by <paramref name="local"/>, until something
    /// <paramref name="value"/> reads or the local changes; true when the walk reached the end of the block.
    /// </summary>
    public static bool Replace(List<IrStmt> statements, int start, IrExpr value, Func<IrExpr, bool> matches, VariableExpr local)
    {
        IrExpr Substitute(IrExpr expression) => ExpressionRewriter.Rewrite(expression, e => matches(e) ? local : e);
        for (int k = start; k < statements.Count; k++)
        {
            IrStmt statement = statements[k];
            switch (statement)
            {
                case AssignStmt assign:
                    statements[k] = assign with { Value = Substitute(assign.Value), Target = assign.Target is ElementExpr e ? e with { Index = Substitute(e.Index) } : assign.Target };
                    break;
                case DeclareStmt declare:
                    statements[k] = declare with { Value = Substitute(declare.Value) };
                    break;
                case IfStmt branch when Simple(branch):
                    var then = branch.Then.ToList();
                    var otherwise = branch.Else.ToList();
                    bool thenAlive = Replace(then, 0, value, matches, local), elseAlive = Replace(otherwise, 0, value, matches, local);
                    statements[k] = branch with { Condition = Substitute(branch.Condition), Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() };
                    if (!thenAlive || !elseAlive)
                    {
                        return false;
                    }

                    continue;
                case CommentStmt:
                    continue;
                default:
                    return false;
            }

            if (Writes(statement, value) || IrWalker.AllStatements([statement]).Any(s => s is AssignStmt { Target: VariableExpr w } && w.Name == local.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="statement"/> writes something <paramref name="value"/> reads.</summary>
    public static bool Writes(IrStmt statement, IrExpr value)
    {
        var reads = new HashSet<string>(IrWalker.VariablesRead(value));
        var arrays = new HashSet<string>(IrWalker.ArraysRead(value));
        return IrWalker.AllStatements([statement]).Any(s => s switch
        {
            AssignStmt { Target: VariableExpr v } => reads.Contains(v.Name),
            AssignStmt { Target: ElementExpr e } => arrays.Contains(e.Array),
            DeclareStmt d => reads.Contains(d.Name),
            _ => false,
        });
    }

    /// <summary>The expressions of a simple statement (not of the statements nested in it).</summary>
    public static IEnumerable<IrExpr> OwnExpressions(IrStmt statement)
        => statement is AssignStmt or DeclareStmt ? IrWalker.ExpressionsOf(statement) : [];

    /// <summary>Whether the statement and everything nested in it are assignments, declarations, comments and branches.</summary>
    private static bool Simple(IrStmt statement)
        => !IrWalker.AllStatements([statement]).Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt));
}
