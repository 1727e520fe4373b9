namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// A name the generator may use: a parameter, local, loop index or local array. Ints with a known range
/// (loop indices, trip counters, int parameters with a fixed probe value) can index arrays directly;
/// other ints only through a clamp.
/// </summary>
internal sealed record FuzzVariable(string Name, FuzzType Type, ParamShape Shape = ParamShape.Scalar)
{
    /// <summary>The number of elements of an array or span.</summary>
    public int Length { get; init; }

    /// <summary>Whether assignments (to the variable or, for arrays, its elements) are allowed.</summary>
    public bool Writable { get; init; }

    /// <summary>Whether its value is data the gradient ignores ([NoGrad] parameter, or a constant).</summary>
    public bool Inactive { get; init; }

    /// <summary>The range of an int known at generation time, or null.</summary>
    public (int Low, int High)? Range { get; init; }

    public bool IsArray => Shape != ParamShape.Scalar;

    public FuzzExpr Reference => FuzzExpr.Leaf(Name, Type);
}
