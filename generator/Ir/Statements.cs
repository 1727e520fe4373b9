using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Ir;

/// <summary>A statement of the IR. Loops stay structured (a loop node with its index, bounds and body).</summary>
internal abstract record IrStmt;

internal enum AssignKind
{
    /// <summary><c>target = value</c></summary>
    Set,

    /// <summary><c>target += value</c>, used by adjoint accumulation.</summary>
    Add,
}

/// <summary>Assignment to a <see cref="VariableExpr"/> or an <see cref="ElementExpr"/>.</summary>
internal sealed record AssignStmt(IrExpr Target, IrExpr Value, AssignKind Kind = AssignKind.Set) : IrStmt;

/// <summary>
/// <c>for (int Index = Start; Index Condition Bound; Index += Step) Body</c>: the index is an int that the body
/// does not assign, the step a nonzero constant.
/// </summary>
internal sealed record ForStmt(string Index, IrExpr Start, BinaryOperator Condition, IrExpr Bound, int Step, EquatableArray<IrStmt> Body) : IrStmt;

/// <summary>
/// <c>while (Condition) Body</c>, or <c>do Body while (Condition)</c> when <see cref="IsDoWhile"/>: a loop whose
/// trip count depends on data, so the gradient records it.
/// </summary>
internal sealed record WhileStmt(IrExpr Condition, EquatableArray<IrStmt> Body, bool IsDoWhile) : IrStmt;

/// <summary><c>break;</c> Parsing only: lowered to flags before the IR leaves the parser.</summary>
internal sealed record BreakStmt : IrStmt;

/// <summary><c>continue;</c> Parsing only: lowered to flags before the IR leaves the parser.</summary>
internal sealed record ContinueStmt : IrStmt;

internal sealed record IfStmt(IrExpr Condition, EquatableArray<IrStmt> Then, EquatableArray<IrStmt> Else) : IrStmt;

/// <summary><c>return Value;</c>: after lowering, only as the method's last statement.</summary>
internal sealed record ReturnStmt(IrExpr Value) : IrStmt;

/// <summary>
/// <c>T[] Name = new T[Length]</c>: a zeroed local array, declared where it stands. <see cref="Rented"/> (reverse
/// sweeps only) takes it from the scratch arena, between a <see cref="ScratchMarkStmt"/> and its release.
/// </summary>
internal sealed record AllocateStmt(string Name, NumericType ElementType, IrExpr Length, bool Rented = false) : IrStmt;

/// <summary>Gradient programs only: <c>int Mark = Scratch&lt;T&gt;.Mark;</c>, before arrays rented for one call of the reverse sweep.</summary>
internal sealed record ScratchMarkStmt(string Mark, NumericType ElementType) : IrStmt;

/// <summary>Gradient programs only: <c>Scratch&lt;T&gt;.Release(Mark);</c>, giving back what was rented since the mark.</summary>
internal sealed record ScratchReleaseStmt(string Mark, NumericType ElementType) : IrStmt;

/// <summary>
/// <c>Result = Call(...)</c>, or <c>Call(...);</c> without a result: a call to a differentiable method that
/// writes outputs (<see cref="DifferentiableCallExpr.Outputs"/>), so it is a statement of its own.
/// </summary>
internal sealed record CallStmt(DifferentiableCallExpr Call, VariableExpr? Result) : IrStmt;

/// <summary>
/// Gradient programs only: <c>GradientMethod(arguments..., gradients..., outputSeeds..., seed, initialGradients...)</c>,
/// which adds seed x d(callee)/d(argument) (and the output seeds' vector-Jacobian products) into each gradient
/// target (<c>ref</c> scalars or span buffers). <see cref="Seed"/> is null for a callee that returns void;
/// <see cref="OutputSeeds"/> and <see cref="InitialGradients"/> are empty for a callee without outputs.
/// </summary>
internal sealed record GradientCallStmt(
    string GradientMethod,
    EquatableArray<IrExpr> Arguments,
    EquatableArray<bool> PassedIn,
    EquatableArray<IrExpr> Gradients,
    IrExpr? Seed,
    EquatableArray<IrExpr> OutputSeeds = default,
    EquatableArray<IrExpr> InitialGradients = default) : IrStmt;

/// <summary>Gradient programs only: <c>Source.CopyTo(Destination)</c>, both whole arrays or slices of the same length.</summary>
internal sealed record CopyStmt(IrExpr Source, IrExpr Destination) : IrStmt;

/// <summary>Gradient programs only: <c>Target.Clear()</c>, a whole array or a slice set to zeros.</summary>
internal sealed record ClearStmt(IrExpr Target) : IrStmt;

/// <summary>Gradient programs only: a comment line above the statements that follow.</summary>
internal sealed record CommentStmt(string Text) : IrStmt;

/// <summary>
/// Gradient programs only: record a value the reverse sweep will need after it is overwritten; a view (an
/// <see cref="ArrayRefExpr"/> or <see cref="SliceExpr"/>) records its elements as one span.
/// </summary>
internal sealed record TapePushStmt(IrExpr Value) : IrStmt;

/// <summary>Gradient programs only: read back into a view the span most recently recorded from it (<see cref="TapePushStmt"/> of a view).</summary>
internal sealed record TapePopSpanStmt(IrExpr Destination) : IrStmt;

/// <summary>Gradient programs only: declares a local scoped to the enclosing block.</summary>
internal sealed record DeclareStmt(string Name, NumericType Type, IrExpr Value) : IrStmt;

/// <summary>
/// Gradient programs only: a loop replaced by a call to a runtime kernel (<c>SharpGrad.Numerics.Kernels</c>),
/// <c>Result = Kernel(Arguments)</c> or, without a result, <c>Kernel(Arguments)</c>. <see cref="SourceLoop"/> is
/// the loop it replaces, shown above the call.
/// </summary>
internal sealed record KernelCallStmt(VariableExpr? Result, string Kernel, EquatableArray<IrExpr> Arguments, string SourceLoop) : IrStmt;
