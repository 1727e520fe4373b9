using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Vectorization;

/// <summary>
/// Splits a sample loop whose body mixes kernel calls with element-wise math (W3's: a dot product, then sigmoid, two
/// logs and their derivatives, then the weight-gradient update) so that the math runs in SIMD across samples. The loop
/// is strip-mined into blocks of <see cref="Block"/> iterations, and each block runs its body's parts one after the
/// other as loops of their own: the statements before the math (per sample), the math (a loop that
/// <see cref="LoopVectorization"/> then vectorizes), the statements after it (per sample). A value one part sets and a
/// later part reads (<c>z</c>, <c>d_z</c>) passes through a scratch array of one block, taken from the thread's arena.
/// <para>
/// Sound when the iterations commute (<see cref="IterationIndependence"/>: private values, reset adjoints, sums into
/// scalars and into gradient buffers nothing else reads, or one element per iteration), each array the loop writes is
/// touched by one part only, every value passed between parts is of the element type, and the index is read nowhere
/// after the loop: then running all of a block's first parts before its second parts only reorders work that does not
/// interact, and sums add in another order (as vectorization makes them do anyway). It is done only where the math
/// part vectorizes as a loop of its own (<see cref="LoopShape"/>) and either calls Exp, Log, Tanh or Sigmoid or sits
/// between per-row kernel calls that <see cref="Kernels.RowKernelSelection"/> then runs over the whole block at once
/// (W1's dot products and weight-gradient updates); elsewhere the scratch traffic would cost more than the lanes save.
/// Forward sweep only (where fused loops are), top level only.
/// </para>
/// </summary>
internal sealed class LoopDistribution : IOptimizationPass
{
    /// <summary>
    /// Iterations per block: 2 vector iterations of 32 floats (two Vector512 copies), plus the one the vector loop
    /// keeps for its scalar tail; 65 rows of W3's 100 features (26 KB) stay in L1 between the parts.
    /// </summary>
    internal const int Block = 65;

    private static readonly HashSet<MathFunction> Expensive = [MathFunction.Exp, MathFunction.Log, MathFunction.Tanh, MathFunction.Sigmoid];

    public GradientProgram Run(GradientProgram program)
    {
        List<IrStmt> all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();
        HashSet<string> writable = LoopEffects.Writable(program);
        var names = new NameScope(LoopVectorization.TakenNames(program, all));

        var forward = new List<IrStmt>();
        var locals = new List<IrLocal>(program.Locals);
        bool changed = false;
        for (int k = 0; k < program.Forward.Count; k++)
        {
            if (program.Forward[k] is ForStmt loop && Distribute(loop, program, k, writable, names, locals) is { } replacement)
            {
                forward.AddRange(replacement);
                changed = true;
            }
            else
            {
                forward.Add(program.Forward[k]);
            }
        }

        return changed ? program with { Forward = forward.ToEquatableArray(), Locals = locals.ToEquatableArray() } : program;
    }

    private static List<IrStmt>? Distribute(ForStmt loop, GradientProgram program, int position, HashSet<string> writable, NameScope names, List<IrLocal> locals)
    {
        if (loop.Step != 1 || loop.Condition != BinaryOperator.Less || IterationIndependence.Of(loop, writable) is not { } independence
            || IndexReadElsewhere(program, position, loop.Index))
        {
            return null;
        }

        // The math part: the first run of top-level statements without calls that calls an expensive function.
        List<IrStmt> body = loop.Body.ToList();
        bool Plain(IrStmt s) => s is AssignStmt or DeclareStmt or CommentStmt or IfStmt
            && IrWalker.AllStatements([s]).All(n => n is AssignStmt or DeclareStmt or CommentStmt or IfStmt);
        int start = 0;
        (int Start, int End)? run = null;
        while (start < body.Count && run is null)
        {
            while (start < body.Count && !Plain(body[start]))
            {
                start++;
            }

            int end = start;
            while (end < body.Count && Plain(body[end]))
            {
                end++;
            }

            int last = end;
            while (last > start && body[last - 1] is CommentStmt)
            {
                last--; // a comment at the run's end heads the statements after it
            }

            end = last;
            bool expensive = body.Skip(start).Take(end - start).SelectMany(s => IrWalker.AllStatements([s])).SelectMany(IrWalker.ExpressionsOf)
                .SelectMany(IrWalker.Descendants).Any(n => n is CallExpr call && Expensive.Contains(call.Function));
            // Or: the row kernels' dot products all come before the run and their updates all after it.
            bool Rows(IEnumerable<IrStmt> part, string kernel) => Kernels.RowKernelSelection.TakesRowsOf(part, kernel, loop.Index);
            bool rows = end > start && (Rows(body, "Dot") || Rows(body, "AddScaled"))
                && (!Rows(body, "Dot") || (Rows(body.Take(start), "Dot") && !Rows(body.Skip(end), "Dot")))
                && (!Rows(body, "AddScaled") || (Rows(body.Skip(end), "AddScaled") && !Rows(body.Take(start), "AddScaled")));
            if (expensive || rows)
            {
                run = (start, end);
            }

            start = System.Math.Max(end, start + 1);
        }

        if (run is not { } math || (math.Start == 0 && math.End == body.Count))
        {
            return null;
        }

        List<List<IrStmt>> parts = new[] { body.Take(math.Start).ToList(), body.Skip(math.Start).Take(math.End - math.Start).ToList(), body.Skip(math.End).ToList() }
            .Where(p => p.Count > 0).ToList();
        int mathPart = math.Start == 0 ? 0 : 1;

        // Each array the loop writes is touched by one part only.
        var arrays = new HashSet<string>(IrWalker.AllStatements(body).SelectMany(LoopEffects.WrittenArrays));
        if (arrays.Any(a => parts.Count(p => LoopEffects.Reads(p).Contains(a) || LoopEffects.Writes(p).Contains(a)) > 1))
        {
            return null;
        }

        // Values passed between parts: private values, declared values and reset adjoints of the element type.
        NumericType element = loop.Body.SelectMany(s => IrWalker.AllStatements([s])).SelectMany(IrWalker.ExpressionsOf)
            .Select(e => e.Type).FirstOrDefault(t => t is NumericType.Float or NumericType.Double);
        if (element is not (NumericType.Float or NumericType.Double))
        {
            return null;
        }

        var carried = new List<(string Name, ScalarRole? Role, List<int> Parts, string Scratch)>();
        IEnumerable<(string Name, ScalarRole? Role)> scalars = independence.Scalars.Select(s => (s.Key, (ScalarRole?)s.Value))
            .Concat(independence.Declared.Select(d => (d, (ScalarRole?)null)));
        foreach ((string name, ScalarRole? role) in scalars.OrderBy(s => s.Item1, System.StringComparer.Ordinal))
        {
            List<int> touching = Enumerable.Range(0, parts.Count).Where(p => parts[p].Any(s => LoopShape.Touches(s, name))).ToList();
            if (touching.Count < 2 || role == ScalarRole.Reduction)
            {
                continue;
            }

            NumericType? type = role is null
                ? IrWalker.AllStatements(body).OfType<DeclareStmt>().First(d => d.Name == name).Type
                : program.Locals.FirstOrDefault(l => l.Name == name && !l.IsArray)?.Type;
            if (type != element || (role is null && !body.OfType<DeclareStmt>().Any(d => d.Name == name)))
            {
                return null;
            }

            carried.Add((name, role, touching, names.Fresh(name + "_block")));
        }

        string blockIndex = names.Fresh(loop.Index + "_block"), blockEnd = names.Fresh(loop.Index + "_blockEnd");
        IrExpr slot = new BinaryExpr(BinaryOperator.Subtract, new VariableExpr(loop.Index, NumericType.Int), new VariableExpr(blockIndex, NumericType.Int), NumericType.Int);
        ForStmt PartLoop(int p)
        {
            var statements = new List<IrStmt>();
            foreach ((string name, ScalarRole? role, List<int> touching, string scratch) in carried.Where(c => c.Parts.Contains(p) && c.Parts[0] != p))
            {
                IrExpr load = new ElementExpr(scratch, slot, element);
                statements.Add(role is null ? new DeclareStmt(name, element, load) : new AssignStmt(new VariableExpr(name, element), load));
            }

            statements.AddRange(parts[p]);
            foreach ((string name, ScalarRole? role, List<int> touching, string scratch) in carried.Where(c => c.Parts.Contains(p) && c.Parts[c.Parts.Count - 1] != p))
            {
                statements.Add(new AssignStmt(new ElementExpr(scratch, slot, element), new VariableExpr(name, element)));
                if (role == ScalarRole.Reset)
                {
                    statements.Add(new AssignStmt(new VariableExpr(name, element), ConstantExpr.Zero(element)));
                }
            }

            return new ForStmt(loop.Index, new VariableExpr(blockIndex, NumericType.Int), BinaryOperator.Less, new VariableExpr(blockEnd, NumericType.Int), 1, statements.ToEquatableArray());
        }

        List<ForStmt> loops = Enumerable.Range(0, parts.Count).Select(PartLoop).ToList();
        var scratchArrays = new HashSet<string>(writable.Concat(carried.Select(c => c.Scratch)));
        if (LoopShape.Of(loops[mathPart], scratchArrays) is null)
        {
            return null;
        }

        locals.Add(new IrLocal(blockIndex, NumericType.Int));
        var result = new List<IrStmt>
        {
            new CommentStmt("Distributed in blocks of " + Block.ToString(System.Globalization.CultureInfo.InvariantCulture) + " iterations, so that its element-wise part runs as vectors across iterations: the loop"),
            new CommentStmt("  " + new IrPrinter(qualified: false).Header(loop, declare: false)),
            new CommentStmt("runs per block as " + parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " loops, one per part of its body;"
                + (carried.Count == 0 ? " no value passes between them." : " " + string.Join(", ", carried.Select(c => c.Name)) + " pass from one to the next through block-sized scratch.")),
        };
        result.AddRange(carried.Select(c => new AllocateStmt(c.Scratch, element, new ConstantExpr(Block, NumericType.Int))));
        IrExpr next = new BinaryExpr(BinaryOperator.Add, new VariableExpr(blockIndex, NumericType.Int), new ConstantExpr(Block, NumericType.Int), NumericType.Int);
        var blockBody = new List<IrStmt> { new DeclareStmt(blockEnd, NumericType.Int, new CallExpr(MathFunction.Min, EquatableArray.Create<IrExpr>(next, loop.Bound), NumericType.Int)) };
        blockBody.AddRange(loops);
        result.Add(new ForStmt(blockIndex, loop.Start, BinaryOperator.Less, loop.Bound, Block, blockBody.ToEquatableArray()));
        return result;
    }

    /// <summary>Whether any statement but the loop at <paramref name="position"/> reads the index outside a loop that sets it first.</summary>
    private static bool IndexReadElsewhere(GradientProgram program, int position, string index)
    {
        bool Reads(IEnumerable<IrStmt> statements) => statements.Any(s => s switch
        {
            ForStmt other when other.Index == index => IrWalker.VariablesRead(other.Start).Contains(index),
            ForStmt other => IrWalker.VariablesRead(other.Start).Contains(index) || IrWalker.VariablesRead(other.Bound).Contains(index) || Reads(other.Body),
            WhileStmt other => IrWalker.VariablesRead(other.Condition).Contains(index) || Reads(other.Body),
            IfStmt branch => IrWalker.VariablesRead(branch.Condition).Contains(index) || Reads(branch.Then) || Reads(branch.Else),
            _ => IrWalker.ExpressionsOf(s).Any(e => IrWalker.VariablesRead(e).Contains(index)),
        });
        return Reads(program.Forward.Where((_, k) => k != position)) || Reads(program.Reverse);
    }
}
