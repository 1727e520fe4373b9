namespace SharpGrad.Generator.Ir;

/// <summary>The value types the IR computes with.</summary>
internal enum NumericType
{
    Int,
    Float,
    Double,
    Bool,
}

internal static class NumericTypeExtensions
{
    public static bool IsFloatingPoint(this NumericType type) => type is NumericType.Float or NumericType.Double;

    public static string Keyword(this NumericType type) => type switch
    {
        NumericType.Int => "int",
        NumericType.Float => "float",
        NumericType.Double => "double",
        _ => "bool",
    };
}
