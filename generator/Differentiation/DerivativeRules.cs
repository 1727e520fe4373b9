using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// The derivative of each math function with respect to each argument, as IR over the arguments, with the
/// formula the generated code shows as a comment. A rule is the local Jacobian; the reverse-mode transform
/// multiplies it by the incoming adjoint (the chain rule).
/// </summary>
internal static class DerivativeRules
{
    /// <summary>
    /// A partial derivative: which argument, the expression, and the formula it implements. A <paramref name="Gate"/>
    /// rule's derivative is <c>c ? 0 : 1</c> or <c>c ? 1 : 0</c>: the adjoint is selected by the condition rather than
    /// multiplied by it, so an infinite or NaN adjoint is dropped (0) where the derivative is 0, not turned into NaN.
    /// </summary>
    internal readonly record struct Partial(int Argument, IrExpr Derivative, string Formula, bool Gate = false);

    /// <summary>The nonzero partial derivatives of <paramref name="call"/>.</summary>
    public static Partial[] For(CallExpr call)
    {
        NumericType t = call.Type;
        IrExpr x = call.Arguments[0];
        IrExpr One() => Const(1, t);
        IrExpr Sqrt(IrExpr v) => Call(MathFunction.Sqrt, t, v);
        IrExpr Y() => call.Arguments[1];
        IrExpr IsNaN(IrExpr v) => new ConstantCallExpr(t == NumericType.Float ? "global::System.Single.IsNaN" : "global::System.Double.IsNaN", EquatableArray.Create(v), NumericType.Bool);
        static IrExpr Or(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.Or, a, b, NumericType.Bool);
        static IrExpr Not(IrExpr a) => new UnaryExpr(UnaryOperator.Not, a, NumericType.Bool);

        // min(x, x) compares x with itself: the answer is known (ties go to the first argument), and C# would
        // warn (CS1718) about the comparison, also when one side is Gradient.Stop(x), which prints as x.
        static IrExpr Cmp(BinaryOperator op, IrExpr a, IrExpr b) => Unstopped(a) == Unstopped(b)
            ? new ConstantExpr(op is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal ? 1 : 0, NumericType.Bool)
            : Compare(op, a, b);
        static IrExpr Unstopped(IrExpr e) => e is StopGradientExpr stop ? Unstopped(stop.Operand) : e;

        return call.Function switch
        {
            MathFunction.Exp => [new(0, call, "d/dx exp(x) = exp(x)")],
            MathFunction.Log => [new(0, Div(One(), x), "d/dx log(x) = 1 / x")],
            MathFunction.LogBase =>
            [
                new(0, Div(One(), Mul(x, Call(MathFunction.Log, t, Y()))), "d/dx log_b(x) = 1 / (x log(b))"),
                new(1, Neg(Div(Call(MathFunction.Log, t, x), Mul(Y(), Square(Call(MathFunction.Log, t, Y()))))), "d/db log_b(x) = -log(x) / (b log(b)^2)"),
            ],
            MathFunction.Log2 => [new(0, Div(One(), Mul(x, Const(System.Math.Log(2), t))), "d/dx log2(x) = 1 / (x ln 2)")],
            MathFunction.Log10 => [new(0, Div(One(), Mul(x, Const(System.Math.Log(10), t))), "d/dx log10(x) = 1 / (x ln 10)")],
            MathFunction.Sqrt => [new(0, Div(Const(0.5, t), call), "d/dx sqrt(x) = 0.5 / sqrt(x)")],
            MathFunction.Cbrt => [new(0, Div(One(), Mul(Const(3, t), Square(call))), "d/dx cbrt(x) = 1 / (3 cbrt(x)^2)")],
            MathFunction.Pow =>
            [
                new(0, Mul(Y(), Call(MathFunction.Pow, t, x, Sub(Y(), One()))), "d/dx x^y = y x^(y - 1)"),
                // log(x) is undefined for x <= 0, where x^y has no real derivative in y; PyTorch reports 0 there too.
                new(1, Select(Compare(BinaryOperator.Greater, x, Const(0, t)), Mul(call, Call(MathFunction.Log, t, x)), Const(0, t)), "d/dy x^y = x^y log(x) (0 where x <= 0)"),
            ],
            MathFunction.Sin => [new(0, Call(MathFunction.Cos, t, x), "d/dx sin(x) = cos(x)")],
            MathFunction.Cos => [new(0, Neg(Call(MathFunction.Sin, t, x)), "d/dx cos(x) = -sin(x)")],
            MathFunction.Tan => [new(0, Add(One(), Square(call)), "d/dx tan(x) = 1 + tan(x)^2")],
            MathFunction.Asin => [new(0, Div(One(), Sqrt(Sub(One(), Square(x)))), "d/dx asin(x) = 1 / sqrt(1 - x^2)")],
            MathFunction.Acos => [new(0, Neg(Div(One(), Sqrt(Sub(One(), Square(x))))), "d/dx acos(x) = -1 / sqrt(1 - x^2)")],
            MathFunction.Atan => [new(0, Div(One(), Add(One(), Square(x))), "d/dx atan(x) = 1 / (1 + x^2)")],
            MathFunction.Atan2 =>
            [
                // Math.Atan2(y, x): the first argument is y.
                new(0, Div(Y(), Add(Square(x), Square(Y()))), "d/dy atan2(y, x) = x / (x^2 + y^2)"),
                new(1, Neg(Div(x, Add(Square(x), Square(Y())))), "d/dx atan2(y, x) = -y / (x^2 + y^2)"),
            ],
            MathFunction.Sinh => [new(0, Call(MathFunction.Cosh, t, x), "d/dx sinh(x) = cosh(x)")],
            MathFunction.Cosh => [new(0, Call(MathFunction.Sinh, t, x), "d/dx cosh(x) = sinh(x)")],
            MathFunction.Tanh => [new(0, Sub(One(), Square(call)), "d/dx tanh(x) = 1 - tanh(x)^2")],
            MathFunction.Sigmoid => [new(0, Mul(call, Sub(One(), call)), "d/dx sigmoid(x) = sigmoid(x) (1 - sigmoid(x))")],
            // As Relu's companion and PyTorch's threshold_backward: the adjoint passes where x > 0 (and where x is NaN).
            MathFunction.Relu => [new(0, Select(Compare(BinaryOperator.LessOrEqual, x, Const(0, t)), Const(0, t), One()), "d/dx relu(x) = x <= 0 ? 0 : 1", Gate: true)],
            // Not Math.Sign, which throws on NaN: a NaN input gives a NaN gradient that the runtime's checks can see.
            MathFunction.Abs => [new(0, Select(Compare(BinaryOperator.Greater, x, Const(0, t)), One(), Select(Compare(BinaryOperator.Less, x, Const(0, t)), Const(-1, t), Mul(x, Const(0, t)))), "d/dx |x| = sign(x) (0 at 0, NaN at NaN)")],
            // The argument that is NaN gets the gradient, as the NaN is what Math.Max returns.
            MathFunction.Max =>
            [
                new(0, Select(Or(Cmp(BinaryOperator.GreaterOrEqual, x, Y()), IsNaN(x)), One(), Const(0, t)), "d/da max(a, b) = a >= b or a is NaN ? 1 : 0 (ties go to a)"),
                new(1, Select(Or(Cmp(BinaryOperator.GreaterOrEqual, x, Y()), IsNaN(x)), Const(0, t), One()), "d/db max(a, b) = a >= b or a is NaN ? 0 : 1"),
            ],
            MathFunction.Min =>
            [
                new(0, Select(Or(Cmp(BinaryOperator.LessOrEqual, x, Y()), IsNaN(x)), One(), Const(0, t)), "d/da min(a, b) = a <= b or a is NaN ? 1 : 0 (ties go to a)"),
                new(1, Select(Or(Cmp(BinaryOperator.LessOrEqual, x, Y()), IsNaN(x)), Const(0, t), One()), "d/db min(a, b) = a <= b or a is NaN ? 0 : 1"),
            ],
            MathFunction.Clamp =>
            [
                new(0, Select(And(Not(Cmp(BinaryOperator.Less, x, Y())), Not(Cmp(BinaryOperator.Greater, x, call.Arguments[2]))), One(), Const(0, t)), "d/dx clamp(x, lo, hi) = lo <= x <= hi (or x is NaN) ? 1 : 0"),
                new(1, Select(Cmp(BinaryOperator.Less, x, Y()), One(), Const(0, t)), "d/dlo clamp(x, lo, hi) = x < lo ? 1 : 0"),
                new(2, Select(Cmp(BinaryOperator.Greater, x, call.Arguments[2]), One(), Const(0, t)), "d/dhi clamp(x, lo, hi) = x > hi ? 1 : 0"),
            ],
            MathFunction.FusedMultiplyAdd =>
            [
                new(0, Y(), "d/da (a b + c) = b"),
                new(1, x, "d/db (a b + c) = a"),
                new(2, One(), "d/dc (a b + c) = 1"),
            ],
            MathFunction.ScaleB => [new(0, Call(MathFunction.ScaleB, t, One(), Y()), "d/dx x 2^n = 2^n")],

            // Piecewise-constant functions: the derivative is zero wherever it exists (documented).
            _ => [],
        };
    }
}
