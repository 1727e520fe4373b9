using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Removes the identities that the chain rule produces: <c>x * 1</c>, <c>x + 0</c>, <c>-(-x)</c>,
/// <c>x * -1</c>, <c>v == v</c>. Each rewrite is exact in IEEE arithmetic (no <c>x * 0 = 0</c>, which is wrong for
/// infinities and NaN).
/// </summary>
internal sealed class AlgebraicSimplification : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program) => ExpressionRewriter.RewriteAll(program, Simplify);

    private static IrExpr Simplify(IrExpr expression)
    {
        switch (expression)
        {
            case UnaryExpr { Operator: UnaryOperator.Negate, Operand: UnaryExpr { Operator: UnaryOperator.Negate } inner }:
                return inner.Operand;
            case BinaryExpr binary:
                IrExpr left = binary.Left;
                IrExpr right = binary.Right;
                switch (binary.Operator)
                {
                    case BinaryOperator.Multiply when IsConstant(right, 1) && left.Type == binary.Type:
                        return left;
                    case BinaryOperator.Multiply when IsConstant(left, 1) && right.Type == binary.Type:
                        return right;
                    case BinaryOperator.Multiply when IsConstant(right, -1):
                        return new UnaryExpr(UnaryOperator.Negate, left, binary.Type);
                    case BinaryOperator.Multiply when IsConstant(left, -1):
                        return new UnaryExpr(UnaryOperator.Negate, right, binary.Type);
                    case BinaryOperator.Multiply when left is UnaryExpr { Operator: UnaryOperator.Negate } negatedLeft:
                        // (-a) * b = -(a * b): same bits, and the sign moves outward where later rules can cancel it.
                        return new UnaryExpr(UnaryOperator.Negate, new BinaryExpr(BinaryOperator.Multiply, negatedLeft.Operand, right, binary.Type), binary.Type);
                    case BinaryOperator.Divide when IsConstant(right, 1):
                        return left;
                    case BinaryOperator.Add when IsConstant(right, 0) && left.Type == binary.Type:
                        return left;
                    case BinaryOperator.Add when IsConstant(left, 0) && right.Type == binary.Type:
                        return right;
                    case BinaryOperator.Add when right is UnaryExpr { Operator: UnaryOperator.Negate } negated:
                        return new BinaryExpr(BinaryOperator.Subtract, left, negated.Operand, binary.Type);
                    case BinaryOperator.Subtract when IsConstant(right, 0):
                        return left;
                    case BinaryOperator.Subtract when right is UnaryExpr { Operator: UnaryOperator.Negate } negated:
                        return new BinaryExpr(BinaryOperator.Add, left, negated.Operand, binary.Type);
                    case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
                        or BinaryOperator.Equal or BinaryOperator.NotEqual when left is VariableExpr && left == right:
                        return SelfComparison(binary.Operator, (VariableExpr)left);
                }

                return expression;
            default:
                return expression;
        }
    }

    /// <summary>
    /// <c>v op v</c>, which folding leaves behind (<c>(c ? 1 : v) != v</c> with a constant <c>c</c>) and C# warns
    /// about (CS1718): known for an int or bool, and for a float or double up to NaN, which is unequal to itself.
    /// </summary>
    private static IrExpr SelfComparison(BinaryOperator op, VariableExpr v)
    {
        bool reflexive = op is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal;
        if (!v.Type.IsFloatingPoint() || op is BinaryOperator.Less or BinaryOperator.Greater)
        {
            return new ConstantExpr(reflexive ? 1 : 0, NumericType.Bool);
        }

        IrExpr isNaN = new ConstantCallExpr(v.Type == NumericType.Float ? "global::System.Single.IsNaN" : "global::System.Double.IsNaN", EquatableArray.Create<IrExpr>(v), NumericType.Bool);
        return op == BinaryOperator.NotEqual ? isNaN : new UnaryExpr(UnaryOperator.Not, isNaN, NumericType.Bool);
    }

    private static bool IsConstant(IrExpr expression, double value) => expression is ConstantExpr constant && constant.Value == value;
}
