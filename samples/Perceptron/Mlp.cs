using SharpGrad;
using SharpGrad.Nn;
using SharpGrad.Nn.Float64;

namespace Perceptron;

/// <summary>
/// A two-layer perceptron for binary classification: <c>nn.Linear(2, H)</c>, <c>nn.Tanh()</c>, <c>nn.Linear(H, 1)</c>,
/// trained with <c>nn.BCEWithLogitsLoss()</c>; P(class 1) = sigmoid(logit).
/// </summary>
public sealed partial class Mlp : Module<double>
{
    /// <summary>Creates the layers, initialized from <paramref name="random"/> as PyTorch initializes them.</summary>
    /// <param name="hiddenUnits">The hidden layer's width.</param>
    /// <param name="random">The generator.</param>
    public Mlp(int hiddenUnits, Random random)
    {
        HiddenUnits = hiddenUnits;
        Hidden = new Linear(2, hiddenUnits, random);
        Output = new Linear(hiddenUnits, 1, random);
    }

    /// <summary>The hidden layer's width.</summary>
    public int HiddenUnits { get; }

    /// <summary><c>nn.Linear(2, H)</c>.</summary>
    [Module]
    public Linear Hidden { get; }

    /// <summary><c>nn.Linear(H, 1)</c>.</summary>
    [Module]
    public Linear Output { get; }

    /// <summary>The logit of each point of <paramref name="features"/> (row-major, two coordinates per point).</summary>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> features, Span<double> logits)
    {
        int count = Shapes.Matrix(features.Length, logits.Length, 2, "Mlp", "features");
        for (int i = 0; i < count; i++)
        {
            double[] hidden = new double[HiddenUnits];
            Hidden.Forward(features.Slice(i * 2, 2), hidden);
            double[] activated = new double[HiddenUnits];
            Functional.Tanh(hidden, activated);
            Output.Forward(activated, logits.Slice(i, 1));
        }
    }

    /// <summary>Mean binary cross-entropy of the logits against 0/1 labels; SharpGrad generates <c>LossWithGradient</c>.</summary>
    [Differentiable]
    public double Loss([NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        double[] logits = new double[labels.Length];
        Forward(features, logits);
        return Functional.BceWithLogitsLoss(logits, labels);
    }

    /// <summary>The logits of <paramref name="features"/>, as a new array.</summary>
    public double[] Logits(ReadOnlySpan<double> features)
    {
        var logits = new double[features.Length / 2];
        Forward(features, logits);
        return logits;
    }
}
