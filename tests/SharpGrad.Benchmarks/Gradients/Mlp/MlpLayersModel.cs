namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2 written with SharpGrad.Nn's layers on whole batches, as a PyTorch user writes it: two <c>Linear</c> layers
/// (<c>ForwardBatch</c>: matrix products with a hand-written gradient), ReLU over the batch, cross-entropy.
/// </summary>
public sealed partial class MlpLayersFloat : Module<float>
{
    [Module]
    public SharpGrad.Nn.Float32.Linear Fc1 { get; } = new(MlpData.Inputs, MlpData.Hidden);

    [Module]
    public SharpGrad.Nn.Float32.Linear Fc2 { get; } = new(MlpData.Hidden, MlpData.Classes);

    [Differentiable]
    public float Loss([NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels)
    {
        int count = labels.Length;
        float[] hidden = new float[count * MlpData.Hidden];
        Fc1.ForwardBatch(features, hidden);
        float[] activated = new float[count * MlpData.Hidden];
        SharpGrad.Nn.Functional.Relu(hidden, activated);
        float[] logits = new float[count * MlpData.Classes];
        Fc2.ForwardBatch(activated, logits);
        return SharpGrad.Nn.Functional.CrossEntropyLoss(logits, labels);
    }
}

/// <inheritdoc cref="MlpLayersFloat"/>
public sealed partial class MlpLayersDouble : Module<double>
{
    [Module]
    public SharpGrad.Nn.Float64.Linear Fc1 { get; } = new(MlpData.Inputs, MlpData.Hidden);

    [Module]
    public SharpGrad.Nn.Float64.Linear Fc2 { get; } = new(MlpData.Hidden, MlpData.Classes);

    [Differentiable]
    public double Loss([NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        int count = labels.Length;
        double[] hidden = new double[count * MlpData.Hidden];
        Fc1.ForwardBatch(features, hidden);
        double[] activated = new double[count * MlpData.Hidden];
        SharpGrad.Nn.Functional.Relu(hidden, activated);
        double[] logits = new double[count * MlpData.Classes];
        Fc2.ForwardBatch(activated, logits);
        return SharpGrad.Nn.Functional.CrossEntropyLoss(logits, labels);
    }
}
