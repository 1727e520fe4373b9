using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>
/// Whether the iterations of a flat <c>for</c> loop commute, so that they may run in another order (each one right after
/// another loop's matching iteration, for fusion): the body holds assignments, declarations, branches, kernel calls
/// and callee-gradient calls (no nested loop, no tape), every scalar it writes is private to an iteration, an
/// iteration's adjoint reset to zero at its end, or a + reduction (<see cref="LoopShape"/>'s roles), and every array it
/// writes is one the caller allows (<c>writable</c>) and is either only added into (<c>g[k] += E</c>,
/// <c>Kernels.AddScaled</c> into it, a callee's gradient buffer), with nothing else reading it, or touched only at
/// <c>a[i + c]</c>, one offset, so that each iteration has its own element. This is the fusion's counterpart of
/// <see cref="LoopShape"/>, which also asks for vector operations; here any operation may occur.
/// </summary>
internal sealed record IterationIndependence(IReadOnlyDictionary<string, ScalarRole> Scalars, IReadOnlyList<string> Declared)
{
    /// <summary>
    /// The scalars each iteration sets before it reads them: declared in the body, private, and the index. Reset adjoints
    /// are not among them: an iteration reads their value on entry, which is zero only while nothing else writes them.
    /// </summary>
    public HashSet<string> Private(string index)
        => new(Scalars.Where(s => s.Value == ScalarRole.Private).Select(s => s.Key).Concat(Declared)) { index };

    public static IterationIndependence? Of(ForStmt loop, ISet<string> writable)
    {
        if (LoopRange.Of(loop) is null || loop.Body.Count == 0)
        {
            return null;
        }

        List<IrStmt> statements = IrWalker.AllStatements(loop.Body).ToList();
        if (statements.Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt or KernelCallStmt or GradientCallStmt) || IrWalker.ContainsTapePop(s)))
        {
            return null;
        }

        var declared = statements.OfType<DeclareStmt>().Select(d => d.Name).ToList();
        var scalars = new HashSet<string>(statements.SelectMany(LoopEffects.Written).Where(n => !declared.Contains(n)));
        if (declared.Distinct().Count() != declared.Count || scalars.Contains(loop.Index))
        {
            return null;
        }

        var roles = new Dictionary<string, ScalarRole>();
        foreach (string scalar in scalars)
        {
            if (LoopShape.RoleOf(loop.Body, scalar) is not { } role)
            {
                return null;
            }

            roles[scalar] = role;
        }

        foreach (string array in statements.SelectMany(LoopEffects.WrittenArrays).Distinct())
        {
            List<IrStmt> touching = statements.Where(s => s is not IfStmt && TouchesArray(s, array)).ToList();
            bool conditionsClear = !statements.OfType<IfStmt>().Any(b => IrWalker.ArraysRead(b.Condition).Contains(array));
            if (!writable.Contains(array) || !conditionsClear
                || !(touching.All(s => AddsInto(s, array)) || OwnElement(touching, array, loop.Index, scalars.Concat(declared))))
            {
                return null;
            }
        }

        return new IterationIndependence(roles, declared);
    }

    /// <summary>Whether <paramref name="statement"/> adds a term into <paramref name="array"/> and reads it nowhere else.</summary>
    private static bool AddsInto(IrStmt statement, string array) => statement switch
    {
        AssignStmt { Kind: AssignKind.Add, Target: ElementExpr e } add => e.Array == array && !Reads(e.Index, array) && !Reads(add.Value, array),
        AssignStmt { Kind: AssignKind.Set, Target: ElementExpr e, Value: BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: ElementExpr l } b }
            => e.Array == array && l == e && !Reads(e.Index, array) && !Reads(b.Right, array),
        KernelCallStmt { Kernel: "AddScaled" } kernel
            => kernel.Arguments.Select((a, i) => (a, i)).All(p => (p.i == 3) == (p.a is ArrayRefExpr r && r.Array == array) && (p.i == 3 || !Reads(p.a, array))),
        GradientCallStmt call
            => call.OutputSeeds.Count == 0 && call.InitialGradients.Count == 0
            && !call.Arguments.Any(a => Reads(a, array)) && (call.Seed is null || !Reads(call.Seed, array)),
        _ => false,
    };

    /// <summary>Whether every statement touching <paramref name="array"/> reads or sets it only at one element <c>a[i + c]</c>.</summary>
    private static bool OwnElement(List<IrStmt> touching, string array, string index, IEnumerable<string> changed)
    {
        var varying = new HashSet<string>(changed);
        var elements = touching.SelectMany(IrWalker.ExpressionsOf).Concat(touching.OfType<AssignStmt>().Select(a => a.Target))
            .SelectMany(IrWalker.Descendants).Where(n => n is ElementExpr or ArrayRefExpr or SliceExpr)
            .Where(n => IrWalker.ArraysRead(n).Contains(array)).ToList();
        return elements.All(n => n is ElementExpr) && elements.Cast<ElementExpr>().Select(e => e.Index).Distinct().Count() == 1
            && AffineIndex.Of(((ElementExpr)elements[0]).Index, index) is { Stride: 1 } affine
            && !IrWalker.VariablesRead(affine.Offset).Any(varying.Contains)
            && !IrWalker.Descendants(affine.Offset).Any(n => n is ElementExpr or TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr)
            && touching.All(s => s is AssignStmt or DeclareStmt);
    }

    private static bool TouchesArray(IrStmt statement, string array)
        => LoopEffects.WrittenArrays(statement).Contains(array) || IrWalker.ExpressionsOf(statement).Any(e => Reads(e, array));

    private static bool Reads(IrExpr expression, string array) => IrWalker.ArraysRead(expression).Contains(array);
}
