using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Fusion;

/// <summary>
/// The values a forward loop records on the tape only for its own reverse iteration, which fusion makes unnecessary:
/// a top-level <c>tape.Push(v)</c> of the forward body, before anything in it touches <c>v</c>, whose mirror is the
/// reverse body's top-level <c>v = tape.Pop()</c>, its only write of <c>v</c>, with nothing after it (in the reverse
/// body, or in the reverse sweep after the loop) reading <c>v</c>. The push saves the previous iteration's value and
/// the pop puts it back for the reverse of the previous iteration. Once each reverse iteration runs right after its
/// forward one, the reverse already sees this iteration's <c>v</c> (what the pops of the later iterations used to put
/// back), and nothing reads the restored value, so both go. Every push and pop of the pair must be of this kind (the
/// tape is a stack: a push and its pop go together, in mirrored order); otherwise null.
/// </summary>
internal static class IterationRecords
{
    /// <summary>The two bodies without their per-iteration records, and the scalars the reverse body then reads from the forward one.</summary>
    public static (ForStmt Loop, ForStmt Mirror, HashSet<string> Shared)? Remove(ForStmt loop, ForStmt mirror, IEnumerable<IrStmt> after)
    {
        int[] pushes = Positions(loop.Body, s => s is TapePushStmt);
        int[] pops = Positions(mirror.Body, s => s is AssignStmt { Target: VariableExpr, Value: TapePopExpr });
        bool nestedRecords = IrWalker.AllStatements(loop.Body).Count(s => s is TapePushStmt || IrWalker.ContainsTapePop(s)) != pushes.Length
            || IrWalker.AllStatements(mirror.Body).Count(s => s is TapePushStmt || IrWalker.ContainsTapePop(s)) != pops.Length;
        if (nestedRecords || pushes.Length != pops.Length)
        {
            return null;
        }

        var shared = new HashSet<string>();
        HashSet<string> readAfter = LoopEffects.Reads(after);
        for (int k = 0; k < pushes.Length; k++)
        {
            int push = pushes[k], pop = pops[pops.Length - 1 - k];
            if (((TapePushStmt)loop.Body[push]).Value is not VariableExpr v || mirror.Body[pop] is not AssignStmt { Target: VariableExpr restored }
                || restored.Name != v.Name || !shared.Add(v.Name) || readAfter.Contains(v.Name)
                || Enumerable.Range(0, push).Any(i => LoopShape.Touches(loop.Body[i], v.Name))
                || mirror.Body.Skip(pop + 1).Any(s => LoopShape.Touches(s, v.Name))
                || IrWalker.AllStatements(mirror.Body).Count(s => LoopEffects.Written(s).Contains(v.Name)) != 1)
            {
                return null;
            }
        }

        return (loop with { Body = loop.Body.Where((_, i) => !pushes.Contains(i)).ToEquatableArray() },
            mirror with { Body = mirror.Body.Where((_, i) => !pops.Contains(i)).ToEquatableArray() },
            shared);
    }

    private static int[] Positions(EquatableArray<IrStmt> body, System.Func<IrStmt, bool> predicate)
        => Enumerable.Range(0, body.Count).Where(i => predicate(body[i])).ToArray();
}
