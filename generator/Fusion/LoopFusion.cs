using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Fusion;

/// <summary>
/// Runs each iteration's reverse right after its forward, in one pass, when the loop's adjoints are known before it
/// runs: a top-level forward loop and its reverse (the only top-level pair over that index and range) fuse when
/// neither touches the tape, the reverse loop's iterations are independent (a map with + reductions, as
/// <see cref="LoopShape"/> finds), the reverse statements before it (the adjoints it reads, as <c>d_sum +=
/// outputGradient</c> for a loss that sums the loop) read nothing the forward loop or the statements after it write
/// and write nothing they use, and the two loops see nothing of each other's but what the reverse computes again
/// itself. Those reverse statements move before the loop, the reverse body follows the forward body in each
/// iteration, and the reverse sweep keeps the rest. Values are unchanged (the reverse's reductions add in ascending
/// order instead of descending); the loop's inputs are read once instead of twice.
/// </summary>
internal sealed class LoopFusion : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        if (program.UsesTape)
        {
            return program;
        }

        var writable = new HashSet<string>(program.Gradients.Where(g => g.Parameter.Kind != ParameterKind.Scalar).Select(g => g.GradientName)
            .Concat(program.Method.Parameters.Where(p => p.IsOutput).Select(p => p.Name))
            .Concat(IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).OfType<AllocateStmt>().Select(a => a.Name)));
        EquatableArray<IrStmt> forward = program.Forward, reverse = program.Reverse;
        for (int f = 0; f < forward.Count; f++)
        {
            if (forward[f] is ForStmt loop && LoopRange.Of(loop) is { } range && LoopEffects.Mirror(reverse, loop, range) is { } r
                && forward.Count(s => s is ForStmt other && other.Index == loop.Index && LoopRange.Of(other) == range) == 1
                && Fuse(forward, f, reverse, r, writable) is { } fused)
            {
                (forward, reverse) = fused;
            }
        }

        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    private static (EquatableArray<IrStmt>, EquatableArray<IrStmt>)? Fuse(EquatableArray<IrStmt> forward, int f, EquatableArray<IrStmt> reverse, int r, HashSet<string> writable)
    {
        var loop = (ForStmt)forward[f];
        var mirror = (ForStmt)reverse[r];
        if (IrWalker.AllStatements([loop, mirror]).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s))
            || LoopShape.Of(mirror, writable) is not { } shape)
        {
            return null;
        }

        List<IrStmt> post = forward.Skip(f + 1).ToList(), before = reverse.Take(r).ToList();
        HashSet<string> loopWrites = LoopEffects.Writes(loop.Body), loopReads = LoopEffects.Reads(loop.Body);
        HashSet<string> mirrorWrites = LoopEffects.Writes(mirror.Body), mirrorReads = LoopEffects.Reads(mirror.Body);
        HashSet<string> postWrites = LoopEffects.Writes(post), postReads = LoopEffects.Reads(post);
        HashSet<string> beforeWrites = LoopEffects.Writes(before), beforeReads = LoopEffects.Reads(before);
        loopWrites.Add(loop.Index);

        // The reverse statements before the loop can run before it: they read nothing it or what follows writes.
        bool beforeMoves = !beforeReads.Overlaps(loopWrites) && !beforeReads.Overlaps(postWrites)
            && !beforeWrites.Overlaps(loopReads) && !beforeWrites.Overlaps(loopWrites) && !beforeWrites.Overlaps(postReads) && !beforeWrites.Overlaps(postWrites);

        // The reverse iteration sees of the forward loop only what it computes again itself (its private scalars);
        // the forward loop sees nothing the reverse writes but its own private scalars, which it sets first.
        var mirrorPrivate = new HashSet<string>(shape.Scalars.Where(s => s.Value == ScalarRole.Private).Select(s => s.Key).Concat(shape.Declared)) { loop.Index };
        var loopPrivate = new HashSet<string>(LoopShape.Of(loop, writable) is { } own
            ? own.Scalars.Where(s => s.Value == ScalarRole.Private).Select(s => s.Key).Concat(own.Declared)
            : IrWalker.AllStatements(loop.Body).OfType<DeclareStmt>().Select(d => d.Name)) { loop.Index };
        bool independent = mirrorReads.Where(loopWrites.Contains).All(mirrorPrivate.Contains)
            && mirrorWrites.Where(n => loopReads.Contains(n) || loopWrites.Contains(n)).All(n => loopPrivate.Contains(n) && mirrorPrivate.Contains(n))
            && !mirrorReads.Overlaps(postWrites) && !mirrorWrites.Overlaps(postReads) && !mirrorWrites.Overlaps(postWrites);
        // After the fused loop its index ends where the forward loop leaves it, not where the reverse did.
        bool indexDead = !LoopEffects.Reads(reverse.Skip(r + 1)).Contains(loop.Index);
        if (!beforeMoves || !independent || !indexDead)
        {
            return null;
        }

        // The reverse sweep's "reverse of: for ..." heading stays with the reverse body it named.
        int heading = before.Count;
        while (heading > 0 && before[heading - 1] is CommentStmt)
        {
            heading--;
        }

        var body = loop.Body.ToList();
        body.Add(new CommentStmt("reverse of this iteration, fused with it: the loop's adjoints are known before it runs"));
        body.AddRange(mirror.Body);
        var moved = new List<IrStmt>();
        if (heading > 0)
        {
            moved.Add(new CommentStmt("adjoints the loop below needs, known before it runs: moved up from the reverse sweep"));
            moved.AddRange(before.Take(heading));
        }

        EquatableArray<IrStmt> newForward = forward.Take(f).Concat(moved).Append(loop with { Body = body.ToEquatableArray() }).Concat(post).ToEquatableArray();
        EquatableArray<IrStmt> newReverse = reverse.Skip(r + 1).ToEquatableArray();
        return (newForward, newReverse);
    }
}
