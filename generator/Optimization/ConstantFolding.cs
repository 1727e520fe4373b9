using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Evaluates operators whose operands are all constants, with the arithmetic of the operands' type (float
/// folding rounds to float), so folded code computes exactly what unfolded code would.
/// </summary>
internal sealed class ConstantFolding : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program) => ExpressionRewriter.RewriteAll(program, Fold);

    private static IrExpr Fold(IrExpr expression)
    {
        switch (expression)
        {
            case UnaryExpr { Operator: UnaryOperator.Negate, Operand: ConstantExpr operand }:
                return new ConstantExpr(-operand.Value, operand.Type);
            case UnaryExpr { Operator: UnaryOperator.Not, Operand: ConstantExpr operand }:
                return new ConstantExpr(operand.Value != 0 ? 0 : 1, NumericType.Bool);
            case ConditionalExpr { Condition: ConstantExpr condition } conditional:
                // A constant condition picks its branch; the other would be unreachable code (CS0162) in an if.
                return condition.Value != 0 ? conditional.WhenTrue : conditional.WhenFalse;
            case BinaryExpr { Left: ConstantExpr left, Right: ConstantExpr right, Type: NumericType.Bool } comparison when Compare(comparison.Operator, left.Value, right.Value) is { } truth:
                return new ConstantExpr(truth ? 1 : 0, NumericType.Bool);
            case ConvertExpr { Operand: ConstantExpr operand } convert when convert.Type != NumericType.Bool:
                return Parsing.MethodParser.Convert(operand, convert.Type);
            case BinaryExpr { Left: ConstantExpr left, Right: ConstantExpr right } binary when binary.Type.IsFloatingPoint() || binary.Type == NumericType.Int:
                double? value = binary.Operator switch
                {
                    BinaryOperator.Add => left.Value + right.Value,
                    BinaryOperator.Subtract => left.Value - right.Value,
                    BinaryOperator.Multiply => left.Value * right.Value,
                    BinaryOperator.Divide when binary.Type != NumericType.Int => left.Value / right.Value,
                    BinaryOperator.Divide when right.Value != 0 => System.Math.Truncate(left.Value / right.Value),
                    // C#'s % truncates like fmod, exactly, in every type; by 0 an int throws (left as it is).
                    BinaryOperator.Remainder when right.Value != 0 => left.Value % right.Value,
                    _ => null,
                };
                if (value is null)
                {
                    return expression;
                }

                double rounded = binary.Type == NumericType.Float ? (float)value.Value : value.Value;
                return binary.Type == NumericType.Int && (rounded > int.MaxValue || rounded < int.MinValue)
                    ? expression
                    : new ConstantExpr(rounded, binary.Type);
            default:
                return expression;
        }
    }

    private static bool? Compare(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Less => left < right,
        BinaryOperator.LessOrEqual => left <= right,
        BinaryOperator.Greater => left > right,
        BinaryOperator.GreaterOrEqual => left >= right,
        BinaryOperator.Equal => left == right,
        BinaryOperator.NotEqual => left != right,
        BinaryOperator.And => left != 0 && right != 0,
        BinaryOperator.Or => left != 0 || right != 0,
        _ => null,
    };
}
