using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// What parsing one method produced: its IR when it is differentiable, and the diagnostics found.
/// The generator keeps only <see cref="Method"/>; the analyzer reports <see cref="Diagnostics"/>.
/// </summary>
internal sealed record ParseResult(MethodIr? Method, EquatableArray<DiagnosticInfo> Diagnostics);
