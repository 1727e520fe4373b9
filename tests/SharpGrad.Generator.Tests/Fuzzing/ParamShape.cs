namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>How a fuzzed parameter or local holds its values.</summary>
internal enum ParamShape
{
    Scalar,
    Array,
    Span,
    ReadOnlySpan,
}
