using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>Whether the value a loop leaves in a scalar can be read afterwards.</summary>
internal static class ScalarLiveness
{
    /// <summary>
    /// Whether <paramref name="name"/>'s value after <paramref name="loop"/> can be read: a statement outside every loop
    /// reads it, or another loop reads it without setting it first in each iteration (a loop where it is private
    /// never sees the value it had on entry).
    /// </summary>
    public static bool ReadAfter(GradientProgram program, ForStmt loop, string name)
    {
        bool Reads(IEnumerable<IrStmt> statements) => statements.Any(s => s switch
        {
            ForStmt other when ReferenceEquals(other, loop) => false,
            ForStmt other => IrWalker.VariablesRead(other.Start).Contains(name) || IrWalker.VariablesRead(other.Bound).Contains(name)
                || (other.Body.Any(b => LoopShape.Touches(b, name))
                    && (other.Body.Any(b => b is ForStmt or WhileStmt) ? Reads(other.Body) : LoopShape.RoleOf(other.Body, name) != ScalarRole.Private)),
            WhileStmt other => IrWalker.VariablesRead(other.Condition).Contains(name) || Reads(other.Body),
            IfStmt branch => IrWalker.VariablesRead(branch.Condition).Contains(name) || Reads(branch.Then) || Reads(branch.Else),
            VectorLoopStmt vector => Reads([vector.Source]),
            _ => IrWalker.ExpressionsOf(s).Any(e => IrWalker.VariablesRead(e).Contains(name)),
        });
        return Reads(program.Forward) || Reads(program.Reverse);
    }
}
