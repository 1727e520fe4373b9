namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// A family of programs: how much of each construct the generator writes. The standard family covers the
/// documented language; the adversarial ones lean on its edges, or inject constructs that must be refused.
/// </summary>
internal sealed record FuzzFamily(string Name)
{
    /// <summary>The chance that a declared name is an odd one (<c>@in</c>, <c>tape</c>, <c>d_x</c>...).</summary>
    public double OddNames { get; init; } = 0.04;

    /// <summary>Weights of calls, array code and control flow, relative to the standard family.</summary>
    public double Calls { get; init; } = 1;

    public double Arrays { get; init; } = 1;

    public double Control { get; init; } = 1;

    /// <summary>The weight of model loops (dot products, scaled accumulations, matrix-vector layers).</summary>
    public double Idioms { get; init; } = 1;

    /// <summary>The chance of int bit operators in an int expression.</summary>
    public double BitOps { get; init; } = 0.03;

    /// <summary>The chance that an argument for a callee's [NoGrad] parameter is active (must be refused).</summary>
    public double ActiveNoGrad { get; init; }

    /// <summary>The chance that a method computes in float.</summary>
    public double Float { get; init; } = 0.2;

    /// <summary>How deep expressions nest.</summary>
    public int ExpressionDepth { get; init; } = 3;

    /// <summary>Overloaded helpers (by type, arity, <c>in</c>, span or scalar).</summary>
    public bool Overloads { get; init; }

    /// <summary>Unusual containing types: nested, struct, record, instance methods, file-scoped namespace, file types, generic, not partial.</summary>
    public bool Containers { get; init; }

    /// <summary>One construct the generator must refuse, injected into some method.</summary>
    public bool Refusal { get; init; }

    /// <summary>Constructs near known weak spots: early returns before local arrays, bools flipped in loops, reversed loop conditions, NaN.</summary>
    public bool Edges { get; init; }

    public static FuzzFamily Standard { get; } = new("standard");

    public static IReadOnlyList<FuzzFamily> Adversarial { get; } =
    [
        new("names") { OddNames = 0.6 },
        new("calls") { Calls = 3, ActiveNoGrad = 0.05 },
        new("arrays") { Arrays = 3 },
        new("control") { Control = 3 },
        new("overloads") { Overloads = true, Calls = 2 },
        new("containers") { Containers = true },
        new("refusal") { Refusal = true },
        new("edges") { Edges = true, BitOps = 0.2, ActiveNoGrad = 0.1, OddNames = 0.15 },
        new("deep") { ExpressionDepth = 6, Control = 1.5 },
        new("float") { Float = 0.9 },
        new("idioms") { Idioms = 5, Arrays = 2, Float = 0.3 },
    ];
}
