using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Removes writes to locals that nothing reads (adjoints of values whose derivative goes nowhere,
/// temporaries left unused by simplification), then loops and branches left empty, then unused locals.
/// Statements that pop the tape stay: removing one would misalign every later pop.
/// </summary>
internal sealed class DeadCodeElimination : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        var protectedNames = new HashSet<string>(program.Gradients.Where(g => g.AdjointLocal is not null).Select(g => g.AdjointLocal!)) { program.ResultName };
        EquatableArray<IrStmt> forward = program.Forward;
        EquatableArray<IrStmt> reverse = program.Reverse;
        while (true)
        {
            HashSet<string> read = ReadNames(forward.Concat(reverse));
            read.UnionWith(protectedNames);
            EquatableArray<IrStmt> newForward = Sweep(forward, read, forward: true);
            EquatableArray<IrStmt> newReverse = Sweep(reverse, read, forward: false);
            if (newForward == forward && newReverse == reverse)
            {
                break;
            }

            forward = newForward;
            reverse = newReverse;
        }

        HashSet<string> used = ReadNames(forward.Concat(reverse));
        used.UnionWith(protectedNames);
        foreach (IrStmt statement in IrWalker.AllStatements(forward.Concat(reverse)))
        {
            if (statement is AssignStmt { Target: VariableExpr target })
            {
                used.Add(target.Name);
            }
            else if (statement is ForStmt loop)
            {
                used.Add(loop.Index);
            }
        }

        return program with
        {
            Forward = forward,
            Reverse = reverse,
            Locals = program.Locals.Where(l => used.Contains(l.Name)).ToEquatableArray(),
        };
    }

    private static HashSet<string> ReadNames(IEnumerable<IrStmt> statements)
        => new(IrWalker.AllStatements(statements).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.VariablesRead));

    private static EquatableArray<IrStmt> Sweep(EquatableArray<IrStmt> statements, HashSet<string> read, bool forward)
    {
        var kept = new List<IrStmt>();
        foreach (IrStmt statement in statements)
        {
            IrStmt? result = statement switch
            {
                AssignStmt { Target: VariableExpr target } assign when !read.Contains(target.Name) && !IrWalker.ContainsTapePop(assign) && !(forward && MayThrow(assign.Value)) => null,
                DeclareStmt declare when !read.Contains(declare.Name) && !IrWalker.ContainsTapePop(declare) => null,
                ForStmt loop => SweepLoop(loop, read, forward),
                WhileStmt loop => loop with { Body = Sweep(loop.Body, read, forward) }, // kept: its iterations may be recorded
                IfStmt branch => SweepBranch(branch, read, forward),
                _ => statement,
            };
            if (result is not null)
            {
                kept.Add(result);
            }
        }

        // A comment describes the statements after it; one left with nothing to describe goes too.
        var withoutOrphans = new List<IrStmt>();
        for (int i = 0; i < kept.Count; i++)
        {
            if (kept[i] is CommentStmt && (i + 1 == kept.Count || kept[i + 1] is CommentStmt && IsSectionComment(kept[i + 1])))
            {
                continue;
            }

            withoutOrphans.Add(kept[i]);
        }

        return withoutOrphans.ToEquatableArray();
    }

    /// <summary>
    /// Whether evaluating <paramref name="value"/> can throw (an index out of range, an integer division by
    /// zero or of the smallest value by -1, Math.Sign of NaN, a call): the forward sweep keeps such a statement even when nothing reads its
    /// result, so the companion throws wherever the method does.
    /// </summary>
    private static bool MayThrow(IrExpr value) => IrWalker.Descendants(value).Any(node => node
        is ElementExpr
        or BinaryExpr { Operator: BinaryOperator.Divide or BinaryOperator.Remainder, Type: NumericType.Int or NumericType.Long or NumericType.UInt, Right: not ConstantExpr { Value: not (0 or -1) } }
        or CallExpr { Function: MathFunction.Sign }
        or ConstantCallExpr
        or DifferentiableCallExpr);

    private static bool IsSectionComment(IrStmt statement) => statement is CommentStmt comment && !comment.Text.StartsWith("d/", System.StringComparison.Ordinal);

    private static IrStmt? SweepLoop(ForStmt loop, HashSet<string> read, bool forward)
    {
        EquatableArray<IrStmt> body = Sweep(loop.Body, read, forward);
        bool popsInHeader = IrWalker.ContainsTapePop(loop with { Body = EquatableArray<IrStmt>.Empty });
        return body.All(s => s is CommentStmt) && !popsInHeader ? null : loop with { Body = body };
    }

    private static IrStmt? SweepBranch(IfStmt branch, HashSet<string> read, bool forward)
    {
        EquatableArray<IrStmt> whenTrue = Sweep(branch.Then, read, forward);
        EquatableArray<IrStmt> whenFalse = Sweep(branch.Else, read, forward);
        bool empty = whenTrue.All(s => s is CommentStmt) && whenFalse.All(s => s is CommentStmt);
        // A forward condition that can throw (Math.Sign of NaN) stays, as a statement that can throw does, even with nothing left to run.
        return empty && !IrWalker.ContainsTapePop(new IfStmt(branch.Condition, EquatableArray<IrStmt>.Empty, EquatableArray<IrStmt>.Empty))
            && !(forward && MayThrow(branch.Condition))
            ? null
            : branch with { Then = whenTrue, Else = whenFalse };
    }
}
