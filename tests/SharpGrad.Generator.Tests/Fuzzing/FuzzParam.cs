namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>A parameter of a fuzzed method.</summary>
/// <param name="Name">Its name as written (possibly verbatim, <c>@in</c>).</param>
/// <param name="Element">The scalar type, or the element type of an array or span.</param>
/// <param name="Shape">Scalar, array or span.</param>
/// <param name="NoGrad">Whether it carries <c>[NoGrad]</c>.</param>
/// <param name="Modifier">A modifier written before the type, such as <c>in </c>, or empty.</param>
/// <param name="Input">What the probe passes for it.</param>
/// <param name="Default">A default value (<c>= 2</c>) or null.</param>
internal sealed record FuzzParam(string Name, FuzzType Element, ParamShape Shape, bool NoGrad, string Modifier, ProbeInput Input, string? Default = null)
{
    public string TypeText => Shape switch
    {
        ParamShape.Scalar => Element.Keyword(),
        ParamShape.Array => Element.Keyword() + "[]",
        ParamShape.Span => "Span<" + Element.Keyword() + ">",
        _ => "ReadOnlySpan<" + Element.Keyword() + ">",
    };

    /// <summary>The name without the verbatim <c>@</c>, as Roslyn and the generated code spell it.</summary>
    public string PlainName => Name.TrimStart('@');

    public override string ToString()
        => (NoGrad ? "[NoGrad] " : string.Empty) + Modifier + TypeText + " " + Name + (Default is null ? string.Empty : " = " + Default);
}
