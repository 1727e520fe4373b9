namespace SharpGrad.Nn.Float64;

/// <summary>
/// <c>nn.Linear(inFeatures, outFeatures)</c> on one sample: <c>output = weight · input + bias</c>, with the parameters
/// <c>weight</c> <c>[outFeatures, inFeatures]</c> and <c>bias</c> <c>[outFeatures]</c> initialized as PyTorch does
/// (weight Kaiming-uniform with a = √5, that is uniform in ±1/√inFeatures; bias uniform in ±1/√inFeatures).
/// </summary>
/// <example><code>
/// [Module] public Linear Fc1 { get; } = new(784, 128);
/// ...
/// Fc1.Forward(features.Slice(i * 784, 784), hidden); // inside a [Differentiable] method of the model
/// </code></example>
public sealed partial class Linear : Module<double>, ILayer<double>
{
    /// <summary>Creates the layer and initializes its parameters (weight first, then bias, as PyTorch).</summary>
    /// <param name="inFeatures">The input width.</param>
    /// <param name="outFeatures">The output width.</param>
    /// <param name="random">The generator to draw from; <see cref="Init.DefaultGenerator"/> when null.</param>
    public Linear(int inFeatures, int outFeatures, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        random ??= Init.DefaultGenerator;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter<double>("weight", outFeatures, inFeatures);
        Bias = new Parameter<double>("bias", outFeatures);
        Init.KaimingUniform(Weight, random, a: Math.Sqrt(5));
        Init.Uniform(Bias, random, -1 / Math.Sqrt(inFeatures), 1 / Math.Sqrt(inFeatures));
    }

    /// <summary>The input width.</summary>
    public int InFeatures { get; }

    /// <summary>The output width.</summary>
    public int OutFeatures { get; }

    /// <summary><c>[outFeatures, inFeatures]</c>.</summary>
    [Parameter]
    public Parameter<double> Weight { get; }

    /// <summary><c>[outFeatures]</c>.</summary>
    [Parameter]
    public Parameter<double> Bias { get; }

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => Shapes.Features(inputLength, InFeatures, OutFeatures, "Linear", "input") == InFeatures ? OutFeatures : 0;

    /// <summary>Computes <c>output = weight · input + bias</c> for one sample.</summary>
    /// <param name="input"><see cref="InFeatures"/> values.</param>
    /// <param name="output">Receives <see cref="OutFeatures"/> values.</param>
    /// <exception cref="ArgumentException">A length does not match; the message names the layer and both shapes.</exception>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int inputs = Shapes.Features(input.Length, InFeatures, OutFeatures, "Linear", "input");
        int outputs = Shapes.Length(output.Length, OutFeatures, "Linear", "output");
        Functional.Linear(Weight.Data, Bias.Data, input.Slice(0, inputs), output.Slice(0, outputs));
    }
}
