namespace SharpGrad.Generator;

/// <summary>Names of the pipeline steps, so tests can check which steps ran and which were cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Variants = nameof(Variants);
    public const string Differentiate = nameof(Differentiate);
    public const string Optimize = nameof(Optimize);
    public const string Emit = nameof(Emit);
    public const string Model = nameof(Model);
    public const string EmitModel = nameof(EmitModel);
}
