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
/// neither touches the tape but to record a value for its own reverse iteration (<see cref="IterationRecords"/>, which
/// fusion removes), the reverse loop's iterations commute (private scalars, reset adjoints, + reductions into scalars
/// and gradient buffers, as <see cref="IterationIndependence"/> finds; kernel and callee-gradient calls included), the
/// reverse statements before it (the adjoints it reads, as <c>d_sum +=
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
        HashSet<string> writable = LoopEffects.Writable(program);
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

        if (forward == program.Forward && reverse == program.Reverse)
        {
            return program;
        }

        bool usesTape = IrWalker.AllStatements(forward.Concat(reverse)).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s));
        return program with { Forward = forward, Reverse = reverse, UsesTape = program.UsesTape && usesTape };
    }

    private static (EquatableArray<IrStmt>, EquatableArray<IrStmt>)? Fuse(EquatableArray<IrStmt> forward, int f, EquatableArray<IrStmt> reverse, int r, HashSet<string> writable)
    {
        // Records kept only for the loop's own reverse iterations go; any other use of the tape keeps the loops apart.
        if (IterationRecords.Remove((ForStmt)forward[f], (ForStmt)reverse[r], reverse.Skip(r + 1)) is not { } stripped
            || IterationIndependence.Of(stripped.Mirror, writable) is not { } shape)
        {
            return null;
        }

        (ForStmt loop, ForStmt mirror, HashSet<string> shared) = stripped;
        List<IrStmt> post = forward.Skip(f + 1).ToList(), before = reverse.Take(r).ToList();
        HashSet<string> loopWrites = LoopEffects.Writes(loop.Body), loopReads = LoopEffects.Reads(loop.Body);
        HashSet<string> mirrorWrites = LoopEffects.Writes(mirror.Body), mirrorReads = LoopEffects.Reads(mirror.Body);
        HashSet<string> postWrites = LoopEffects.Writes(post), postReads = LoopEffects.Reads(post);
        HashSet<string> beforeWrites = LoopEffects.Writes(before), beforeReads = LoopEffects.Reads(before);
        loopWrites.Add(loop.Index);

        // The reverse statements before the loop can run before it: they read nothing it or what follows writes.
        // Moved ahead of the loop and of what follows it, they must not pop what those push.
        bool beforeMoves = !IrWalker.AllStatements(before.Concat(post)).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s))
            && !beforeReads.Overlaps(loopWrites) && !beforeReads.Overlaps(postWrites)
            && !beforeWrites.Overlaps(loopReads) && !beforeWrites.Overlaps(loopWrites) && !beforeWrites.Overlaps(postReads) && !beforeWrites.Overlaps(postWrites);

        // The reverse iteration sees of the forward loop only what it computes again itself (its private scalars) and the
        // values the records kept for it (now this iteration's own); the forward loop sees nothing the reverse writes but
        // its own private scalars, which it sets first.
        HashSet<string> mirrorPrivate = shape.Private(loop.Index);
        HashSet<string> loopPrivate = IterationIndependence.Of(loop, writable) is { } own
            ? own.Private(loop.Index)
            : new HashSet<string>(IrWalker.AllStatements(loop.Body).OfType<DeclareStmt>().Select(d => d.Name)) { loop.Index };
        bool independent = mirrorReads.Where(loopWrites.Contains).All(n => mirrorPrivate.Contains(n) || shared.Contains(n))
            && mirrorWrites.Where(n => loopReads.Contains(n) || loopWrites.Contains(n)).All(n => loopPrivate.Contains(n) && mirrorPrivate.Contains(n))
            && !mirrorReads.Overlaps(postWrites) && !mirrorWrites.Overlaps(postReads) && !mirrorWrites.Overlaps(postWrites);

        // A reverse iteration's reset adjoints start at zero in whichever iteration runs first: nothing before may set them.
        HashSet<string> earlierWrites = LoopEffects.Writes(forward.Take(f).Concat(before));
        bool resetsStartAtZero = !shape.Scalars.Any(s => s.Value == ScalarRole.Reset && earlierWrites.Contains(s.Key));

        // After the fused loop its index ends where the forward loop leaves it, not where the reverse did.
        bool indexDead = !LoopEffects.Reads(reverse.Skip(r + 1)).Contains(loop.Index);
        if (!beforeMoves || !independent || !resetsStartAtZero || !indexDead)
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
