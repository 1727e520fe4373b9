using System.Collections.Generic;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Statements that folding left trivial: an <c>if</c> on a constant becomes the branch it takes, a
/// <c>while (false)</c> disappears, and <c>x = x</c> (from <c>x *= 1</c> once simplified) goes. C# warns about
/// each (unreachable code CS0162, self-assignment CS1717), and a user's build may treat warnings as errors.
/// Tape pushes inside a taken branch stay, so the reverse sweep's pops still match.
/// </summary>
internal sealed class StatementFolding : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
        => program with { Forward = Fold(program.Forward), Reverse = Fold(program.Reverse) };

    private static EquatableArray<IrStmt> Fold(IEnumerable<IrStmt> block)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in block)
        {
            switch (statement)
            {
                case IfStmt { Condition: ConstantExpr condition } branch:
                    output.AddRange(Fold(condition.Value != 0 ? branch.Then : branch.Else));
                    break;
                case IfStmt branch:
                    output.Add(branch with { Then = Fold(branch.Then), Else = Fold(branch.Else) });
                    break;
                case WhileStmt { IsDoWhile: false, Condition: ConstantExpr { Value: 0 } }:
                    break;
                case WhileStmt loop:
                    output.Add(loop with { Body = Fold(loop.Body) });
                    break;
                case ForStmt loop:
                    output.Add(loop with { Body = Fold(loop.Body) });
                    break;
                case AssignStmt { Kind: AssignKind.Set } assign when assign.Target == assign.Value:
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output.ToEquatableArray();
    }
}
