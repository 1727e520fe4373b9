using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Reads the original of a copy: after <c>T a = b;</c> (a derivative rule's <c>double t1 = t;</c> once call reuse found
/// <c>t</c> holding the same tanh), the statements that follow read <c>b</c> where they read <c>a</c>, for as long as
/// neither is written, and the declaration goes when no read of <c>a</c> is left. The same value flows, so no bit
/// changes; what it gains is that identical products (<c>t * t</c> and <c>t1 * t1</c>) look identical to
/// <see cref="RepeatedProductElimination"/>.
/// </summary>
internal sealed class CopyPropagation : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program) => BlockSubstitution.RewriteBlocks(program, Block);

    private static List<IrStmt> Block(List<IrStmt> statements)
    {
        for (int k = 0; k < statements.Count; k++)
        {
            if (statements[k] is DeclareStmt { Value: VariableExpr original } copy && original.Name != copy.Name && original.Type == copy.Type)
            {
                var name = new VariableExpr(copy.Name, copy.Type);

                // Walked to the end of the block (the copy's scope) with every read replaced: the copy is dead.
                if (BlockSubstitution.Replace(statements, k + 1, name, e => e == name, original) && !Reads(statements, k + 1, copy.Name))
                {
                    statements.RemoveAt(k);
                    k--;
                }
            }
        }

        return statements;
    }

    private static bool Reads(List<IrStmt> statements, int start, string name)
        => IrWalker.AllStatements(statements.Skip(start)).Any(s => IrWalker.ExpressionsOf(s).SelectMany(IrWalker.VariablesRead).Contains(name)
            || s is AssignStmt { Target: VariableExpr target } && target.Name == name);
}
