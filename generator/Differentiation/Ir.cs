using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>Builders that keep derivative rules short and readable.</summary>
internal static class Build
{
    public static ConstantExpr Const(double value, NumericType type) => new(value, type);

    public static IrExpr Add(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.Add, a, b, a.Type);

    public static IrExpr Sub(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.Subtract, a, b, a.Type);

    public static IrExpr Mul(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.Multiply, a, b, a.Type);

    public static IrExpr Div(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.Divide, a, b, a.Type);

    public static IrExpr Neg(IrExpr a) => new UnaryExpr(UnaryOperator.Negate, a, a.Type);

    public static IrExpr Square(IrExpr a) => Mul(a, a);

    public static IrExpr Compare(BinaryOperator op, IrExpr a, IrExpr b) => new BinaryExpr(op, a, b, NumericType.Bool);

    public static IrExpr And(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.And, a, b, NumericType.Bool);

    public static IrExpr Select(IrExpr condition, IrExpr whenTrue, IrExpr whenFalse) => new ConditionalExpr(condition, whenTrue, whenFalse, whenTrue.Type);

    public static IrExpr Call(MathFunction function, NumericType type, params IrExpr[] arguments)
        => new CallExpr(function, new EquatableArray<IrExpr>(arguments), type);
}
