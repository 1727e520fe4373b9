using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Scalar replacement of array elements (Carr and Kennedy): in an innermost <c>for</c> loop whose body updates one
/// element <c>g[i]</c> several times (a fused reverse adds each derivative rule's term into <c>xGrad[i]</c> on its own),
/// the element is read into a local once, at the top of the body, updated there, and stored once, at its end. A
/// vectorized loop then loads and stores each vector of <c>g</c> once instead of once per term.
/// <para>
/// Sound when every mention of <c>g</c> in the body is that one element, its index reads nothing the body writes, and
/// nothing else the body touches can be the same memory: <c>g</c> is the method's own local array, or a gradient buffer
/// or output and no other buffer or output appears in the body (two gradient buffers may be one array). The body is
/// assignments, declarations and branches only, and one access stands at its top level, so the hoisted load reads an
/// element the iteration reads anyway; when that first access sets the element, no load is needed at all.
/// </para>
/// </summary>
internal sealed class ScalarReplacement : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        List<IrStmt> all = IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).ToList();
        (HashSet<string> local, HashSet<string> shared) = LoopEffects.Ownership(program);
        var context = new Context(local, shared, new NameScope(Vectorization.LoopVectorization.TakenNames(program, all)), []);
        EquatableArray<IrStmt> forward = Rewrite(program.Forward, context), reverse = Rewrite(program.Reverse, context);
        return context.Added.Count == 0
            ? program
            : program with { Forward = forward, Reverse = reverse, Locals = program.Locals.Concat(context.Added).ToEquatableArray() };
    }

    /// <param name="Local">The method's own arrays, which share memory with nothing.</param>
    /// <param name="Shared">Gradient buffers and outputs, which may be one another.</param>
    /// <param name="Names">Fresh names for the element locals.</param>
    /// <param name="Added">The element locals made so far.</param>
    private sealed record Context(HashSet<string> Local, HashSet<string> Shared, NameScope Names, List<IrLocal> Added);

    private static EquatableArray<IrStmt> Rewrite(EquatableArray<IrStmt> block, Context context)
        => block.SelectMany(statement => statement switch
        {
            ForStmt loop when !loop.Body.Any(s => IrWalker.AllStatements([s]).Any(n => n is ForStmt or WhileStmt)) => Hoist(Replace(loop, context), context),
            ForStmt loop => [loop with { Body = Rewrite(loop.Body, context) }],
            WhileStmt loop => [loop with { Body = Rewrite(loop.Body, context) }],
            IfStmt branch => [branch with { Then = Rewrite(branch.Then, context), Else = Rewrite(branch.Else, context) }],
            _ => new[] { statement },
        }).ToEquatableArray();

    /// <summary>
    /// The loop with each element it reads or updates at the same index in every iteration (<c>biasGrad[0] += d</c>, a
    /// sum into one element) held in a local: read once before the loop and stored once after it, under a check that the
    /// loop runs at all (an element a loop of no iterations never touches may not exist). A sum into it then vectorizes
    /// as a reduction into a scalar.
    /// </summary>
    private static IReadOnlyList<IrStmt> Hoist(ForStmt loop, Context context)
    {
        List<IrStmt> statements = IrWalker.AllStatements(loop.Body).ToList();
        // The check that the loop runs evaluates its bounds once more: they must have no effect (a tape pop) to repeat.
        if (LoopRange.Of(loop) is not { } range || range.Count is ConstantExpr { Value: <= 0 }
            || statements.Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt))
            || IrWalker.Descendants(range.Count).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr))
        {
            return [loop];
        }

        var changed = new HashSet<string>(LoopEffects.Writes(loop.Body)) { loop.Index };
        List<IrExpr> mentions = statements.SelectMany(Mentions).SelectMany(IrWalker.Descendants).Where(n => n is ElementExpr or ArrayRefExpr or SliceExpr).ToList();
        var before = new List<IrStmt>();
        var after = new List<IrStmt>();
        EquatableArray<IrStmt> body = loop.Body;
        foreach (string array in mentions.Select(n => IrWalker.ArraysRead(n).First()).Distinct().OrderBy(a => a, System.StringComparer.Ordinal).ToList())
        {
            List<IrExpr> accesses = mentions.Where(n => IrWalker.ArraysRead(n).Take(1).Contains(array)).ToList();
            bool written = changed.Contains(array);
            if (!Alone(array, written, mentions, changed, context) || accesses.Any(n => n is not ElementExpr) || accesses.Cast<ElementExpr>().Select(e => e.Index).Distinct().Count() != 1)
            {
                continue;
            }

            var element = (ElementExpr)accesses[0];
            if (IrWalker.VariablesRead(element.Index).Any(changed.Contains)
                || IrWalker.Descendants(element.Index).Any(n => n is ElementExpr or TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr))
            {
                continue; // an index that changes between iterations
            }

            string name = context.Names.Fresh(array + (element.Index is ConstantExpr c ? "_" + ((int)c.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : "_element"));
            var value = new VariableExpr(name, element.Type);
            context.Added.Add(new IrLocal(name, element.Type));
            before.Add(new CommentStmt(Printed(element) + " is the same element in every iteration: read once before the loop" + (written ? " and stored once after it" : string.Empty) + ", as " + name));
            before.Add(new AssignStmt(value, element));
            if (written)
            {
                after.Add(new AssignStmt(element, value));
            }

            body = ExpressionRewriter.Rewrite(body, e => e == element ? value : e);
        }

        if (before.Count == 0)
        {
            return [loop];
        }

        var guarded = new List<IrStmt>(before) { loop with { Body = body } };
        guarded.AddRange(after);
        if (range.Count is ConstantExpr)
        {
            return guarded; // a loop of a constant, positive count: it runs
        }

        IrExpr runs = new BinaryExpr(BinaryOperator.Greater, range.Count, ConstantExpr.Zero(NumericType.Int), NumericType.Bool);
        return [new IfStmt(runs, guarded.ToEquatableArray(), EquatableArray<IrStmt>.Empty)];
    }

    private static ForStmt Replace(ForStmt loop, Context context)
    {
        List<IrStmt> statements = IrWalker.AllStatements(loop.Body).ToList();
        if (statements.Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt)))
        {
            return loop;
        }

        HashSet<string> written = LoopEffects.Writes(loop.Body);
        List<IrExpr> mentions = statements.SelectMany(Mentions).SelectMany(IrWalker.Descendants)
            .Where(n => n is ElementExpr or ArrayRefExpr or SliceExpr).ToList();
        var arrays = statements.OfType<AssignStmt>().Where(a => a.Target is ElementExpr).Select(a => ((ElementExpr)a.Target).Array).Distinct()
            .OrderBy(a => a, System.StringComparer.Ordinal);
        EquatableArray<IrStmt> body = loop.Body;
        foreach (string array in arrays)
        {
            List<IrExpr> accesses = mentions.Where(n => IrWalker.ArraysRead(n).Take(1).Contains(array)).ToList();
            if (!Alone(array, written: true, mentions, written, context) || accesses.Any(n => n is not ElementExpr) || accesses.Cast<ElementExpr>().Select(e => e.Index).Distinct().Count() != 1)
            {
                continue;
            }

            var element = (ElementExpr)accesses[0];
            if (IrWalker.VariablesRead(element.Index).Any(written.Contains)
                || IrWalker.Descendants(element.Index).Any(n => n is ElementExpr or TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr)
                || statements.Count(s => s is not IfStmt && Touches(s, element)) < 2
                || !body.Any(s => s is not IfStmt && Touches(s, element)))
            {
                continue; // an index that changes, one access only (nothing to save), or none that every iteration makes
            }

            string name = context.Names.Fresh(array + "_" + loop.Index);
            var value = new VariableExpr(name, element.Type);
            context.Added.Add(new IrLocal(name, element.Type));
            int first = Enumerable.Range(0, body.Count).First(k => Touches(body[k], element));
            bool setFirst = body[first] is AssignStmt { Kind: AssignKind.Set, Target: ElementExpr target } set && target == element
                && !IrWalker.Descendants(set.Value).Contains(element);
            var replaced = new List<IrStmt>
            {
                new CommentStmt(Printed(element) + " is read once and stored once per iteration: the updates below go to " + name),
            };
            if (!setFirst)
            {
                replaced.Add(new AssignStmt(value, element));
            }

            replaced.AddRange(ExpressionRewriter.Rewrite(body, e => e == element ? value : e));
            replaced.Add(new AssignStmt(element, value));
            body = replaced.ToEquatableArray();
        }

        return body == loop.Body ? loop : loop with { Body = body };
    }

    /// <summary>
    /// Whether nothing else the loop touches can be <paramref name="array"/>'s memory: the method's own arrays share it with
    /// nothing, and read-only parameters with no buffer; a written array must be a gradient buffer or output (checked on entry
    /// against every argument), and as two of those may be one array, no other may appear in the loop when it is written,
    /// nor be written when it is read.
    /// </summary>
    private static bool Alone(string array, bool written, List<IrExpr> mentions, HashSet<string> changed, Context context)
        => context.Local.Contains(array)
        || ((!written || context.Shared.Contains(array))
            && !mentions.Any(n => IrWalker.ArraysRead(n).Take(1).Any(a => a != array && context.Shared.Contains(a) && (written || changed.Contains(a)))));

    /// <summary>Every expression a statement evaluates or assigns (targets included).</summary>
    private static IEnumerable<IrExpr> Mentions(IrStmt statement)
        => statement is AssignStmt assign ? IrWalker.ExpressionsOf(statement).Append(assign.Target) : IrWalker.ExpressionsOf(statement);

    private static bool Touches(IrStmt statement, ElementExpr element)
        => IrWalker.AllStatements([statement]).SelectMany(Mentions).SelectMany(IrWalker.Descendants).Contains(element);

    private static string Printed(ElementExpr element) => new IrPrinter(qualified: false).Expression(element);
}
