using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>A differentiated parameter and the name of its gradient buffer in the generated signature.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="GradientName">The buffer (<c>Span&lt;T&gt;</c> for arrays and spans, <c>ref T</c> for scalars).</param>
/// <param name="AdjointLocal">For a scalar, the local that sums its adjoint before it is added to the buffer.</param>
internal sealed record GradientParameter(IrParameter Parameter, string GradientName, string? AdjointLocal);

/// <summary>An output of the method and the names of its seed, its optional initial-contents gradient and its adjoint.</summary>
/// <param name="Parameter">The output (a <c>Span&lt;T&gt;</c> parameter).</param>
/// <param name="SeedName">The <c>ReadOnlySpan&lt;T&gt;</c> seed: d(loss)/d(output), as in PyTorch's <c>y.backward(gradient)</c>.</param>
/// <param name="InitialGradientName">
/// The optional <c>Span&lt;T&gt;</c> (empty by default) that receives d(loss)/d(the output's contents on entry):
/// nonzero only where the method reads an element before writing it or leaves it unwritten.
/// </param>
/// <param name="AdjointName">The scratch adjoint of the output in the generated method.</param>
internal sealed record OutputParameter(IrParameter Parameter, string SeedName, string InitialGradientName, string AdjointName);

/// <summary>
/// The gradient of a method as IR: a forward sweep (the original computation, recording what the reverse
/// sweep needs) and a reverse sweep (adjoints from the result back to the parameters).
/// </summary>
/// <remarks>
/// <c>AccumulateName</c>: the companion's <c>bool accumulate = true</c> parameter (false: the gradient buffers receive
/// the gradient instead of adding it to their contents), or empty when the companion has none: a module's method, whose
/// parameters' gradients its callees' companions add into as well. <c>Overwritten</c>: the gradient buffers that need
/// no clearing when <c>accumulate</c> is false, because their first writer reads them as zero then
/// (<see cref="Optimization.FirstWriteOverwrite"/>); every other buffer is cleared on entry.
/// </remarks>
internal sealed record GradientProgram(
    MethodIr Method,
    EquatableArray<GradientParameter> Gradients,
    EquatableArray<IrLocal> Locals,
    EquatableArray<IrStmt> Forward,
    EquatableArray<IrStmt> Reverse,
    string ResultName,
    string TapeName,
    bool UsesTape,
    string SeedName,
    EquatableArray<OutputParameter> Outputs = default,
    string AccumulateName = "",
    EquatableArray<string> Overwritten = default);
