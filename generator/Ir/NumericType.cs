namespace SharpGrad.Generator.Ir;

/// <summary>The value types the IR computes with.</summary>
internal enum NumericType
{
    Int,
    Float,
    Double,
    Bool,

    /// <summary><c>long</c>: an integer, so it carries no derivative.</summary>
    Long,

    /// <summary><c>uint</c>: an integer, so it carries no derivative.</summary>
    UInt,
}

internal static class NumericTypeExtensions
{
    public static bool IsFloatingPoint(this NumericType type) => type is NumericType.Float or NumericType.Double;

    public static bool IsInteger(this NumericType type) => type is NumericType.Int or NumericType.Long or NumericType.UInt;

    public static string Keyword(this NumericType type) => type switch
    {
        NumericType.Int => "int",
        NumericType.Float => "float",
        NumericType.Double => "double",
        NumericType.Long => "long",
        NumericType.UInt => "uint",
        _ => "bool",
    };
}
