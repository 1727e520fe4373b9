using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Kernels;

/// <summary>
/// Matrix products for the loop nests of a layer written sample by sample: a top-level loop over samples <c>i</c>
/// whose body holds a loop over rows <c>k</c> that calls a single-row kernel with one row indexed by <c>i</c> and the
/// other by <c>k</c>.
/// <list type="bullet">
/// <item><c>z = Kernels.Dot(acc, w, k * n + a, x, i * n + b, n)</c> (a layer's forward, <c>h[i, k] = Σ_j w[k, j] x[i, j]</c>):
/// every dot product of the nest is computed before it by one <c>Kernels.MultiplyTransposed</c> call (<c>X · Wᵀ</c>) into
/// scratch, and the call becomes <c>z = acc + products[i, k]</c>. Sound when neither array is written in the outer loop
/// (nor, for a gradient buffer or output, any other that may be the same memory): each product then has the same value
/// before the loop as in its iteration.</item>
/// <item><c>Kernels.AddScaled(s, x, i * n + b, g, k * n + a, n)</c> (the weight's gradient, <c>g[k, :] += s x[i, :]</c>):
/// the call stores its scale into scratch instead, <c>scales[i, k] = s</c>, and one <c>Kernels.AddTransposedMultiply</c>
/// call after the loop adds <c>scalesᵀ · X</c> into <c>g</c>. Sound when <c>x</c> is not written in the loop and
/// <c>g</c>, and every other gradient buffer or output (which may be <c>g</c>'s memory), is only added into there
/// (<c>g[j] += v</c>, another AddScaled), never read: additions commute, so adding <c>g</c>'s terms after the loop
/// changes only the rounding.</item>
/// </list>
/// Both rows are dense (their stride is the row length <c>n</c>), the inner loop's range and <c>n</c> are the same in
/// every iteration, the inner loop stands at the outer loop's top level and the call at the inner loop's, so every
/// <c>(i, k)</c> is visited once. Only top-level loops are taken: their scratch is rented once per call.
/// </summary>
internal sealed class MatrixProductSelection : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        List<IrStmt> all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();
        (HashSet<string> local, HashSet<string> shared) = LoopEffects.Ownership(program);
        var context = new Context(local, shared, new NameScope(Vectorization.LoopVectorization.TakenNames(program, all)));
        EquatableArray<IrStmt> forward = Rewrite(program.Forward, context, inForward: true);
        EquatableArray<IrStmt> reverse = Rewrite(program.Reverse, context, inForward: false);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    /// <param name="Local">The method's own arrays, which share memory with nothing.</param>
    /// <param name="Shared">Gradient buffers and outputs, which may be one another.</param>
    /// <param name="Names">Fresh names for the scratch matrices.</param>
    private sealed record Context(HashSet<string> Local, HashSet<string> Shared, NameScope Names);

    /// <summary>One loop nest: the outer loop, its range, what its body writes, and the statements the products add before and after it.</summary>
    private sealed record Nest(ForStmt Outer, LoopRange OuterRange, ForStmt Inner, LoopRange InnerRange, HashSet<string> Written, List<IrStmt> Before, List<IrStmt> After)
    {
        public bool Invariant(IrExpr e) => LoopEffects.IsInvariant(e, Written);

        /// <summary><c>products[(i - i0) * count_k + (k - k0)]</c>: the element of the nest's iteration in a scratch matrix.</summary>
        public ElementExpr Slot(string matrix, NumericType type) => new(matrix,
            IntArithmetic.Plus(
                IntArithmetic.Times(IntArithmetic.Minus(new VariableExpr(Outer.Index, NumericType.Int), OuterRange.Lowest), InnerRange.Count),
                IntArithmetic.Minus(new VariableExpr(Inner.Index, NumericType.Int), InnerRange.Lowest)),
            type);

        public IrExpr Size => new BinaryExpr(BinaryOperator.Multiply, NonNegative(OuterRange.Count), NonNegative(InnerRange.Count), NumericType.Int);

        public string Header => IrPrinter.PrintHeader(Outer) + " " + IrPrinter.PrintHeader(Inner);

        // A loop's count is negative when it runs no iterations (for (i = 3; i < 1; i++)): its scratch is then empty.
        private static IrExpr NonNegative(IrExpr count) => count is ConstantExpr constant
            ? new ConstantExpr(System.Math.Max(0, constant.Value), NumericType.Int)
            : new CallExpr(MathFunction.Max, EquatableArray.Create<IrExpr>(ConstantExpr.Zero(NumericType.Int), count), NumericType.Int);
    }

    private static EquatableArray<IrStmt> Rewrite(EquatableArray<IrStmt> block, Context context, bool inForward)
        => block.SelectMany(statement => statement is ForStmt loop ? Select(loop, context, inForward) : [statement]).ToEquatableArray();

    /// <summary>The loop with its nests' row kernels replaced, preceded and followed by the products.</summary>
    private static IReadOnlyList<IrStmt> Select(ForStmt outer, Context context, bool inForward)
    {
        if (LoopRange.Of(outer) is not { } outerRange)
        {
            return [outer];
        }

        HashSet<string> written = LoopEffects.Writes(outer.Body);
        written.Add(outer.Index);
        var before = new List<IrStmt>();
        var after = new List<IrStmt>();
        List<IrStmt> body = outer.Body.ToList();
        for (int p = 0; p < body.Count; p++)
        {
            if (body[p] is not ForStmt inner || LoopRange.Of(inner) is not { } innerRange)
            {
                continue;
            }

            var nest = new Nest(outer, outerRange, inner, innerRange, written, before, after);
            if (!nest.Invariant(outerRange.Lowest) || !nest.Invariant(outerRange.Count) || !nest.Invariant(innerRange.Lowest) || !nest.Invariant(innerRange.Count))
            {
                continue;
            }

            List<IrStmt> innerBody = inner.Body.ToList();
            for (int q = 0; q < innerBody.Count; q++)
            {
                IrStmt[]? replaced = innerBody[q] switch
                {
                    KernelCallStmt { Kernel: "Dot", Result: not null } dot => Products(dot, nest, context, inForward),
                    KernelCallStmt { Kernel: "AddScaled", Result: null } add => Deferred(add, outer.Body, nest, context, inForward),
                    _ => null,
                };
                if (replaced is not null)
                {
                    innerBody.RemoveAt(q);
                    innerBody.InsertRange(q, replaced);
                    q += replaced.Length - 1;
                }
            }

            body[p] = inner with { Body = innerBody.ToEquatableArray() };
        }

        if (before.Count == 0 && after.Count == 0)
        {
            return [outer];
        }

        return [.. before, outer with { Body = body.ToEquatableArray() }, .. after];
    }

    /// <summary>The row offsets of a call's two rows, the first indexed by the outer loop and the second by the inner one, or null.</summary>
    private static (IrExpr OuterFirst, IrExpr InnerFirst)? Rows(IrExpr outerRow, IrExpr innerRow, IrExpr length, Nest nest)
    {
        if (!nest.Invariant(length)
            || RowOffset.Of(outerRow, nest.Outer.Index) is not { } o || o.Stride != length || !nest.Invariant(o.Offset)
            || RowOffset.Of(innerRow, nest.Inner.Index) is not { } r || r.Stride != length || !nest.Invariant(r.Offset))
        {
            return null;
        }

        // Each block's first row: the offset at its loop's lowest index.
        return (IntArithmetic.Plus(IntArithmetic.Times(nest.OuterRange.Lowest, length), o.Offset),
            IntArithmetic.Plus(IntArithmetic.Times(nest.InnerRange.Lowest, length), r.Offset));
    }

    /// <summary>Whether reading <paramref name="array"/> in the loop sees the values it had before it.</summary>
    private static bool Unchanged(ArrayRefExpr array, Nest nest, Context context)
        => !nest.Written.Contains(array.Array) && (context.Local.Contains(array.Array) || !context.Shared.Contains(array.Array) || !nest.Written.Any(context.Shared.Contains));

    /// <summary>The dot product read from a matrix of them computed before the loop, or null.</summary>
    private static IrStmt[]? Products(KernelCallStmt dot, Nest nest, Context context, bool inForward)
    {
        if (dot.Arguments[1] is not ArrayRefExpr a || dot.Arguments[3] is not ArrayRefExpr b || !Unchanged(a, nest, context) || !Unchanged(b, nest, context))
        {
            return null;
        }

        IrExpr length = dot.Arguments[5];
        (ArrayRefExpr outerArray, ArrayRefExpr innerArray, IrExpr OuterFirst, IrExpr InnerFirst)? rows =
            Rows(dot.Arguments[4], dot.Arguments[2], length, nest) is { } byB ? (b, a, byB.OuterFirst, byB.InnerFirst)
            : Rows(dot.Arguments[2], dot.Arguments[4], length, nest) is { } byA ? (a, b, byA.OuterFirst, byA.InnerFirst)
            : null;
        if (rows is not { } found)
        {
            return null;
        }

        string products = context.Names.Fresh(dot.Result!.Name + "_products");
        context.Local.Add(products);
        nest.Written.Add(products);
        nest.Before.Add(new AllocateStmt(products, a.Type, nest.Size, Rented: !inForward));
        nest.Before.Add(new KernelCallStmt(null, "MultiplyTransposed",
            EquatableArray.Create<IrExpr>(found.outerArray, found.OuterFirst, found.innerArray, found.InnerFirst, length, nest.OuterRange.Count, nest.InnerRange.Count, new ArrayRefExpr(products, a.Type)),
            "Vectorized (a matrix product: every dot product of the nest at once, in 4 x 4 register blocks): " + nest.Header + " { " + SourceOf(dot) + " }"));
        IrExpr element = nest.Slot(products, a.Type);
        IrExpr acc = dot.Arguments[0];
        return
        [
            new CommentStmt("the dot product, from the matrix product before the loop: " + SourceOf(dot)),
            new AssignStmt(dot.Result, acc is ConstantExpr { Value: 0.0 } ? element : new BinaryExpr(BinaryOperator.Add, acc, element, dot.Result.Type)),
        ];
    }

    /// <summary>The scale stored for one product added after the loop, or null.</summary>
    private static IrStmt[]? Deferred(KernelCallStmt add, EquatableArray<IrStmt> outerBody, Nest nest, Context context, bool inForward)
    {
        if (add.Arguments[1] is not ArrayRefExpr x || add.Arguments[3] is not ArrayRefExpr g || x.Array == g.Array
            || !Unchanged(x, nest, context) || context.Shared.Contains(x.Array)
            || (!context.Local.Contains(g.Array) && !context.Shared.Contains(g.Array))
            || IrWalker.ArraysRead(add.Arguments[0]).Contains(g.Array)
            || Rows(add.Arguments[2], add.Arguments[4], add.Arguments[5], nest) is not { } rows)
        {
            return null;
        }

        // Elsewhere in the loop g, and any other buffer that may be g's memory, is only added into, never read.
        bool MayBeG(string array) => array == g.Array || (context.Shared.Contains(g.Array) && context.Shared.Contains(array));
        if (IrWalker.AllStatements(outerBody).Where(s => !ReferenceEquals(s, add))
            .Any(s => SharedReads(s).Any(MayBeG) || (!AddsOnly(s) && LoopEffects.WrittenArrays(s).Any(MayBeG))))
        {
            return null;
        }

        string scales = context.Names.Fresh(g.Array + "_scales");
        context.Local.Add(scales);
        nest.Written.Add(scales);
        nest.Before.Add(new AllocateStmt(scales, g.Type, nest.Size, Rented: !inForward));
        nest.After.Add(new KernelCallStmt(null, "AddTransposedMultiply",
            EquatableArray.Create<IrExpr>(new ArrayRefExpr(scales, g.Type), x, rows.OuterFirst, g, rows.InnerFirst, add.Arguments[5], nest.OuterRange.Count, nest.InnerRange.Count),
            "Vectorized (a matrix product: the nest's row updates at once, scalesᵀ · " + x.Array + ", in 4 x 4-vector register blocks): " + nest.Header + " { " + SourceOf(add) + " }"));
        return
        [
            new CommentStmt("its scale, for the matrix product after the loop: " + SourceOf(add)),
            new AssignStmt(nest.Slot(scales, g.Type), add.Arguments[0]),
        ];
    }

    /// <summary>The arrays a statement reads for a value, not counting those it only adds into (<c>a[i] += v</c>, AddScaled's destination).</summary>
    private static IEnumerable<string> SharedReads(IrStmt statement) => statement switch
    {
        AssignStmt { Kind: AssignKind.Add, Target: ElementExpr target } assign => IrWalker.ArraysRead(target.Index).Concat(IrWalker.ArraysRead(assign.Value)),
        KernelCallStmt { Kernel: "AddScaled" } kernel => kernel.Arguments.Where((_, k) => k != 3).SelectMany(IrWalker.ArraysRead),
        _ => IrWalker.ExpressionsOf(statement).SelectMany(IrWalker.ArraysRead),
    };

    /// <summary>Whether every array the statement writes it only adds into, which commutes with adding into <c>g</c> later.</summary>
    private static bool AddsOnly(IrStmt statement) => statement is AssignStmt { Kind: AssignKind.Add } or KernelCallStmt { Kernel: "AddScaled" };

    /// <summary>The loop a kernel call came from, without the description of how it was vectorized.</summary>
    private static string SourceOf(KernelCallStmt call)
    {
        int described = call.SourceLoop.StartsWith("Vectorized (", System.StringComparison.Ordinal) ? call.SourceLoop.IndexOf("): ", System.StringComparison.Ordinal) : -1;
        return described < 0 ? call.SourceLoop : call.SourceLoop.Substring(described + 3);
    }
}
