using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Zeros need no tape. Before a call overwrites an output, the forward sweep records the output's previous contents
/// (<c>for (k = 0; k &lt; a.Length; k++) tape.Push(a[k]);</c>) and the reverse sweep puts them back
/// (<c>for (k = a.Length - 1; k &gt;= 0; k--) a[k] = tape.Pop();</c>). When <c>a</c> is a local array that nothing has
/// written since it was allocated (a layer's output buffer, <c>new float[count * 128]</c>), those contents are the
/// allocation's zeros: the record goes and the restore becomes <c>a.Clear()</c>. The tape is a stack, so records and
/// restores are paired by position: the forward sweep's top-level statements that touch the tape, in order, against
/// the reverse sweep's, in reverse order; the pass changes nothing unless both lists are equally long, and takes only
/// pairs that are such whole-array loops over the same array.
/// </summary>
internal sealed class FreshArrayRecords : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        int[] records = TapeStatements(program.Forward), restores = TapeStatements(program.Reverse);
        if (!program.UsesTape || records.Length == 0 || records.Length != restores.Length)
        {
            return program;
        }

        var dropped = new HashSet<int>();
        var cleared = new Dictionary<int, IrStmt>();
        for (int k = 0; k < records.Length; k++)
        {
            int record = records[k], restore = restores[restores.Length - 1 - k];
            if (RecordedArray(program.Forward[record]) is { } array && RestoredArray(program.Reverse[restore]) == array.Array
                && IsFresh(program.Forward, record, array.Array))
            {
                dropped.Add(record);
                cleared[restore] = new ClearStmt(array);
            }
        }

        if (dropped.Count == 0)
        {
            return program;
        }

        // The comment above a dropped record ("record a before F overwrites it") goes with it.
        var forward = program.Forward.Where((s, i) => !dropped.Contains(i) && !(s is CommentStmt && dropped.Contains(i + 1))).ToEquatableArray();
        var reverse = program.Reverse.Select((s, i) => cleared.TryGetValue(i, out IrStmt? clear) ? clear : s).ToEquatableArray();
        bool usesTape = IrWalker.AllStatements(forward.Concat(reverse)).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s));
        return program with { Forward = forward, Reverse = reverse, UsesTape = usesTape };
    }

    private static int[] TapeStatements(EquatableArray<IrStmt> block)
        => Enumerable.Range(0, block.Count).Where(i => IrWalker.AllStatements([block[i]]).Any(s => s is TapePushStmt || IrWalker.ContainsTapePop(s))).ToArray();

    /// <summary>The array of <c>for (k = 0; k &lt; a.Length; k++) tape.Push(a[k]);</c>, or null.</summary>
    private static ArrayRefExpr? RecordedArray(IrStmt statement)
        => statement is ForStmt { Start: ConstantExpr { Value: 0 }, Condition: BinaryOperator.Less, Bound: LengthExpr length, Step: 1, Body: [TapePushStmt { Value: ElementExpr element }] } loop
            && element.Array == length.Array && element.Index is VariableExpr index && index.Name == loop.Index
            ? new ArrayRefExpr(element.Array, element.Type)
            : null;

    /// <summary>The array of <c>for (k = a.Length - 1; k &gt;= 0; k--) a[k] = tape.Pop();</c>, or null.</summary>
    private static string? RestoredArray(IrStmt statement)
        => statement is ForStmt
        {
            Start: BinaryExpr { Operator: BinaryOperator.Subtract, Left: LengthExpr length, Right: ConstantExpr { Value: 1 } },
            Condition: BinaryOperator.GreaterOrEqual,
            Bound: ConstantExpr { Value: 0 },
            Step: -1,
            Body: [AssignStmt { Kind: AssignKind.Set, Target: ElementExpr element, Value: TapePopExpr }],
        } loop
            && element.Array == length.Array && element.Index is VariableExpr index && index.Name == loop.Index
            ? element.Array
            : null;

    /// <summary>Whether <paramref name="array"/> is allocated at the top level before <paramref name="record"/> and nothing writes it in between.</summary>
    private static bool IsFresh(EquatableArray<IrStmt> forward, int record, string array)
    {
        int allocation = record - 1;
        while (allocation >= 0 && !(forward[allocation] is AllocateStmt a && a.Name == array))
        {
            allocation--;
        }

        return allocation >= 0
            && IrWalker.AllStatements(forward).OfType<AllocateStmt>().Count(a => a.Name == array) == 1
            && !forward.Skip(allocation + 1).Take(record - allocation - 1).Any(s => LoopEffects.Writes([s]).Contains(array));
    }
}
