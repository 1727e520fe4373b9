using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Multiplies two values once where a block multiplies them again: the forward's <c>t * t * e</c>, the reverse's
/// <c>t * t * d_sum * e</c> and tanh's rule <c>1 - t * t</c> in one fused iteration share <c>float tSquared = t * t;</c>,
/// declared before the first statement that evaluates it, for as long as neither operand is written. Only
/// floating-point products of locals and constants are shared (index arithmetic stays visible to the loop analysis),
/// in either operand order, which IEEE multiplication makes the same value: no bit changes, and the derivative rules'
/// repeated products stop costing an instruction each, per element.
/// </summary>
internal sealed class RepeatedProductElimination : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        NameScope names = BlockSubstitution.NamesOf(program);
        return BlockSubstitution.RewriteBlocks(program, statements => Block(statements, names));
    }

    private static List<IrStmt> Block(List<IrStmt> statements, NameScope names)
    {
        for (int k = 0; k < statements.Count; k++)
        {
            foreach (BinaryExpr product in BlockSubstitution.OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).OfType<BinaryExpr>().Where(Shareable).Distinct().ToList())
            {
                bool Same(IrExpr e) => e is BinaryExpr { Operator: BinaryOperator.Multiply } other && other.Type == product.Type
                    && ((other.Left == product.Left && other.Right == product.Right) || (other.Left == product.Right && other.Right == product.Left));
                if (BlockSubstitution.Uses(statements, k, product, Same) < 2 || !BlockSubstitution.OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).Any(Same))
                {
                    continue;
                }

                var local = new VariableExpr(names.Fresh(NameOf(product)), product.Type);
                statements.Insert(k, new DeclareStmt(local.Name, product.Type, product));
                BlockSubstitution.Replace(statements, k + 1, product, Same, local);
                k++;
            }
        }

        return statements;
    }

    /// <summary>A floating-point product of two locals, or of a local and a constant.</summary>
    private static bool Shareable(BinaryExpr binary)
        => binary is { Operator: BinaryOperator.Multiply, Type: NumericType.Float or NumericType.Double }
            && binary.Left is VariableExpr or ConstantExpr && binary.Right is VariableExpr or ConstantExpr
            && (binary.Left is VariableExpr || binary.Right is VariableExpr);

    /// <summary><c>tSquared</c> for <c>t * t</c>, <c>aTimesB</c> for <c>a * b</c>, <c>twiceA</c> for <c>2 * a</c>, <c>aScaled</c> for <c>0.5 * a</c>.</summary>
    private static string NameOf(BinaryExpr product) => (product.Left, product.Right) switch
    {
        (VariableExpr left, VariableExpr right) when left == right => left.Name + "Squared",
        (VariableExpr left, VariableExpr right) => left.Name + "Times" + char.ToUpperInvariant(right.Name[0]) + right.Name.Substring(1),
        (VariableExpr left, ConstantExpr right) => Scaled(left.Name, right.Value),
        (ConstantExpr left, VariableExpr right) => Scaled(right.Name, left.Value),
        _ => "product",
    };

    private static string Scaled(string name, double factor)
        => factor == 2 ? "twice" + char.ToUpperInvariant(name[0]) + name.Substring(1) : name + "Scaled";
}
