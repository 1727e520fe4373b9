using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Which element indices the reverse sweep can evaluate again and get the value the forward sweep used.
/// An index is replayable when it reads only constants, lengths, scalar parameters, <c>for</c> indices (the
/// reverse loop visits the same values), locals assigned once at the top level, and elements of arrays never
/// written. Any other index (<c>w[k]</c> with <c>k</c> reassigned later, <c>t[(int)t[0]]</c>) is recorded
/// with the value it overwrites, so the reverse sweep restores the element the forward sweep wrote.
/// </summary>
internal sealed class ReplayableIndices
{
    private readonly HashSet<string> _fixedVariables;
    private readonly HashSet<string> _writtenArrays;

    private ReplayableIndices(HashSet<string> fixedVariables, HashSet<string> writtenArrays)
    {
        _fixedVariables = fixedVariables;
        _writtenArrays = writtenArrays;
    }

    public static ReplayableIndices Run(MethodIr method)
    {
        List<AssignStmt> assignments = IrWalker.AllStatements(method.Body).OfType<AssignStmt>().ToList();
        var fixedVariables = new HashSet<string>(method.Parameters.Where(p => p.Kind == ParameterKind.Scalar).Select(p => p.Name));
        fixedVariables.UnionWith(IrWalker.AllStatements(method.Body).OfType<ForStmt>().Select(loop => loop.Index));
        var topLevel = new HashSet<IrStmt>(method.Body.Where(s => s is AssignStmt), ReferenceComparer<IrStmt>.Instance);
        foreach (IGrouping<string, AssignStmt> writes in assignments.Where(a => a.Target is VariableExpr).GroupBy(a => ActivityAnalysis.TargetName(a.Target)))
        {
            if (writes.Count() == 1 && topLevel.Contains(writes.First()))
            {
                fixedVariables.Add(writes.Key);
            }
        }

        var writtenArrays = new HashSet<string>(assignments.Where(a => a.Target is ElementExpr).Select(a => ActivityAnalysis.TargetName(a.Target))
            .Concat(IrWalker.AllStatements(method.Body).OfType<CallStmt>().SelectMany(c => ActivityAnalysis.OutputArrays(c.Call))));
        return new ReplayableIndices(fixedVariables, writtenArrays);
    }

    public bool IsReplayable(IrExpr index) => index switch
    {
        ConstantExpr or LengthExpr => true,
        VariableExpr variable => _fixedVariables.Contains(variable.Name),
        ElementExpr element => !_writtenArrays.Contains(element.Array) && IsReplayable(element.Index),
        TapePopExpr => false,
        ArrayRefExpr array => !_writtenArrays.Contains(array.Array), // a call reading the whole array
        SliceExpr slice => !_writtenArrays.Contains(slice.Array) && IsReplayable(slice.Offset) && IsReplayable(slice.Length),
        _ => IrWalker.Children(index).All(IsReplayable),
    };
}
