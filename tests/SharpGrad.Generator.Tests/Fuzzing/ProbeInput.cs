namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// What the probe passes for one parameter. A differentiated parameter takes its values from the point being
/// checked (an array or span has <paramref name="Length"/> of them); any other parameter is held at
/// <paramref name="Scalar"/> (C# text, such as <c>2</c> or <c>true</c>) or at <paramref name="Array"/>.
/// </summary>
internal sealed record ProbeInput(int Length = 3, string? Scalar = null, double[]? Array = null)
{
    public override string ToString()
        => Array is not null ? "[" + string.Join(",", Array.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]"
            : Scalar ?? "[" + Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
