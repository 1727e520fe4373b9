using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Vectorization;

/// <summary>
/// Rewrites every innermost loop, in both sweeps, that <see cref="LoopShape"/> finds to be a map or a map with +
/// reductions (as written, or once <see cref="IfConversion"/> has turned its per-iteration branches into selects) into a <see cref="VectorLoopStmt"/>: SIMD main loops (several accumulators per reduction) and a scalar
/// tail, printed by Emission/VectorLoopEmitter.cs. A reduction then sums in another order than the source loop, so the
/// companion's value may differ from the method's in the last bits (README: "Vectorized loops"); maps compute each
/// element as the loop does, apart from fused multiply-adds and VectorMath's Exp, Tanh, Sigmoid and Log (within 2-4 ulp).
/// Arrays a vectorized loop may write are those that share memory with nothing it reads: gradient buffers (checked
/// against every argument on entry; two buffers may be one, which the guard checks), outputs (checked likewise) and
/// the method's own local arrays.
/// </summary>
internal sealed class LoopVectorization : IOptimizationPass
{
    /// <summary>Vectors per main-loop iteration: two independent accumulators per reduction, as the hand-written loops use.</summary>
    private const int Unroll = 2;

    public GradientProgram Run(GradientProgram program)
    {
        IEnumerable<IrStmt> all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();
        var buffers = new HashSet<string>(program.Gradients.Where(g => g.Parameter.Kind != ParameterKind.Scalar).Select(g => g.GradientName));
        HashSet<string> writable = LoopEffects.Writable(program);
        var names = new NameScope(TakenNames(program, all));
        var context = new Context(program, writable, buffers, names);
        EquatableArray<IrStmt> forward = Rewrite(program.Forward, context), reverse = Rewrite(program.Reverse, context);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    private sealed record Context(GradientProgram Program, HashSet<string> Writable, HashSet<string> Buffers, NameScope Names);

    private static EquatableArray<IrStmt> Rewrite(EquatableArray<IrStmt> block, Context context)
        => block.Select(statement => statement switch
        {
            ForStmt loop when !loop.Body.Any(s => IrWalker.AllStatements([s]).Any(n => n is ForStmt or WhileStmt)) => Vectorize(loop, context) ?? statement,
            ForStmt loop => loop with { Body = Rewrite(loop.Body, context) },
            WhileStmt loop => loop with { Body = Rewrite(loop.Body, context) },
            IfStmt branch => branch with { Then = Rewrite(branch.Then, context), Else = Rewrite(branch.Else, context) },
            _ => statement,
        }).ToEquatableArray();

    private static VectorLoopStmt? Vectorize(ForStmt loop, Context context)
    {
        // A loop that branches by iteration vectorizes when its if-converted body does; its scalar tail stays as written.
        EquatableArray<IrStmt>? lanes = null;
        if (LoopShape.Of(loop, context.Writable) is not { } shape)
        {
            lanes = IfConversion.Convert(loop);
            if (lanes is null || LoopShape.Of(loop with { Body = lanes.Value }, context.Writable) is not { } converted)
            {
                return null;
            }

            shape = converted;
        }

        NameScope names = context.Names;
        var references = new Dictionary<string, string>();
        var arrays = new List<VectorArray>();
        foreach ((string array, IrExpr offset, bool written) in shape.Accesses)
        {
            if (!references.TryGetValue(array, out string? reference))
            {
                reference = names.Fresh(array + "_ref");
                references[array] = reference;
            }

            arrays.Add(new VectorArray(array, offset, written, reference));
        }

        VectorName[] Named(ScalarRole role) => shape.Scalars.Where(s => s.Value == role).Select(s => s.Key).OrderBy(n => n, System.StringComparer.Ordinal)
            .Select(n => new VectorName(n, names.Fresh(n + "_v"))).ToArray();
        VectorName[] privates = Named(ScalarRole.Private), resets = Named(ScalarRole.Reset);
        VectorName[] invariants = shape.Invariants.Select(n => new VectorName(n, names.Fresh(n + "_v"))).ToArray();
        VectorReduction[] reductions = shape.Scalars.Where(s => s.Value == ScalarRole.Reduction).Select(s => s.Key).OrderBy(n => n, System.StringComparer.Ordinal)
            .Select(n => new VectorReduction(n, Enumerable.Range(0, Unroll).Select(k => names.Fresh(n + "_acc" + k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToEquatableArray()))
            .ToArray();
        bool ascending = loop.Step > 0;
        string cursor = ascending ? loop.Index : names.Fresh(loop.Index + "_top");
        string limit = names.Fresh(loop.Index + (ascending ? "_end" : "_low"));
        return new VectorLoopStmt(loop, loop.Index, shape.Range.Lowest, shape.Range.Count, shape.ElementType, arrays.ToEquatableArray(), reductions.ToEquatableArray(),
            privates.ToEquatableArray(), resets.ToEquatableArray(), invariants.ToEquatableArray(), Guard(shape, resets, context.Buffers), cursor, limit, Unroll,
            privates.Any(p => ScalarLiveness.ReadAfter(context.Program, loop, p.Scalar)), lanes);
    }

    /// <summary>
    /// Every element the vector part touches is in bounds (so it needs no per-element check; in long, so that no sum
    /// overflows), every reset scalar is zero on entry, and any two buffers it writes are one or apart.
    /// </summary>
    private static IrExpr? Guard(LoopShape shape, VectorName[] resets, HashSet<string> buffers)
    {
        var conditions = new List<IrExpr>();
        IrExpr low = shape.Range.Lowest, high = IntArithmetic.Plus(shape.Range.Lowest, shape.Range.Count);
        foreach ((string array, IrExpr offset, _) in shape.Accesses)
        {
            IrExpr first = IntArithmetic.Plus(low, offset), end = IntArithmetic.Plus(high, offset);
            if (first is not ConstantExpr { Value: >= 0 })
            {
                conditions.Add(new BinaryExpr(BinaryOperator.GreaterOrEqual, Long(first), new ConstantExpr(0, NumericType.Long), NumericType.Bool));
            }

            if (end != new LengthExpr(array))
            {
                conditions.Add(new BinaryExpr(BinaryOperator.LessOrEqual, Long(end), new LengthExpr(array), NumericType.Bool));
            }
        }

        foreach (VectorName reset in resets)
        {
            conditions.Add(new BinaryExpr(BinaryOperator.Equal, new VariableExpr(reset.Scalar, shape.ElementType), ConstantExpr.Zero(shape.ElementType), NumericType.Bool));
        }

        string[] written = shape.Accesses.Where(a => a.Written && buffers.Contains(a.Array)).Select(a => a.Array).Distinct().ToArray();
        for (int a = 0; a < written.Length; a++)
        {
            for (int b = a + 1; b < written.Length; b++)
            {
                conditions.Add(new ConstantCallExpr("global::SharpGrad.Numerics.GradientArguments.SameOrApart",
                    EquatableArray.Create<IrExpr>(new ArrayRefExpr(written[a], shape.ElementType), new ArrayRefExpr(written[b], shape.ElementType)), NumericType.Bool));
            }
        }

        return conditions.Count == 0 ? null : conditions.Aggregate((x, y) => new BinaryExpr(BinaryOperator.And, x, y, NumericType.Bool));
    }

    /// <summary>An int sum widened to long term by term, so that it cannot overflow.</summary>
    private static IrExpr Long(IrExpr sum) => sum switch
    {
        ConstantExpr constant => new ConstantExpr(constant.Value, NumericType.Long),
        BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } binary => new BinaryExpr(binary.Operator, Long(binary.Left), Long(binary.Right), NumericType.Long),
        _ => new ConvertExpr(sum, NumericType.Long),
    };

    /// <summary>Every name the program uses, so that new locals get fresh ones (also used by <see cref="LoopDistribution"/>).</summary>
    internal static IEnumerable<string> TakenNames(GradientProgram program, IEnumerable<IrStmt> all)
        => program.Method.Parameters.Select(p => p.Name)
            .Concat(program.Locals.Select(l => l.Name))
            .Concat(program.Gradients.Select(g => g.GradientName))
            .Concat(program.Gradients.Where(g => g.AdjointLocal is not null).Select(g => g.AdjointLocal!))
            .Concat(program.Outputs.SelectMany(o => new[] { o.SeedName, o.InitialGradientName, o.AdjointName }))
            .Concat(all.OfType<AllocateStmt>().Select(a => a.Name))
            .Concat(all.OfType<DeclareStmt>().Select(d => d.Name))
            .Concat(all.OfType<ScratchMarkStmt>().Select(m => m.Mark))
            .Concat(all.OfType<ForStmt>().Select(l => l.Index))
            .Concat(all.SelectMany(IrWalker.ExpressionsOf).SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))))
            .Append(program.TapeName).Append(program.SeedName).Append(program.ResultName).Append(program.AccumulateName);
}
