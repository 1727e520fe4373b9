using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>A method a generated body may call: another generated method, a <c>Functions</c> building block or a hand-written helper.</summary>
/// <param name="Target">How a call names it (<c>H</c>, <c>Helpers.H</c>, <c>Functions.Relu</c>).</param>
/// <param name="Parameters">Its parameters; array parameters are <c>ReadOnlySpan</c>s of a fixed length.</param>
/// <param name="ReturnType">Its return type.</param>
/// <param name="Overloaded">Whether another method shares its name, so arguments need explicit types.</param>
internal sealed record FuzzCallee(string Target, ImmutableArray<FuzzParam> Parameters, FuzzType ReturnType, bool Overloaded = false);
