using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Recompute instead of record: in a forward loop that records a scalar <c>t</c> before setting it to a pure value of
/// the iteration (<c>tape.Push(t); t = E(i);</c>, or a chain <c>t = E0; t = t + E1;</c> that composes to one, with
/// <c>E</c> reading only the indices of the loop and of the loops around it and values that stay the same until the
/// reverse loop ends), the reverse loop sets <c>t</c> to that value at the start of each iteration instead of
/// restoring it after, and neither loop touches the tape for it. The loop is a top-level forward loop or a loop at the
/// top level of one (the pre-activation <c>sum</c> of a layer's unit loop inside a sample loop) whose reverse is at
/// the top level of the enclosing reverse loop. This needs the restored value to be dead (nothing in the reverse
/// iteration after the pop, nor in the enclosing loops outside the pair, nor after the reverse loop, reads <c>t</c>),
/// and the forward iteration not to read <c>t</c> before setting it (no value carried between iterations). The tape is
/// a stack, so a push and its pop go together: every push of the forward body and pop of the reverse body is at its top
/// level, and the pop removed is the push's mirror. A loop that then records nothing can be vectorized.
/// A value that reads what the loops change is recomputed too where the reverse iteration has put that back: scalars
/// neither loop writes and the reverse already reads, and arrays whose every write is recorded and restored, once the
/// iteration's later writes are restored (<see cref="RestoredAt"/>; an LSTM's gates), if each math call in it is one
/// the reverse evaluates anyway.
/// The same goes for the int index recorded with an element the loop overwrites (<c>int t15 = cell + i;
/// tape.Push(current[t15]); tape.PushInt32(t15);</c>, popped as <c>int t2 = tape.PopInt32();</c>): when its value is the
/// same in the reverse iteration (see <see cref="SameInBothLoops"/>), the reverse declares it with that value and only
/// the element is recorded.
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

            // What may change between the forward iteration and the end of the reverse loop.
            IEnumerable<IrStmt> between = forward.Skip(f).Concat(reverse.Take(r + 1));
            var scope = new Scope(
                new HashSet<string>(IrWalker.AllStatements(between).SelectMany(LoopEffects.Written)),
                new HashSet<string>(IrWalker.AllStatements(between).SelectMany(LoopEffects.WrittenArrays)),
                [loop.Index],
                reverse.Skip(r + 1).ToList(),
                between.ToList());
            (ForStmt newLoop, ForStmt newMirror) = RecomputeNest(loop, (ForStmt)reverse[r], scope);
            if (newLoop != loop || newMirror != reverse[r])
            {
                forward = forward.Select((s, i) => i == f ? newLoop : s).ToEquatableArray();
                reverse = reverse.Select((s, i) => i == r ? newMirror : s).ToEquatableArray();
            }
        }

        if (forward == program.Forward && reverse == program.Reverse)
        {
            return program;
        }

        bool usesTape = IrWalker.AllStatements(forward.Concat(reverse)).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s));
        return program with { Forward = forward, Reverse = reverse, UsesTape = program.UsesTape && usesTape };
    }

    /// <summary>
    /// What the pair may read and where the restored values must be dead.
    /// </summary>
    /// <param name="ChangedScalars">Scalars written between the top-level forward loop's start and its reverse's end.</param>
    /// <param name="ChangedArrays">Arrays written in that stretch.</param>
    /// <param name="Indices">The indices of the pair and of the loops around it: the same in the forward and the reverse iteration.</param>
    /// <param name="Outside">Statements outside the pair that run after its forward iterations and before the end of the reverse sweep.</param>
    /// <param name="Between">The stretch itself: the top-level forward loop onwards, and the reverse sweep up to the end of its mirror.</param>
    private sealed record Scope(HashSet<string> ChangedScalars, HashSet<string> ChangedArrays, HashSet<string> Indices, List<IrStmt> Outside, List<IrStmt> Between);

    /// <summary>The pair with its recomputable records removed, then each loop pair at the top level of its bodies.</summary>
    private static (ForStmt Loop, ForStmt Mirror) RecomputeNest(ForStmt loop, ForStmt mirror, Scope scope)
    {
        while (Recompute(loop, mirror, scope) is { } rewritten)
        {
            (loop, mirror) = rewritten;
        }

        for (int f = 0; f < loop.Body.Count; f++)
        {
            if (loop.Body[f] is not ForStmt inner || LoopRange.Of(inner) is not { } range || LoopEffects.Mirror(mirror.Body, inner, range) is not { } r
                || loop.Body.Count(s => s is ForStmt other && other.Index == inner.Index) != 1)
            {
                continue;
            }

            var innerMirror = (ForStmt)mirror.Body[r];
            var innerScope = scope with
            {
                Indices = new HashSet<string>(scope.Indices) { inner.Index },
                Outside = scope.Outside.Concat(loop.Body.Where((_, i) => i != f)).Concat(mirror.Body.Where((_, i) => i != r)).ToList(),
            };
            (ForStmt newInner, ForStmt newInnerMirror) = RecomputeNest(inner, innerMirror, innerScope);
            loop = loop with { Body = loop.Body.Select((s, i) => i == f ? newInner : s).ToEquatableArray() };
            mirror = mirror with { Body = mirror.Body.Select((s, i) => i == r ? newInnerMirror : s).ToEquatableArray() };
        }

        return (loop, mirror);
    }

    /// <summary>One recorded scalar of the pair made recomputed, or null when none qualifies.</summary>
    private static (ForStmt, ForStmt)? Recompute(ForStmt loop, ForStmt mirror, Scope scope)
    {
        int[] pushes = Positions(loop.Body, s => s is TapePushStmt);
        int[] pops = Positions(mirror.Body, s => s is AssignStmt { Value: TapePopExpr } or DeclareStmt { Value: TapePopExpr });
        if (pushes.Length != pops.Length
            || IrWalker.AllStatements(loop.Body).Count(s => s is TapePushStmt) != pushes.Length
            || IrWalker.AllStatements(mirror.Body).Count(IrWalker.ContainsTapePop) != pops.Length
            || pushes.Length == 0)
        {
            return null;
        }

        for (int k = 0; k < pushes.Length; k++)
        {
            if (((TapePushStmt)loop.Body[pushes[k]]).Value is not VariableExpr t)
            {
                continue;
            }

            int pop = pops[pops.Length - 1 - k];
            if (mirror.Body[pop] is DeclareStmt { Value: TapePopExpr } index)
            {
                // An element write's index, recorded so that the reverse restores the element it overwrote.
                if (IndexDefinition(loop.Body, pushes[k], t) is { } indexValue && SameInBothLoops(indexValue, loop, mirror, scope)
                    && !IrWalker.Descendants(indexValue).Any(n => n is CallExpr))
                {
                    var reverseBody = mirror.Body.ToList();
                    reverseBody[pop] = index with { Value = indexValue };
                    return (loop with { Body = loop.Body.Where((_, i) => i != pushes[k]).ToEquatableArray() }, mirror with { Body = reverseBody.ToEquatableArray() });
                }

                continue;
            }

            if (mirror.Body[pop] is not AssignStmt { Target: VariableExpr restored } || restored.Name != t.Name
                || Definition(loop.Body, pushes[k], t.Name) is not { } value)
            {
                continue;
            }

            bool pure = !IrWalker.Descendants(value).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr)
                && IrWalker.VariablesRead(value).All(v => scope.Indices.Contains(v) || (v != t.Name && !scope.ChangedScalars.Contains(v)))
                && !IrWalker.ArraysRead(value).Any(scope.ChangedArrays.Contains);
            bool deadAfterPop = !mirror.Body.Skip(pop + 1).Any(s => Touches(s, t.Name))
                && !mirror.Body.Where((_, i) => i != pop).Any(s => Writes(s, t.Name))
                && !scope.Outside.Any(s => Touches(s, t.Name));
            var body = mirror.Body.Where((_, i) => i != pop).ToList();
            // Where the reverse iteration computes t again: first thing, or once it has restored what t reads (a position
            // of the body with the pop removed).
            int? at = !deadAfterPop ? null : pure ? 0 : RestoredAt(value, t.Name, loop, mirror, pushes, pops, scope) is { } after ? after - (after > pop ? 1 : 0) : null;
            if (at is not { } position || body.Take(position).Any(s => Touches(s, t.Name)))
            {
                continue;
            }

            var newLoop = loop with { Body = loop.Body.Where((_, i) => i != pushes[k]).ToEquatableArray() };
            body.Insert(position, new CommentStmt(IrPrinter.Print(new AssignStmt(t, value)) + RecomputedSuffix));
            body.Insert(position + 1, new AssignStmt(t, value));
            return (newLoop, mirror with { Body = body.ToEquatableArray() });
        }

        return null;
    }

    /// <summary>
    /// Where in the reverse body (a position of <paramref name="mirror"/>'s body) <paramref name="value"/>, which
    /// <c>t</c> gets once in the forward body and which reads arrays the loops write, can be evaluated again with the
    /// same result; null when there is no such place. That holds when every write of those arrays between the forward
    /// loop and the end of its reverse is recorded element by element and restored from the tape (the reverse sweep
    /// then puts each array back, write by write, into the state the forward loop saw), once the reverse iteration
    /// has restored the writes the forward iteration made after setting <c>t</c>: an LSTM's gates read
    /// <c>input[i]</c> and <c>current[hidden + i]</c>, which the iteration overwrites after computing them, so the
    /// reverse computes the gates again right after it restores those two elements, instead of recording them. The
    /// scalars it reads are the same in both loops (<see cref="SameInBothLoops"/>).
    /// </summary>
    private static int? RestoredAt(IrExpr value, string t, ForStmt loop, ForStmt mirror, int[] pushes, int[] pops, Scope scope)
    {
        int[] writes = Positions(loop.Body, s => Writes(s, t));
        if (writes.Length != 1 || IrWalker.VariablesRead(value).Contains(t) || !SameInBothLoops(value, loop, mirror, scope))
        {
            return null;
        }

        // A math call is evaluated again only where the reverse already evaluates it (a derivative rule's sigmoid(u)),
        // which call reuse then shares: recomputing must not cost a call that recording did not.
        var evaluated = new HashSet<IrExpr>(IrWalker.AllStatements(mirror.Body).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.Descendants).OfType<CallExpr>());
        if (IrWalker.Descendants(value).OfType<CallExpr>().Any(call => !evaluated.Contains(call)))
        {
            return null;
        }

        var arrays = new HashSet<string>(IrWalker.ArraysRead(value).Where(scope.ChangedArrays.Contains));
        var recorded = new HashSet<IrStmt>(RecordedOrRestored(scope.Between), ReferenceComparer<IrStmt>.Instance);
        if (IrWalker.AllStatements(scope.Between).Any(s => LoopEffects.WrittenArrays(s).Any(arrays.Contains) && !recorded.Contains(s))
            || loop.Body.Any(s => s is not AssignStmt && IrWalker.AllStatements([s]).Any(inner => LoopEffects.WrittenArrays(inner).Any(arrays.Contains))))
        {
            return null;
        }

        // After the restore of each write the forward iteration makes to those arrays once t is set (its record is
        // the push just before it; the restore is that push's mirror pop).
        int at = 0;
        for (int w = writes[0] + 1; w < loop.Body.Count; w++)
        {
            if (LoopEffects.WrittenArrays(loop.Body[w]).Any(arrays.Contains))
            {
                int record = System.Array.IndexOf(pushes, w - 1);
                if (record < 0)
                {
                    return null;
                }

                at = System.Math.Max(at, pops[pops.Length - 1 - record] + 1);
            }
        }

        return at;
    }

    /// <summary>
    /// The element writes of <paramref name="statements"/> (nested blocks included) right after a record of the same
    /// element in their own block, and the restores from the tape.
    /// </summary>
    private static IEnumerable<IrStmt> RecordedOrRestored(IEnumerable<IrStmt> statements)
    {
        IrStmt? previous = null;
        foreach (IrStmt statement in statements)
        {
            if (statement is AssignStmt { Target: ElementExpr target } assign
                && (assign.Value is TapePopExpr || (previous is TapePushStmt { Value: ElementExpr pushed } && pushed == target)))
            {
                yield return statement;
            }

            EquatableArray<IrStmt>[] blocks = statement switch
            {
                ForStmt loop => [loop.Body],
                WhileStmt loop => [loop.Body],
                IfStmt branch => [branch.Then, branch.Else],
                _ => [],
            };
            foreach (IrStmt inner in blocks.SelectMany(block => RecordedOrRestored(block)))
            {
                yield return inner;
            }

            previous = statement;
        }
    }

    /// <summary>
    /// The value of a recorded int index <c>t</c> (<c>int t15 = cell + i;</c>, recorded with the element it indexes), when
    /// the body declares it at its top level before the record, writes it nowhere else, and it reads no array; otherwise null.
    /// </summary>
    private static IrExpr? IndexDefinition(EquatableArray<IrStmt> body, int push, VariableExpr t)
    {
        int[] declarations = Positions(body, s => s is DeclareStmt d && d.Name == t.Name);
        if (t.Type != NumericType.Int || declarations.Length != 1 || declarations[0] > push
            || Enumerable.Range(0, body.Count).Any(i => i != declarations[0] && Writes(body[i], t.Name)))
        {
            return null;
        }

        IrExpr value = ((DeclareStmt)body[declarations[0]]).Value;
        return IrWalker.ArraysRead(value).Any() || IrWalker.VariablesRead(value).Contains(t.Name) ? null : value;
    }

    /// <summary>
    /// Whether the scalars <paramref name="value"/> (no tape, no method call) reads are the same in the reverse iteration as in the forward one: each
    /// variable it reads is an index of the pair or of the loops around it, or nothing between the forward loop and the
    /// end of its reverse changes it, or neither loop of the pair writes it and the reverse loop already reads it (the
    /// reverse sweep restores what it reads to the value it had when the forward loop ran, so <c>cell</c>, which the
    /// enclosing layer loop sets and its reverse restores, holds through both).
    /// </summary>
    private static bool SameInBothLoops(IrExpr value, ForStmt loop, ForStmt mirror, Scope scope)
        => !IrWalker.Descendants(value).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr)
            && IrWalker.VariablesRead(value).All(v => scope.Indices.Contains(v) || !scope.ChangedScalars.Contains(v)
                || (!loop.Body.Any(s => Writes(s, v)) && !mirror.Body.Any(s => Writes(s, v)) && mirror.Body.Any(s => LoopShape.Touches(s, v))));

    /// <summary>
    /// The value <c>t</c> holds at the end of an iteration when its writes are top-level <c>t = E</c> after the push at
    /// <paramref name="push"/>, the first not reading <c>t</c> and each later one read as the one before substituted
    /// (<c>t = b[k]; t = t + s[k];</c> is <c>b[k] + s[k]</c>), and nothing before the first reads <c>t</c> (apart from
    /// the push); otherwise null.
    /// </summary>
    private static IrExpr? Definition(EquatableArray<IrStmt> body, int push, string t)
    {
        int[] writes = Positions(body, s => Writes(s, t));
        if (writes.Length == 0 || writes[0] < push || writes.Any(w => body[w] is not AssignStmt { Kind: AssignKind.Set, Target: VariableExpr })
            || IrWalker.VariablesRead(((AssignStmt)body[writes[0]]).Value).Contains(t)
            || Enumerable.Range(0, writes[0]).Any(i => i != push && Touches(body[i], t)))
        {
            return null;
        }

        IrExpr value = ((AssignStmt)body[writes[0]]).Value;
        // The caller's purity check (only loop indices and values nothing in the loops changes) also keeps what the
        // composed value reads the same between one write and the next.
        for (int w = 1; w < writes.Length; w++)
        {
            IrExpr previous = value;
            value = ExpressionRewriter.Rewrite(((AssignStmt)body[writes[w]]).Value, e => e is VariableExpr v && v.Name == t ? previous : e);
        }

        return value;
    }

    private static bool Touches(IrStmt statement, string t) => LoopShape.Touches(statement, t) || Writes(statement, t);

    /// <summary>Whether the statement or one nested in it writes <paramref name="t"/> (an assignment, a kernel's or call's result, a loop index).</summary>
    private static bool Writes(IrStmt statement, string t) => IrWalker.AllStatements([statement]).Any(inner => LoopEffects.Written(inner).Contains(t));

    private static int[] Positions(EquatableArray<IrStmt> body, System.Func<IrStmt, bool> predicate)
        => Enumerable.Range(0, body.Count).Where(i => predicate(body[i])).ToArray();
}
