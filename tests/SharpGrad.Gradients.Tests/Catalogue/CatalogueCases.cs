namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Every catalogue method's gradient case, by name (the control-flow methods keep their own list).</summary>
internal static class CatalogueCases
{
    public static IReadOnlyDictionary<string, GradientCase> All { get; } =
        ArithmeticCases.All
            .Concat(MathCases.All)
            .Concat(BranchCases.All)
            .Concat(LoopCases.All)
            .Concat(ElementCases.All)
            .Concat(CompositionCases.All)
            .Concat(ModelCases.All)
            .Concat(GradBenchLstmCases.All)
            .Concat(EdgeCases.All)
            .Concat(EarlierCases.All)
            .Concat(ReproducerCases.All)
            .Concat(RecordingCases.All)
            .Concat(KernelCases.All)
            .ToDictionary(c => c.Name);
}

/// <summary>The methods of ArrayMethods.cs and CallMethods.cs, which came first.</summary>
internal static class EarlierCases
{
    private const int Inputs = 3;
    private const int Hidden = 4;

    public static IEnumerable<GradientCase> All =>
    [
        Cases.Of(
            "ArrayMethods.Mlp",
            Domains.Signed((Hidden * Inputs) + Hidden + Hidden + Inputs),
            p => ArrayMethods.Mlp(p.AsSpan(0, Hidden * Inputs), p.AsSpan(Hidden * Inputs, Hidden), p.AsSpan((Hidden * Inputs) + Hidden, Hidden), p.AsSpan((Hidden * Inputs) + (2 * Hidden))),
            (p, g, seed) => ArrayMethods.MlpWithGradient(
                p.AsSpan(0, Hidden * Inputs), p.AsSpan(Hidden * Inputs, Hidden), p.AsSpan((Hidden * Inputs) + Hidden, Hidden), p.AsSpan((Hidden * Inputs) + (2 * Hidden)),
                g.AsSpan(0, Hidden * Inputs), g.AsSpan(Hidden * Inputs, Hidden), g.AsSpan((Hidden * Inputs) + Hidden, Hidden), seed),
            differentiated: (Hidden * Inputs) + Hidden + Hidden),
        Cases.Of(
            "ArrayMethods.Recurrent",
            Domains.Signed(3 + 3 + 5),
            p => ArrayMethods.Recurrent(p.AsSpan(0, 3), p.AsSpan(3, 3), p.AsSpan(6)),
            (p, g, seed) => ArrayMethods.RecurrentWithGradient(p.AsSpan(0, 3), p.AsSpan(3, 3), p.AsSpan(6), g.AsSpan(0, 3), g.AsSpan(3, 3), seed),
            differentiated: 6),
        Cases.OfSpan("ArrayMethods.InPlace", 5, v => ArrayMethods.InPlace(v.ToArray()), (v, g, seed) => ArrayMethods.InPlaceWithGradient(v.ToArray(), g, seed)),
        Cases.Of(CallMethods.Square, CallMethods.SquareWithGradient),
        Cases.OfSpan("CallMethods.SumOfSquares", 4, v => CallMethods.SumOfSquares(v), (v, g, seed) => CallMethods.SumOfSquaresWithGradient(v, g, seed)),
        Cases.Of(
            "CallMethods.Composite",
            Domains.Signed(5),
            p => CallMethods.Composite(p.AsSpan(0, 4), p[4]),
            (p, g, seed) =>
            {
                double scaleGrad = 0;
                double value = CallMethods.CompositeWithGradient(p.AsSpan(0, 4), p[4], g.AsSpan(0, 4), ref scaleGrad, seed);
                g[4] += scaleGrad;
                return value;
            }),
        Cases.Of(CallMethods.UsesCustom, CallMethods.UsesCustomWithGradient),
        Cases.Of(
            "CallMethods.RecursivePower",
            Domains.Signed(1),
            p => CallMethods.RecursivePower(p[0], 5),
            (p, g, seed) => CallMethods.RecursivePowerWithGradient(p[0], 5, ref g[0], seed),
            differentiated: 1),
        Cases.Of(
            "CallMethods.WithHelpers",
            Domains.Signed(7),
            p => CallMethods.WithHelpers(p.AsSpan(0, 6), p[6]),
            (p, g, seed) =>
            {
                double sGrad = 0;
                double value = CallMethods.WithHelpersWithGradient(p.AsSpan(0, 6), p[6], g.AsSpan(0, 6), ref sGrad, seed);
                g[6] += sGrad;
                return value;
            },
            differentiated: 7) with
        {
            // total = sum_i v[2i] stop(s^2) + s: d/dv[2i] = s^2, d/dv[odd] = 0, d/ds = count (the s^2 factor is stopped).
            Expected = p => [p[6] * p[6], 0, p[6] * p[6], 0, p[6] * p[6], 0, 3],
        },
        Cases.OfSpan("Helpers.Norm", 4, v => Helpers.Norm(v), (v, g, seed) => Helpers.NormWithGradient(v, g, seed)),
    ];
}
