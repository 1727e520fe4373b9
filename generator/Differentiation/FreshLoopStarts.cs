using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Loops that start every run from a fresh value of a scalar: <c>a = b[k]; for (...) { a = a + w[j] * x[j]; }</c>,
/// where an unconditional assignment that does not read <c>a</c> comes before the loop in the same block, with
/// nothing in between that mentions <c>a</c>. The reverse sweep of such a loop need not restore <c>a</c> at each
/// step when nothing inside the loop reads it backwards (a reduction's partial sums): whoever reads <c>a</c>
/// before the loop, in reverse, sees the value the kill's own record restores.
/// </summary>
internal sealed class FreshLoopStarts
{
    private readonly Dictionary<string, List<IrStmt>> _loops = new();

    private FreshLoopStarts()
    {
    }

    public static FreshLoopStarts Run(IEnumerable<IrStmt> body)
    {
        var analysis = new FreshLoopStarts();
        analysis.Visit(body.ToList());
        return analysis;
    }

    /// <summary>The loops (<see cref="ForStmt"/> or <see cref="WhileStmt"/>) whose every run starts from a fresh <paramref name="variable"/>.</summary>
    public IReadOnlyList<IrStmt> LoopsStartingFresh(string variable)
        => _loops.TryGetValue(variable, out List<IrStmt>? loops) ? loops : [];

    private void Visit(IReadOnlyList<IrStmt> block)
    {
        for (int i = 0; i < block.Count; i++)
        {
            switch (block[i])
            {
                case ForStmt loop:
                    NoteKills(block, i);
                    Visit(loop.Body);
                    break;
                case WhileStmt loop:
                    NoteKills(block, i);
                    Visit(loop.Body);
                    break;
                case IfStmt branch:
                    Visit(branch.Then);
                    Visit(branch.Else);
                    break;
            }
        }
    }

    /// <summary>Walks back from the loop at <paramref name="at"/> over the statements that do not mention a variable, to its kill.</summary>
    private void NoteKills(IReadOnlyList<IrStmt> block, int at)
    {
        var mentioned = new HashSet<string>();
        for (int i = at - 1; i >= 0; i--)
        {
            IrStmt statement = block[i];
            if (statement is AssignStmt { Target: VariableExpr target, Kind: AssignKind.Set } kill
                && !mentioned.Contains(target.Name)
                && !IrWalker.VariablesRead(kill.Value).Contains(target.Name))
            {
                if (!_loops.TryGetValue(target.Name, out List<IrStmt>? loops))
                {
                    _loops[target.Name] = loops = [];
                }

                loops.Add(block[at]);
            }

            mentioned.UnionWith(Mentions(statement));
        }
    }

    private static IEnumerable<string> Mentions(IrStmt statement)
        => IrWalker.AllStatements([statement]).SelectMany(s => IrWalker.ExpressionsOf(s).SelectMany(IrWalker.VariablesRead)
            .Concat(s switch
            {
                AssignStmt assign => [ActivityAnalysis.TargetName(assign.Target)],
                ForStmt loop => [loop.Index],
                _ => [],
            }));
}
