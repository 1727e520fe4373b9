using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// One record for an array a loop overwrites element by element, instead of one per element. A forward loop
/// <c>for (k = 0; k &lt; n; k++) { ...; tape.Push(a[k]); a[k] = v; ... }</c> records each element just before it
/// sets it, and its reverse loop <c>for (k = n - 1; k &gt;= 0; k--) { ...; a[k] = tape.Pop(); ... }</c> puts them back
/// one by one. Since iteration <c>k</c> writes only <c>a[k]</c>, and only after recording it, the values recorded are
/// those <c>a[0..n)</c> held before the loop: the forward sweep records them as one span before the loop
/// (<c>tape.PushSpan(a[0..n))</c>, one copy) and the reverse sweep reads them back as one span after its loop, which
/// is the same as long as nothing in the reverse loop reads or writes <c>a</c> (the restored values would show
/// earlier) and <c>n</c> is the same after it. The tape is a stack, so the span goes on before every record of the
/// loop's iterations and comes off after all of theirs: the pairing of the loop's other records is unchanged. Records
/// and restores pair by position: every tape statement of the two bodies is at their top level. The pair is a
/// top-level forward loop and its reverse, or a pair at the top level of such a pair's bodies (a layer's unit loop in
/// a sample loop). The reverse loop then touches the tape no more, and can be vectorized.
/// </summary>
internal sealed class SpanRecords : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        if (!program.UsesTape)
        {
            return program;
        }

        var lengths = new ArrayLengths(program);
        (EquatableArray<IrStmt> forward, EquatableArray<IrStmt> reverse) = RewriteBlocks(program.Forward, program.Reverse, lengths);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    /// <summary>Every loop pair of a forward block and its reverse block, and the pairs nested in them, with their element records made span records.</summary>
    private static (EquatableArray<IrStmt> Forward, EquatableArray<IrStmt> Reverse) RewriteBlocks(EquatableArray<IrStmt> forward, EquatableArray<IrStmt> reverse, ArrayLengths lengths)
    {
        List<IrStmt> f = [.. forward], r = [.. reverse];
        for (int position = 0; position < f.Count; position++)
        {
            if (f[position] is not ForStmt loop || LoopRange.Of(loop) is not { } range
                || f.Count(s => s is ForStmt other && other.Index == loop.Index) != 1
                || LoopEffects.Mirror(r.ToEquatableArray(), loop, range) is not { } m)
            {
                continue;
            }

            var mirror = (ForStmt)r[m];
            (EquatableArray<IrStmt> body, EquatableArray<IrStmt> mirrorBody) = RewriteBlocks(loop.Body, mirror.Body, lengths);
            loop = loop with { Body = body };
            mirror = mirror with { Body = mirrorBody };
            var before = new List<IrStmt>();
            var after = new List<IrStmt>();
            while (Hoist(loop, mirror, lengths) is { } hoisted)
            {
                (loop, mirror) = (hoisted.Loop, hoisted.Mirror);
                before.AddRange(hoisted.Record);
                after.InsertRange(0, hoisted.Restore);
            }

            f[position] = loop;
            r[m] = mirror;
            f.InsertRange(position, before);
            r.InsertRange(m + 1, after);
            position += before.Count;
        }

        EquatableArray<IrStmt> newForward = f.ToEquatableArray(), newReverse = r.ToEquatableArray();
        return (newForward == forward ? forward : newForward, newReverse == reverse ? reverse : newReverse);
    }

    private sealed record Hoisted(ForStmt Loop, ForStmt Mirror, IrStmt[] Record, IrStmt[] Restore);

    /// <summary>One element record of the pair made a span record before the loop and after its reverse, or null when none qualifies.</summary>
    private static Hoisted? Hoist(ForStmt loop, ForStmt mirror, ArrayLengths lengths)
    {
        if (loop is not { Start: ConstantExpr { Value: 0 }, Condition: BinaryOperator.Less, Step: 1 })
        {
            return null;
        }

        int[] pushes = Positions(loop.Body, s => s is TapePushStmt);
        int[] pops = Positions(mirror.Body, IrWalker.ContainsTapePop);
        if (pushes.Length == 0 || pushes.Length != pops.Length
            || IrWalker.AllStatements(loop.Body).Count(s => s is TapePushStmt || IrWalker.ContainsTapePop(s)) != pushes.Length
            || IrWalker.AllStatements(mirror.Body).Count(s => s is TapePushStmt || IrWalker.ContainsTapePop(s)) != pops.Length
            || LoopEffects.Writes(loop.Body).Contains(loop.Index) || LoopEffects.Writes(mirror.Body).Contains(mirror.Index)
            || !LoopEffects.IsInvariant(loop.Bound, LoopEffects.Writes(loop.Body.Concat(mirror.Body))))
        {
            return null;
        }

        for (int k = 0; k < pushes.Length; k++)
        {
            if (((TapePushStmt)loop.Body[pushes[k]]).Value is not ElementExpr { Index: VariableExpr index } element || index.Name != loop.Index)
            {
                continue;
            }

            int pop = pops[pops.Length - 1 - k];
            string array = element.Array;
            if (mirror.Body[pop] is not AssignStmt { Kind: AssignKind.Set, Target: ElementExpr { Index: VariableExpr restoredIndex } restored, Value: TapePopExpr }
                || restored.Array != array || restoredIndex.Name != mirror.Index
                || !WritesOnlyAfter(loop.Body, pushes[k], array, loop.Index)
                || mirror.Body.Where((_, i) => i != pop).Any(s => LoopEffects.Reads([s]).Contains(array) || LoopEffects.Writes([s]).Contains(array)))
            {
                continue;
            }

            IrExpr view = lengths.Prefix(array, element.Type, loop.Bound);
            string covered = array + "[0.." + IrPrinter.Print(loop.Bound) + ")";
            return new Hoisted(
                loop with { Body = loop.Body.Where((_, i) => i != pushes[k]).ToEquatableArray() },
                mirror with { Body = mirror.Body.Where((_, i) => i != pop).ToEquatableArray() },
                [new CommentStmt("record " + covered + " before the loop below overwrites it: one span, not one element per iteration"), new TapePushStmt(view)],
                [new CommentStmt("restore " + covered + " as the loop found it"), new TapePopSpanStmt(ArrayView.AsWritable(view, writable: true))]);
        }

        return null;
    }

    /// <summary>
    /// Whether the body writes <paramref name="array"/> only by top-level <c>array[index] = ...</c> after the record at
    /// <paramref name="push"/>, and records it nowhere else: each iteration then records what the loop found.
    /// </summary>
    private static bool WritesOnlyAfter(EquatableArray<IrStmt> body, int push, string array, string index)
    {
        for (int i = 0; i < body.Count; i++)
        {
            IrStmt statement = body[i];
            bool records = i != push && IrWalker.AllStatements([statement]).Any(s => s is TapePushStmt p && IrWalker.ArraysRead(p.Value).Contains(array));
            bool writes = LoopEffects.Writes([statement]).Contains(array);
            bool elementWrite = statement is AssignStmt { Target: ElementExpr { Index: VariableExpr v } target } && target.Array == array && v.Name == index;
            if (records || (writes && (!elementWrite || i < push)))
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Positions(EquatableArray<IrStmt> body, System.Func<IrStmt, bool> predicate)
        => Enumerable.Range(0, body.Count).Where(i => predicate(body[i])).ToArray();

    /// <summary>
    /// The view of an array's first <c>n</c> elements. The whole array when <c>n</c> is its length: <c>a.Length</c>, or
    /// the length it was allocated with when nothing writes what that length reads after the allocation. Otherwise the
    /// prefix clamped to the array, so that the record does not throw where the loop's own access does.
    /// </summary>
    private sealed class ArrayLengths(GradientProgram program)
    {
        private readonly List<IrStmt> _all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();

        public IrExpr Prefix(string array, NumericType type, IrExpr count)
        {
            if (count is LengthExpr length && length.Array == array || IsAllocatedLength(array, count))
            {
                return new ArrayRefExpr(array, type);
            }

            IrExpr clamped = new CallExpr(MathFunction.Min, EquatableArray.Create(count, (IrExpr)new LengthExpr(array)), NumericType.Int);
            IrExpr nonNegative = new CallExpr(MathFunction.Max, EquatableArray.Create(ConstantExpr.Zero(NumericType.Int), clamped), NumericType.Int);
            return new SliceExpr(array, ConstantExpr.Zero(NumericType.Int), nonNegative, type);
        }

        private bool IsAllocatedLength(string array, IrExpr count)
        {
            int[] allocations = Enumerable.Range(0, program.Forward.Count).Where(i => program.Forward[i] is AllocateStmt a && a.Name == array).ToArray();
            if (allocations.Length != 1 || _all.OfType<AllocateStmt>().Count(a => a.Name == array) != 1
                || ((AllocateStmt)program.Forward[allocations[0]]).Length != count
                || IrWalker.Descendants(count).Any(n => n is ElementExpr or TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr))
            {
                return false;
            }

            // Nothing after the allocation, in either sweep, writes what the length reads.
            HashSet<string> reads = [.. IrWalker.VariablesRead(count)];
            IEnumerable<IrStmt> later = IrWalker.AllStatements(program.Forward.Skip(allocations[0] + 1).Concat(program.Reverse));
            return !later.SelectMany(LoopEffects.Written).Any(reads.Contains);
        }
    }
}
