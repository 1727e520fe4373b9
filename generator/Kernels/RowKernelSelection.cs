using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Kernels;

/// <summary>
/// Matrix-vector kernels for loops over the rows of a matrix that call a single-row kernel per row (what
/// <see cref="Vectorization.LoopDistribution"/> leaves of a sample loop: one loop of dot products, one of gradient
/// updates):
/// <list type="bullet">
/// <item><c>for (i ...) { z = init; z = Kernels.Dot(z, w, a, x, i * s + c, n); out[i + o] = z; }</c> becomes one
/// <c>Kernels.DotRows</c> call (<c>x · w</c> for every row at once), when <c>out</c> is the method's own array and
/// <c>z</c> is set before it is read everywhere else (its last value is not needed).</item>
/// <item>In a loop whose body calls <c>Kernels.AddScaled(d, x, i * s + c, y, b, n)</c> with <c>d = arr[i + o]</c> read
/// from an array the loop does not write, and touches <c>y</c> nowhere else, the call leaves the loop and one
/// <c>Kernels.AddScaledRows</c> call after it adds <c>xᵀ arr</c> into <c>y</c>: the loop's other statements neither read
/// nor write <c>y</c>, and <c>y</c>'s terms commute, so adding them after the loop, summed over rows first, changes
/// only the rounding.</item>
/// </list>
/// Everything the calls read besides the row (<c>w</c>, <c>init</c>, the strides, offsets and lengths) is the same in
/// every iteration. Both kernels sum in another order than the loops, as every vectorized reduction does.
/// </summary>
internal sealed class RowKernelSelection : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        var context = new Context(program, LoopEffects.Ownership(program).Local);
        EquatableArray<IrStmt> forward = RewriteBlock(program.Forward, context), reverse = RewriteBlock(program.Reverse, context);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    /// <summary>Whether <see cref="Vectorization.LoopDistribution"/> splitting <paramref name="statements"/> off as a loop of their own would let this pass take it.</summary>
    /// <param name="statements">The statements.</param>
    /// <param name="kernel"><c>Dot</c> or <c>AddScaled</c>: the per-row kernel looked for.</param>
    /// <param name="index">The loop's index.</param>
    internal static bool TakesRowsOf(IEnumerable<IrStmt> statements, string kernel, string index)
        => statements.OfType<KernelCallStmt>().Any(k => k.Kernel == kernel && RowOffset.Of(k.Arguments[kernel == "Dot" ? 4 : 2], index) is not null);

    /// <param name="Program">The program, to see where else a scalar is read.</param>
    /// <param name="Local">The method's own arrays (rented or allocated), which share memory with nothing.</param>
    private sealed record Context(GradientProgram Program, HashSet<string> Local);

    private static EquatableArray<IrStmt> RewriteBlock(EquatableArray<IrStmt> block, Context context)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in block)
        {
            switch (statement)
            {
                case ForStmt loop when LoopRange.Of(loop) is { } range && !loop.Body.Any(s => s is ForStmt or WhileStmt):
                    if (DotRows(loop, range, context) is { } call)
                    {
                        output.Add(call);
                    }
                    else
                    {
                        output.AddRange(HoistAddScaled(loop, range, context));
                    }

                    break;
                case ForStmt loop:
                    output.Add(loop with { Body = RewriteBlock(loop.Body, context) });
                    break;
                case WhileStmt loop:
                    output.Add(loop with { Body = RewriteBlock(loop.Body, context) });
                    break;
                case IfStmt branch:
                    output.Add(branch with { Then = RewriteBlock(branch.Then, context), Else = RewriteBlock(branch.Else, context) });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output.ToEquatableArray();
    }

    /// <summary>The <c>DotRows</c> call that computes the whole loop, or null.</summary>
    private static KernelCallStmt? DotRows(ForStmt loop, LoopRange range, Context context)
    {
        List<IrStmt> body = loop.Body.Where(s => s is not CommentStmt).ToList();
        if (body.Count is < 2 or > 3 || body[body.Count - 2] is not KernelCallStmt { Kernel: "Dot", Result: { } z } dot
            || body[body.Count - 1] is not AssignStmt { Kind: AssignKind.Set, Target: ElementExpr store, Value: VariableExpr stored } || stored.Name != z.Name
            || !context.Local.Contains(store.Array))
        {
            return null;
        }

        IrExpr init = dot.Arguments[0];
        if (body.Count == 3)
        {
            if (body[0] is not AssignStmt { Kind: AssignKind.Set, Target: VariableExpr first } set || first.Name != z.Name || init is not VariableExpr acc || acc.Name != z.Name)
            {
                return null;
            }

            init = set.Value;
        }

        var changed = new HashSet<string> { loop.Index, z.Name };
        bool Invariant(IrExpr e) => !IrWalker.VariablesRead(e).Any(changed.Contains) && !IrWalker.ArraysRead(e).Contains(store.Array)
            && !IrWalker.Descendants(e).Any(n => n is TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr);
        if (dot.Arguments[1] is not ArrayRefExpr w || dot.Arguments[3] is not ArrayRefExpr x || w.Array == store.Array || x.Array == store.Array
            || !Invariant(init) || !Invariant(dot.Arguments[2]) || !Invariant(dot.Arguments[5])
            || RowOffset.Of(dot.Arguments[4], loop.Index) is not { } row || !Invariant(row.Stride) || !Invariant(row.Offset)
            || AffineIndex.Of(store.Index, loop.Index) is not { Stride: 1 } slot || !Invariant(slot.Offset)
            || ScalarLiveness.ReadAfter(context.Program, loop, z.Name))
        {
            return null;
        }

        // The first row's start: the row offset at the range's lowest index.
        IrExpr firstRow = IntArithmetic.Plus(new BinaryExpr(BinaryOperator.Multiply, range.Lowest, row.Stride, NumericType.Int), row.Offset);
        return new KernelCallStmt(null, "DotRows",
            EquatableArray.Create<IrExpr>(init, w, dot.Arguments[2], x, firstRow, row.Stride, dot.Arguments[5], new ArrayRefExpr(store.Array, store.Type),
                IntArithmetic.Plus(range.Lowest, slot.Offset), range.Count),
            "Vectorized (rows at once: x · w for every row, four rows per vector of w, summed in SIMD lanes): " + IrPrinter.PrintHeader(loop) + " { "
            + IrPrinter.Print(dot.Arguments[3]) + " row " + IrPrinter.Print(dot.Arguments[4]) + " into " + IrPrinter.Print(store) + " }");
    }

    /// <summary>The loop without the AddScaled calls that leave it, then one AddScaledRows call for each.</summary>
    private static List<IrStmt> HoistAddScaled(ForStmt loop, LoopRange range, Context context)
    {
        List<IrStmt> body = loop.Body.ToList();
        var after = new List<IrStmt>();
        HashSet<string> written = LoopEffects.Writes(body);
        for (int k = 0; k < body.Count; k++)
        {
            if (body[k] is not KernelCallStmt { Kernel: "AddScaled" } call || Scales(body, k, loop.Index, written) is not { } scales
                || call.Arguments[1] is not ArrayRefExpr x || call.Arguments[3] is not ArrayRefExpr y || written.Contains(x.Array) || x.Array == y.Array || y.Array == scales.Array
                || RowOffset.Of(call.Arguments[2], loop.Index) is not { } row)
            {
                continue;
            }

            var changed = new HashSet<string>(written) { loop.Index };
            bool Invariant(IrExpr e) => LoopEffects.IsInvariant(e, changed);
            bool yElsewhere = body.Where((_, j) => j != k).Any(s => LoopEffects.Reads([s]).Contains(y.Array) || LoopEffects.Writes([s]).Contains(y.Array));
            if (yElsewhere || !Invariant(row.Stride) || !Invariant(row.Offset) || !Invariant(call.Arguments[4]) || !Invariant(call.Arguments[5]))
            {
                continue;
            }

            // The comments above the call (its rule, the loop it came from) go with it.
            int first = k;
            while (first > 0 && body[first - 1] is CommentStmt)
            {
                first--;
            }

            IrExpr firstRow = IntArithmetic.Plus(new BinaryExpr(BinaryOperator.Multiply, range.Lowest, row.Stride, NumericType.Int), row.Offset);
            after.AddRange(body.Skip(first).Take(k - first));
            after.Add(new KernelCallStmt(null, "AddScaledRows",
                EquatableArray.Create<IrExpr>(new ArrayRefExpr(scales.Array, scales.Type), IntArithmetic.Plus(range.Lowest, scales.Offset), x, firstRow, row.Stride, y,
                    call.Arguments[4], call.Arguments[5], range.Count),
                "Vectorized (rows at once: y += xᵀ d over the loop's rows, y held in registers): " + IrPrinter.PrintHeader(loop) + " { " + call.SourceLoop + " }"));
            body.RemoveRange(first, k - first + 1);
            k = first - 1;
        }

        if (after.Count == 0)
        {
            return [loop];
        }

        return [loop with { Body = body.ToEquatableArray() }, .. after];
    }

    /// <summary>
    /// The array and offset the call at <paramref name="k"/> takes its scale from, <c>arr[i + o]</c>: the scale is that
    /// element or a scalar set from it at the body's top level before the call and not set again until the call.
    /// </summary>
    private static (string Array, IrExpr Offset, NumericType Type)? Scales(List<IrStmt> body, int k, string index, HashSet<string> written)
    {
        IrExpr scale = ((KernelCallStmt)body[k]).Arguments[0];
        if (scale is VariableExpr variable)
        {
            int set = body.FindLastIndex(k, s => LoopEffects.Written(s).Contains(variable.Name) || IrWalker.AllStatements([s]).Skip(1).SelectMany(LoopEffects.Written).Contains(variable.Name));
            if (set < 0 || body[set] is not AssignStmt { Kind: AssignKind.Set, Target: VariableExpr, Value: ElementExpr element })
            {
                return null;
            }

            scale = element;
        }

        return scale is ElementExpr e && !written.Contains(e.Array) && AffineIndex.Of(e.Index, index) is { Stride: 1 } slot
            && !IrWalker.VariablesRead(slot.Offset).Any(written.Contains) && !IrWalker.VariablesRead(slot.Offset).Contains(index)
            ? (e.Array, slot.Offset, e.Type)
            : null;
    }
}
