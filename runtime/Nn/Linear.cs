using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.Linear(inFeatures, outFeatures)</c>: the parameters <c>{name}.weight</c> <c>[outFeatures, inFeatures]</c> and
/// <c>{name}.bias</c> <c>[outFeatures]</c>, initialized as PyTorch does (weight Kaiming-uniform with a = √5, that is
/// uniform in ±1/√inFeatures; bias uniform in ±1/√inFeatures), and the input check. The computation is
/// <see cref="Functional.Linear(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Linear<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer and initializes its parameters from <paramref name="random"/> (weight first, then bias, as PyTorch).</summary>
    /// <param name="inFeatures">The input width.</param>
    /// <param name="outFeatures">The output width.</param>
    /// <param name="random">The generator, e.g. a seeded <see cref="RandomGenerator"/>.</param>
    /// <param name="name">The prefix of the parameter names, e.g. <c>fc1</c>.</param>
    public Linear(int inFeatures, int outFeatures, Random random, string name = "linear")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(random);
        Name = name;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter<T>(name + ".weight", outFeatures, inFeatures);
        Bias = new Parameter<T>(name + ".bias", outFeatures);
        Init.KaimingUniform(Weight, random, a: Math.Sqrt(5));
        double bound = 1 / Math.Sqrt(inFeatures);
        Init.Uniform(Bias, random, -bound, bound);
    }

    /// <summary>The name given at construction.</summary>
    public string Name { get; }

    /// <summary>The input width.</summary>
    public int InFeatures { get; }

    /// <summary>The output width.</summary>
    public int OutFeatures { get; }

    /// <summary><c>[outFeatures, inFeatures]</c>.</summary>
    public Parameter<T> Weight { get; }

    /// <summary><c>[outFeatures]</c>.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>The weight and the bias, in PyTorch's order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight, Bias];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the layer and both shapes unless <paramref name="input"/> is <paramref name="count"/> rows of <see cref="InFeatures"/>.</summary>
    /// <param name="input">The batch, row-major.</param>
    /// <param name="count">The number of samples in it.</param>
    public void CheckInput(ReadOnlySpan<T> input, int count)
        => BoundaryChecks.RequireRows($"Linear '{Name}' (nn.Linear({InFeatures}, {OutFeatures}))", nameof(input), count, InFeatures, input.Length);
}
