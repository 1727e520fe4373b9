using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Recompute instead of record: in a top-level forward loop that records a scalar <c>t</c> before setting it to a pure
/// value of the iteration (<c>tape.Push(t); t = E(i);</c>, with <c>E</c> reading only the index and values that stay
/// the same until the reverse loop ends), the reverse loop sets <c>t = E(i)</c> at the start of each iteration instead
/// of restoring it after, and neither loop touches the tape for it. This needs the restored value to be dead (nothing in
/// the reverse iteration after the pop, nor after the reverse loop, reads <c>t</c>), and the forward iteration not to
/// read <c>t</c> before setting it (no value carried between iterations). The tape is a stack, so a push and its pop
/// go together: both loops are found as the only top-level pair with that index and range, every push of the forward
/// body and pop of the reverse body is at its top level, and the pop removed is the push's mirror. The loop then
/// records nothing per iteration, which lets the vectorization stage take it.
/// </summary>
internal sealed class LoopLocalRecomputation : IOptimizationPass
{
    /// <summary>The note after a recomputed assignment's comment (<see cref="RepeatedCallElimination"/> rewrites it when the value is reused instead).</summary>
    internal const string RecomputedSuffix = "  (recomputed: cheaper than recording it on the tape)";

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

            while (Recompute(forward, f, reverse, r) is { } rewritten)
            {
                (forward, reverse) = rewritten;
            }
        }

        if (forward == program.Forward && reverse == program.Reverse)
        {
            return program;
        }

        bool usesTape = IrWalker.AllStatements(forward.Concat(reverse)).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s));
        return program with { Forward = forward, Reverse = reverse, UsesTape = program.UsesTape && usesTape };
    }

    /// <summary>One recorded scalar of the pair made recomputed, or null when none qualifies.</summary>
    private static (EquatableArray<IrStmt>, EquatableArray<IrStmt>)? Recompute(EquatableArray<IrStmt> forward, int f, EquatableArray<IrStmt> reverse, int r)
    {
        var loop = (ForStmt)forward[f];
        var mirror = (ForStmt)reverse[r];
        int[] pushes = Positions(loop.Body, s => s is TapePushStmt);
        int[] pops = Positions(mirror.Body, s => s is AssignStmt { Value: TapePopExpr });
        if (pushes.Length != pops.Length
            || IrWalker.AllStatements(loop.Body).Count(s => s is TapePushStmt) != pushes.Length
            || IrWalker.AllStatements(mirror.Body).Count(IrWalker.ContainsTapePop) != pops.Length
            || pushes.Length == 0)
        {
            return null;
        }

        // What may change between the forward iteration and the end of the reverse loop.
        IEnumerable<IrStmt> between = forward.Skip(f).Concat(reverse.Take(r + 1));
        var changedScalars = new HashSet<string>(IrWalker.AllStatements(between).SelectMany(LoopEffects.Written));
        var changedArrays = new HashSet<string>(IrWalker.AllStatements(between).SelectMany(LoopEffects.WrittenArrays));
        for (int k = 0; k < pushes.Length; k++)
        {
            if (((TapePushStmt)loop.Body[pushes[k]]).Value is not VariableExpr t)
            {
                continue;
            }

            int pop = pops[pops.Length - 1 - k];
            if (mirror.Body[pop] is not AssignStmt { Target: VariableExpr restored } || restored.Name != t.Name
                || Definition(loop.Body, pushes[k], t.Name) is not { } set)
            {
                continue;
            }

            IrExpr value = ((AssignStmt)loop.Body[set]).Value;
            bool pure = !IrWalker.Descendants(value).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr)
                && IrWalker.VariablesRead(value).All(v => v == loop.Index || (v != t.Name && !changedScalars.Contains(v)))
                && !IrWalker.ArraysRead(value).Any(changedArrays.Contains);
            bool deadAfterPop = !mirror.Body.Skip(pop + 1).Any(s => LoopShape.Touches(s, t.Name))
                && !IrWalker.AllStatements(mirror.Body).Any(s => s != mirror.Body[pop] && s is AssignStmt { Target: VariableExpr w } && w.Name == t.Name)
                && !reverse.Skip(r + 1).Any(s => LoopShape.Touches(s, t.Name));
            if (!pure || !deadAfterPop)
            {
                continue;
            }

            var newLoop = loop with { Body = loop.Body.Where((_, i) => i != pushes[k]).ToEquatableArray() };
            var body = mirror.Body.Where((_, i) => i != pop).ToList();
            body.Insert(0, new CommentStmt(IrPrinter.Print(new AssignStmt(t, value)) + RecomputedSuffix));
            body.Insert(1, new AssignStmt(t, value));
            var newMirror = mirror with { Body = body.ToEquatableArray() };
            return (forward.Select((s, i) => i == f ? newLoop : s).ToEquatableArray(), reverse.Select((s, i) => i == r ? newMirror : s).ToEquatableArray());
        }

        return null;
    }

    /// <summary>
    /// The top-level <c>t = E</c> after the push at <paramref name="push"/> that is the body's only write of <c>t</c>,
    /// when nothing before it reads <c>t</c> (apart from the push), or null.
    /// </summary>
    private static int? Definition(EquatableArray<IrStmt> body, int push, string t)
    {
        int[] writes = Positions(body, s => IrWalker.AllStatements([s]).Any(inner => inner is AssignStmt { Target: VariableExpr w } && w.Name == t));
        if (writes.Length != 1 || writes[0] < push || body[writes[0]] is not AssignStmt { Kind: AssignKind.Set, Target: VariableExpr } set
            || IrWalker.VariablesRead(set.Value).Contains(t))
        {
            return null;
        }

        return Enumerable.Range(0, writes[0]).Any(i => i != push && LoopShape.Touches(body[i], t)) ? null : writes[0];
    }

    private static int[] Positions(EquatableArray<IrStmt> body, System.Func<IrStmt, bool> predicate)
        => Enumerable.Range(0, body.Count).Where(i => predicate(body[i])).ToArray();
}
