using SharpGrad.Generator.Diagnostics;

namespace SharpGrad.Generator;

/// <summary>The output for one method: a file to add, or an internal error to report.</summary>
internal sealed record GeneratedSource(string HintName, string? Text, DiagnosticInfo? InternalError);
