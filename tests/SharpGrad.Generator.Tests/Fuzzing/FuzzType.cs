namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>The scalar types a fuzzed program computes with (long and uint only in programs meant to be refused).</summary>
internal enum FuzzType
{
    Double,
    Float,
    Int,
    Bool,
    Long,
    UInt,
}

/// <summary>Keywords and literals of <see cref="FuzzType"/>.</summary>
internal static class FuzzTypes
{
    public static string Keyword(this FuzzType type) => type switch
    {
        FuzzType.Double => "double",
        FuzzType.Float => "float",
        FuzzType.Int => "int",
        FuzzType.Bool => "bool",
        FuzzType.Long => "long",
        _ => "uint",
    };

    public static bool IsFloating(this FuzzType type) => type is FuzzType.Double or FuzzType.Float;

    /// <summary>The C# math class whose functions take and return <paramref name="type"/>.</summary>
    public static string MathClass(this FuzzType type) => type == FuzzType.Float ? "MathF" : "Math";

    /// <summary>A literal of <paramref name="type"/> with the value <paramref name="value"/> (truncated for integers).</summary>
    public static string Literal(this FuzzType type, double value) => type switch
    {
        FuzzType.Double => FormatReal(value),
        FuzzType.Float => FormatReal(value) + "f",
        FuzzType.Int => ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FuzzType.Bool => value != 0 ? "true" : "false",
        FuzzType.Long => ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        _ => ((uint)Math.Abs(value)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "u",
    };

    private static string FormatReal(double value)
    {
        string text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
