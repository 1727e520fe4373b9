using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>A differentiated parameter and the name of its gradient buffer in the generated signature.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="GradientName">The buffer (<c>Span&lt;T&gt;</c> for arrays and spans, <c>ref T</c> for scalars).</param>
/// <param name="AdjointLocal">For a scalar, the local that sums its adjoint before it is added to the buffer.</param>
internal sealed record GradientParameter(IrParameter Parameter, string GradientName, string? AdjointLocal);

/// <summary>
/// The gradient of a method as IR: a forward sweep (the original computation, recording what the reverse
/// sweep needs) and a reverse sweep (adjoints from the result back to the parameters).
/// </summary>
internal sealed record GradientProgram(
    MethodIr Method,
    EquatableArray<GradientParameter> Gradients,
    EquatableArray<IrLocal> Locals,
    EquatableArray<IrStmt> Forward,
    EquatableArray<IrStmt> Reverse,
    string ResultName,
    string TapeName,
    bool UsesTape,
    string SeedName);
