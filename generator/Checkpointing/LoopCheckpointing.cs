using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Checkpointing;

/// <summary>
/// Checkpointing, so that a loop that records every iteration keeps the tape within its budget instead of failing:
/// a top-level unit-step loop of the forward sweep whose body pushes becomes a <see cref="CheckpointedLoopStmt"/>, and
/// its reverse loop a <see cref="CheckpointReplayStmt"/> followed by the reverse of the recorded iterations only. While
/// the tape is within half its budget nothing changes (one comparison per iteration); past it, the rest of the
/// iterations run without recording, saving every few iterations what they carry, and the reverse sweep re-runs them
/// from those checkpoints one segment at a time (two-level checkpointing: the segment length that keeps the tape
/// smallest, <c>√(iterations · checkpoint / bytes per iteration)</c>, is chosen at run time).
/// <para>
/// Sound when a re-run computes what the first run did: the checkpoint holds every scalar and array the body writes
/// (its block-scoped temporaries aside), and nothing else the body reads, nor the loop's range, is changed after the
/// loop by the forward sweep or, before the loop's reverse, by the reverse sweep. The body must be a forward body
/// only (no adjoint accumulation, no gradient kernels or calls, no pops: a fused loop is not taken), and allocate
/// nothing (its scratch would be rented again).
/// </para>
/// </summary>
internal sealed class LoopCheckpointing : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        if (!program.UsesTape)
        {
            return program;
        }

        List<IrStmt> all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();
        var names = new NameScope(Vectorization.LoopVectorization.TakenNames(program, all));
        List<IrStmt> forward = [.. program.Forward];
        List<IrStmt> reverse = [.. program.Reverse];
        List<IrLocal> locals = [.. program.Locals];
        for (int position = 0; position < forward.Count; position++)
        {
            if (forward[position] is not ForStmt loop || LoopRange.Of(loop) is not { } range
                || LoopEffects.Mirror(program.Reverse, loop, range) is not { } mirror
                || reverse[mirror] is not ForStmt { Condition: BinaryOperator.GreaterOrEqual or BinaryOperator.LessOrEqual } reversed
                || reversed.Step != -loop.Step || reversed.Bound != loop.Start || !IrWalker.ContainsTapePop(reversed)
                || State(program, loop) is not { } state
                || !Replayable(loop, state, forward.Skip(position + 1), reverse.Take(mirror)))
            {
                continue;
            }

            var shared = new CheckpointLocals(
                Fresh(names, locals, "checkpointBegin", NumericType.Long),
                Fresh(names, locals, "checkpointLimit", NumericType.Long),
                Fresh(names, locals, "checkpointNext", NumericType.Int),
                Fresh(names, locals, "checkpointRest", NumericType.Int),
                Fresh(names, locals, "checkpointLength", NumericType.Int),
                Fresh(names, locals, "checkpointSegment", NumericType.Int),
                Fresh(names, locals, "checkpointFirst", NumericType.Int),
                Fresh(names, locals, "checkpointEnd", NumericType.Int),
                Fresh(names, locals, "checkpointCounter", NumericType.Int));
            var next = new VariableExpr(shared.Next, NumericType.Int);
            IrExpr remaining = range.Ascending
                ? IntArithmetic.Minus(IntArithmetic.Plus(range.Lowest, range.Count), next)
                : IntArithmetic.PlusConstant(IntArithmetic.Minus(next, range.Lowest), 1);
            IrExpr recorded = range.Ascending ? IntArithmetic.Minus(next, loop.Start) : IntArithmetic.Minus(loop.Start, next);
            forward[position] = new CheckpointedLoopStmt(loop, WithoutPushes(loop.Body), state, NonNegative(remaining), recorded, shared);

            // The recorded iterations' reverse starts where the recording stopped: one step before the first unrecorded one.
            ForStmt recordedReverse = reversed with { Start = IntArithmetic.PlusConstant(next, -loop.Step) };
            reverse[mirror] = new CheckpointReplayStmt(loop, reversed.Body, state, shared);
            reverse.Insert(mirror + 1, recordedReverse);
        }

        return locals.Count == program.Locals.Count
            ? program
            : program with { Forward = forward.ToEquatableArray(), Reverse = reverse.ToEquatableArray(), Locals = locals.ToEquatableArray() };
    }

    /// <summary>What a checkpoint of the loop saves (the scalars and arrays its body writes), or null when the loop is not taken.</summary>
    private static EquatableArray<CheckpointValue>? State(GradientProgram program, ForStmt loop)
    {
        List<IrStmt> body = IrWalker.AllStatements(loop.Body).ToList();
        HashSet<string> buffers = [.. program.Gradients.Select(g => g.GradientName), .. program.Outputs.Select(o => o.AdjointName)];
        if (!body.OfType<TapePushStmt>().Any()
            || IrWalker.ContainsTapePop(loop)
            || body.Any(s => s is AllocateStmt or ScratchMarkStmt or ScratchReleaseStmt or GradientCallStmt or AssignStmt { Kind: AssignKind.Add }
                || s is KernelCallStmt kernel && kernel.Kernel.StartsWith("Add", System.StringComparison.Ordinal))
            || body.SelectMany(LoopEffects.WrittenArrays).Any(buffers.Contains))
        {
            return null;
        }

        var declared = new HashSet<string>(body.OfType<DeclareStmt>().Select(d => d.Name)) { loop.Index };
        var state = new List<CheckpointValue>();
        foreach (string scalar in body.SelectMany(LoopEffects.Written).Where(name => !declared.Contains(name)).Distinct())
        {
            NumericType? type = program.Locals.FirstOrDefault(l => l.Name == scalar && !l.IsArray)?.Type
                ?? program.Method.Parameters.FirstOrDefault(p => p.Name == scalar && p.Kind == ParameterKind.Scalar)?.ElementType;
            if (type is null)
            {
                return null;
            }

            state.Add(new CheckpointValue(scalar, type.Value, IsArray: false));
        }

        foreach (string array in body.SelectMany(LoopEffects.WrittenArrays).Distinct())
        {
            NumericType? type = program.Method.Parameters.FirstOrDefault(p => p.Name == array && p.Kind != ParameterKind.Scalar)?.ElementType
                ?? program.Forward.OfType<AllocateStmt>().FirstOrDefault(a => a.Name == array)?.ElementType;
            if (type is null)
            {
                return null;
            }

            state.Add(new CheckpointValue(array, type.Value, IsArray: true));
        }

        return state.ToEquatableArray();
    }

    /// <summary>
    /// Whether a re-run of the loop in the reverse sweep computes what it did in the forward: its range and what its
    /// body reads beyond the checkpoint are not changed after it (by the forward sweep, nor by the reverse sweep before it).
    /// </summary>
    private static bool Replayable(ForStmt loop, EquatableArray<CheckpointValue> state, IEnumerable<IrStmt> forwardAfter, IEnumerable<IrStmt> reverseBefore)
    {
        HashSet<string> written = LoopEffects.Writes(loop.Body);
        written.Add(loop.Index);
        if (!LoopEffects.IsInvariant(loop.Start, written) || !LoopEffects.IsInvariant(loop.Bound, written))
        {
            return false;
        }

        HashSet<string> read = LoopEffects.Reads(loop.Body);
        read.UnionWith(IrWalker.VariablesRead(loop.Start).Concat(IrWalker.ArraysRead(loop.Start)));
        read.UnionWith(IrWalker.VariablesRead(loop.Bound).Concat(IrWalker.ArraysRead(loop.Bound)));
        read.ExceptWith(written);
        HashSet<string> changedLater = LoopEffects.Writes(forwardAfter);
        changedLater.UnionWith(LoopEffects.Writes(reverseBefore));
        return !read.Overlaps(changedLater);
    }

    /// <summary>The block without its records, and without the comment above a record, which goes with it.</summary>
    private static EquatableArray<IrStmt> WithoutPushes(EquatableArray<IrStmt> block)
        => block.Where((s, i) => s is not TapePushStmt && !(s is CommentStmt && i + 1 < block.Count && block[i + 1] is TapePushStmt)).Select(s => s switch
        {
            ForStmt loop => loop with { Body = WithoutPushes(loop.Body) },
            WhileStmt loop => loop with { Body = WithoutPushes(loop.Body) },
            IfStmt branch => branch with { Then = WithoutPushes(branch.Then), Else = WithoutPushes(branch.Else) },
            _ => s,
        }).ToEquatableArray();

    private static IrExpr NonNegative(IrExpr count) => count is ConstantExpr constant
        ? new ConstantExpr(System.Math.Max(0, constant.Value), NumericType.Int)
        : new CallExpr(MathFunction.Max, EquatableArray.Create<IrExpr>(ConstantExpr.Zero(NumericType.Int), count), NumericType.Int);

    private static string Fresh(NameScope names, List<IrLocal> locals, string preferred, NumericType type)
    {
        string name = names.Fresh(preferred);
        locals.Add(new IrLocal(name, type));
        return name;
    }
}
