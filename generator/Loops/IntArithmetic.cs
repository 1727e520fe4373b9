using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>
/// Sums, differences and products of int expressions for loop ranges and offsets, with constants folded as they are
/// built, so the emitted call reads <c>inputs</c> rather than <c>inputs - 1 - 0 + 1</c>.
/// </summary>
internal static class IntArithmetic
{
    public static IrExpr Plus(IrExpr a, IrExpr b) => b is ConstantExpr constant ? PlusConstant(a, (int)constant.Value)
        : a is ConstantExpr first ? PlusConstant(b, (int)first.Value)
        : b is UnaryExpr { Operator: UnaryOperator.Negate } negated ? Minus(a, negated.Operand)
        : new BinaryExpr(BinaryOperator.Add, a, b, NumericType.Int);

    /// <summary><c>a - b</c>; <c>0</c> when both are the same expression (int expressions here have no side effects).</summary>
    public static IrExpr Minus(IrExpr a, IrExpr b) => b is ConstantExpr constant ? PlusConstant(a, -(int)constant.Value)
        : a == b ? ConstantExpr.Zero(NumericType.Int)
        : a is ConstantExpr { Value: 0 } ? new UnaryExpr(UnaryOperator.Negate, b, NumericType.Int)
        : new BinaryExpr(BinaryOperator.Subtract, a, b, NumericType.Int);

    /// <summary><c>a * b</c>; <c>0</c> when either is 0 and the other operand when one is 1.</summary>
    public static IrExpr Times(IrExpr a, IrExpr b) => (a, b) switch
    {
        (ConstantExpr { Value: 0 }, _) or (_, ConstantExpr { Value: 0 }) => ConstantExpr.Zero(NumericType.Int),
        (ConstantExpr { Value: 1 }, _) => b,
        (_, ConstantExpr { Value: 1 }) => a,
        (ConstantExpr x, ConstantExpr y) => new ConstantExpr((int)x.Value * (int)y.Value, NumericType.Int),
        _ => new BinaryExpr(BinaryOperator.Multiply, a, b, NumericType.Int),
    };

    public static IrExpr PlusConstant(IrExpr a, int c)
    {
        switch (a)
        {
            case ConstantExpr constant:
                return new ConstantExpr((int)constant.Value + c, NumericType.Int);
            case BinaryExpr { Operator: BinaryOperator.Add, Right: ConstantExpr k } add:
                return PlusConstant(add.Left, (int)k.Value + c);
            case BinaryExpr { Operator: BinaryOperator.Subtract, Right: ConstantExpr k } subtract:
                return PlusConstant(subtract.Left, c - (int)k.Value);
        }

        return c switch
        {
            0 => a,
            > 0 => new BinaryExpr(BinaryOperator.Add, a, new ConstantExpr(c, NumericType.Int), NumericType.Int),
            _ => new BinaryExpr(BinaryOperator.Subtract, a, new ConstantExpr(-c, NumericType.Int), NumericType.Int),
        };
    }
}
