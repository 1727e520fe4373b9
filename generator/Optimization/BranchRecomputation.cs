using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Recompute a branch's direction instead of recording it: a top-level forward loop whose body branches on a condition
/// of the iteration (<c>if (Math.Abs(e) &lt;= 1) { ... tape.PushFlag(true); } else { ... tape.PushFlag(false); }</c>,
/// the shape of a Huber or hinge loss) has its reverse loop branch on that condition again (<c>if (tape.PopFlag())</c>
/// becomes <c>if (Math.Abs(p[i] - t[i]) &lt;= 1)</c>), and neither loop touches the tape for it. The condition is taken with
/// each scalar it reads replaced by the value the iteration assigned it at the body's top level before the branch (once,
/// and nothing nested writes it first), so that it reads only the loop's index and values that nothing changes between
/// the forward loop and the end of the reverse one (parameters, invariant locals): evaluated again in the reverse
/// iteration, it gives the same direction (also when one of the two runs in a vector loop and the other in its scalar
/// tail: a condition whose vector form would round otherwise stays recorded). The branch is the body's only one that records a flag, and the reverse body
/// pops one flag, as that branch's condition: the tape is a stack, and a flag is popped in the iteration that pushed it,
/// so the push and the pop removed are each other's mirror, and every other record keeps its order. A loop that records
/// nothing else can then be fused and vectorized (its branches if-converted, see Vectorization/IfConversion.cs).
/// </summary>
internal sealed class BranchRecomputation : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        EquatableArray<IrStmt> forward = program.Forward, reverse = program.Reverse;
        for (int f = 0; f < forward.Count; f++)
        {
            if (forward[f] is not ForStmt loop || LoopRange.Of(loop) is not { } range || LoopEffects.Mirror(reverse, loop, range) is not { } r
                || forward.Count(s => s is ForStmt other && other.Index == loop.Index && LoopRange.Of(other) == range) != 1)
            {
                continue;
            }

            IEnumerable<IrStmt> between = IrWalker.AllStatements(forward.Skip(f).Concat(reverse.Take(r + 1))).ToList();
            var changed = new HashSet<string>(between.SelectMany(LoopEffects.Written).Concat(between.SelectMany(LoopEffects.WrittenArrays)));
            var mirror = (ForStmt)reverse[r];
            if (Recompute(loop, mirror, changed) is { } rewritten)
            {
                forward = forward.Select((s, i) => i == f ? rewritten.Loop : s).ToEquatableArray();
                reverse = reverse.Select((s, i) => i == r ? rewritten.Mirror : s).ToEquatableArray();
            }
        }

        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    private static (ForStmt Loop, ForStmt Mirror)? Recompute(ForStmt loop, ForStmt mirror, HashSet<string> changed)
    {
        // The one top-level branch that records its direction, and nothing else in the body that records a flag.
        int[] flagged = Enumerable.Range(0, loop.Body.Count).Where(k => IrWalker.AllStatements([loop.Body[k]]).Any(IsFlagPush)).ToArray();
        if (flagged.Length != 1 || loop.Body[flagged[0]] is not IfStmt branch
            || IrWalker.AllStatements(branch.Then.Concat(branch.Else)).Count(IsFlagPush) != branch.Then.Count(IsFlagPush) + branch.Else.Count(IsFlagPush)
            || branch.Then.Count(IsFlagPush) != 1 || branch.Else.Count(IsFlagPush) > 1)
        {
            return null;
        }

        // The reverse body pops one flag, as the condition of a branch at its top level.
        int[] popped = Enumerable.Range(0, mirror.Body.Count).Where(k => IrWalker.AllStatements([mirror.Body[k]]).SelectMany(IrWalker.ExpressionsOf)
            .SelectMany(IrWalker.Descendants).Any(n => n is TapePopExpr { Type: NumericType.Bool })).ToArray();
        if (popped.Length != 1 || mirror.Body[popped[0]] is not IfStmt { Condition: TapePopExpr } reversed
            || IrWalker.AllStatements(reversed.Then.Concat(reversed.Else)).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.Descendants).Any(n => n is TapePopExpr { Type: NumericType.Bool }))
        {
            return null;
        }

        if (Condition(loop, flagged[0], changed) is not { } condition)
        {
            return null;
        }

        IfStmt unrecorded = branch with { Then = branch.Then.Where(s => !IsFlagPush(s)).ToEquatableArray(), Else = branch.Else.Where(s => !IsFlagPush(s)).ToEquatableArray() };
        EquatableArray<IrStmt> body = loop.Body.Select((s, k) => k == flagged[0] ? unrecorded : s).ToEquatableArray();
        var mirrored = new List<IrStmt>(mirror.Body.Take(popped[0]))
        {
            new CommentStmt("the branch's direction, computed again from its condition instead of recorded"),
            reversed with { Condition = condition },
        };
        mirrored.AddRange(mirror.Body.Skip(popped[0] + 1));
        return (loop with { Body = body }, mirror with { Body = mirrored.ToEquatableArray() });
    }

    /// <summary>
    /// The branch's condition over values the reverse iteration sees unchanged: each scalar read replaced by the value
    /// its one top-level assignment before the branch gave it; null when some read is still of something that changes.
    /// </summary>
    private static IrExpr? Condition(ForStmt loop, int at, HashSet<string> changed)
    {
        IrExpr condition = ((IfStmt)loop.Body[at]).Condition;
        for (int depth = 0; depth < 8; depth++)
        {
            string[] changing = IrWalker.VariablesRead(condition).Where(v => v != loop.Index && changed.Contains(v)).Distinct().ToArray();
            if (changing.Length == 0)
            {
                break;
            }

            var values = new Dictionary<string, IrExpr>();
            foreach (string name in changing)
            {
                if (ValueBefore(loop.Body, at, name) is not { } value)
                {
                    return null;
                }

                values[name] = value;
            }

            condition = ExpressionRewriter.Rewrite(condition, node => node is VariableExpr v && values.TryGetValue(v.Name, out IrExpr? value) ? value : node);
        }

        bool stable = !IrWalker.VariablesRead(condition).Any(v => v != loop.Index && changed.Contains(v))
            && !IrWalker.ArraysRead(condition).Any(changed.Contains)
            && !IrWalker.Descendants(condition).Any(n => n is TapePopExpr or DifferentiableCallExpr);
        return stable && RoundsAlikeEverywhere(condition) ? condition : null;
    }

    /// <summary>
    /// Whether the condition computes the same bits in a vector loop as in its scalar tail: a forward iteration may run
    /// in one and its reverse in the other (their vector parts cover different iterations), so the direction must not
    /// depend on which. A product added to something becomes one fused multiply-add in vector code, and VectorMath's
    /// Exp, Tanh, Log and sigmoid differ from Math's in the last bits; every other operation rounds alike.
    /// </summary>
    private static bool RoundsAlikeEverywhere(IrExpr condition) => !IrWalker.Descendants(condition).Any(node => node switch
    {
        CallExpr call => call.Function is not (MathFunction.Abs or MathFunction.Max or MathFunction.Min or MathFunction.Sqrt or MathFunction.Relu),
        BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum => sum.Left is BinaryExpr { Operator: BinaryOperator.Multiply } || sum.Right is BinaryExpr { Operator: BinaryOperator.Multiply },
        _ => false,
    });

    /// <summary>The value of <paramref name="name"/>'s only assignment among the first <paramref name="at"/> statements, at their top level, or null.</summary>
    private static IrExpr? ValueBefore(EquatableArray<IrStmt> body, int at, string name)
    {
        IrStmt[] writers = IrWalker.AllStatements(body.Take(at)).Where(s => LoopEffects.Written(s).Contains(name)).ToArray();
        return writers.Length == 1 && body.Take(at).Contains(writers[0]) ? writers[0] switch
        {
            AssignStmt { Kind: AssignKind.Set } assign => assign.Value,
            DeclareStmt declare => declare.Value,
            _ => null,
        } : null;
    }

    private static bool IsFlagPush(IrStmt statement) => statement is TapePushStmt { Value.Type: NumericType.Bool };
}
