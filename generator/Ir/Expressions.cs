using System.Linq;
using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Ir;

/// <summary>
/// An expression of the IR. Records compare by value, so a method's IR is its own cache key: an edit that
/// leaves the IR unchanged (a comment, whitespace) regenerates nothing.
/// </summary>
internal abstract record IrExpr(NumericType Type);

/// <summary>A literal; booleans are 0 or 1.</summary>
internal sealed record ConstantExpr(double Value, NumericType Type) : IrExpr(Type)
{
    public static ConstantExpr Zero(NumericType type) => new(0, type);

    public static ConstantExpr One(NumericType type) => new(1, type);
}

/// <summary>A scalar local or parameter.</summary>
internal sealed record VariableExpr(string Name, NumericType Type) : IrExpr(Type);

/// <summary>An element of an array or span: <c>Array[Index]</c>.</summary>
internal sealed record ElementExpr(string Array, IrExpr Index, NumericType Type) : IrExpr(Type);

/// <summary><c>Array.Length</c>.</summary>
internal sealed record LengthExpr(string Array) : IrExpr(NumericType.Int);

internal enum UnaryOperator
{
    Negate,
    Not,

    /// <summary><c>~</c> on an integer.</summary>
    BitwiseNot,
}

internal sealed record UnaryExpr(UnaryOperator Operator, IrExpr Operand, NumericType Type) : IrExpr(Type);

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,

    /// <summary>Integer (or bool) operators: they carry no derivative.</summary>
    BitwiseAnd,
    BitwiseOr,
    ExclusiveOr,
    LeftShift,
    RightShift,
    UnsignedRightShift,
}

internal sealed record BinaryExpr(BinaryOperator Operator, IrExpr Left, IrExpr Right, NumericType Type) : IrExpr(Type);

/// <summary>A call to a known math function (see <see cref="MathFunction"/>).</summary>
internal sealed record CallExpr(MathFunction Function, EquatableArray<IrExpr> Arguments, NumericType Type) : IrExpr(Type);

/// <summary><c>Condition ? WhenTrue : WhenFalse</c>.</summary>
internal sealed record ConditionalExpr(IrExpr Condition, IrExpr WhenTrue, IrExpr WhenFalse, NumericType Type) : IrExpr(Type);

/// <summary>A numeric conversion to <see cref="IrExpr.Type"/>.</summary>
internal sealed record ConvertExpr(IrExpr Operand, NumericType Type) : IrExpr(Type);

/// <summary>A whole array or span passed to a differentiable call.</summary>
internal sealed record ArrayRefExpr(string Array, NumericType Type) : IrExpr(Type);

/// <summary>
/// A view of part of an array or span passed to a differentiable call: <c>Array.Slice(Offset, Length)</c>
/// (or <c>Array[Offset..(Offset + Length)]</c>). <see cref="Writable"/> says whether it is printed as a
/// <c>Span&lt;T&gt;</c> (an output, or an adjoint that receives a gradient) or a <c>ReadOnlySpan&lt;T&gt;</c>.
/// </summary>
internal sealed record SliceExpr(string Array, IrExpr Offset, IrExpr Length, NumericType Type, bool Writable = false) : IrExpr(Type);

/// <summary><c>Gradient.Stop(Operand)</c>: the operand's value, with no derivative.</summary>
internal sealed record StopGradientExpr(IrExpr Operand) : IrExpr(Operand.Type);

/// <summary>
/// A call to a method that has a gradient: a [Differentiable] method (its generated companion) or one with
/// a [CustomGradient]. <see cref="Differentiated"/> says, per argument, whether the companion takes a
/// gradient buffer for it; <see cref="Outputs"/> whether it is one of the callee's outputs (an array or slice the
/// callee writes, so the call is a <see cref="CallStmt"/>); <see cref="PassedIn"/> whether the source passed it with <c>in</c> (which picks
/// <c>F(in double)</c> over an overload <c>F(double)</c>, so the generated calls must say it too).
/// <see cref="Receiver"/> is set for an instance callee (<c>this</c>, <c>this.fc1</c>): its result depends on that
/// module's parameters, which its companion differentiates on its own, so the call is varied whatever its arguments.
/// <see cref="HasParametersOnlyCompanion"/>: the callee (a module method) also has a companion that takes no gradient
/// buffers, which a caller whose arguments carry no derivative calls instead of passing scratch buffers.
/// <see cref="BackwardMethod"/>: the callee's backward method (<c>[CustomGradient(..., Backward = ...)]</c>), which takes
/// the outputs the call wrote instead of computing them again; null when it has none.
/// </summary>
internal sealed record DifferentiableCallExpr(
    string Method,
    string GradientMethod,
    EquatableArray<IrExpr> Arguments,
    EquatableArray<bool> Differentiated,
    EquatableArray<bool> PassedIn,
    NumericType Type,
    EquatableArray<bool> Outputs = default,
    bool ReturnsVoid = false,
    string? Receiver = null,
    bool HasParametersOnlyCompanion = false,
    string? BackwardMethod = null) : IrExpr(Type)
{
    /// <summary>Whether argument <paramref name="index"/> is one of the callee's outputs.</summary>
    public bool IsOutput(int index) => index < Outputs.Count && Outputs[index];

    /// <summary>Whether the callee writes any outputs.</summary>
    public bool HasOutputs => Outputs.Any(o => o);
}

/// <summary>
/// A call whose result carries no derivative: a helper on ints or constants.
/// <see cref="TextArguments"/>: string literals that follow the numeric arguments (a check's layer and argument
/// names, as in <c>Shapes.Rows(x.Length, 4, "Linear", "x")</c>), printed as literals.
/// </summary>
internal sealed record ConstantCallExpr(string Method, EquatableArray<IrExpr> Arguments, NumericType Type, EquatableArray<string> TextArguments = default) : IrExpr(Type);

/// <summary>Gradient programs only: the value most recently recorded on the tape.</summary>
internal sealed record TapePopExpr(NumericType Type) : IrExpr(Type);
