using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>W2 with SharpGrad: four Parameters, Adam, ZeroGrad and the generated <c>MlpModel.LossWithGradient</c>.</summary>
public sealed class MlpGenerated<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _w1;
    private readonly Parameter<T> _b1;
    private readonly Parameter<T> _w2;
    private readonly Parameter<T> _b2;
    private readonly Adam<T> _optimizer;
    private readonly T[] _features;
    private readonly int[] _labels;

    public MlpGenerated(MlpData data)
    {
        _w1 = new Parameter<T>("fc1.weight", Spans.To<T>(data.W1), MlpData.Hidden, MlpData.Inputs);
        _b1 = new Parameter<T>("fc1.bias", Spans.To<T>(data.B1), MlpData.Hidden);
        _w2 = new Parameter<T>("fc2.weight", Spans.To<T>(data.W2), MlpData.Classes, MlpData.Hidden);
        _b2 = new Parameter<T>("fc2.bias", Spans.To<T>(data.B2), MlpData.Classes);
        _optimizer = new Adam<T>([_w1, _b1, _w2, _b2], lr: MlpData.LearningRate, betas: (MlpData.Beta1, MlpData.Beta2), eps: MlpData.Epsilon);
        _features = Spans.To<T>(data.Features);
        _labels = data.Labels;
    }

    public string Name => "generated " + Spans.Name<T>();

    public double Step()
    {
        _optimizer.ZeroGrad();
        double loss = Gradient();
        _optimizer.Step();
        return loss;
    }

    /// <summary>ZeroGrad and the generated gradient, without the optimizer step.</summary>
    public double ZeroGradAndGradient()
    {
        _optimizer.ZeroGrad();
        return Gradient();
    }

    public double Gradient() => Spans.IsFloat<T>()
        ? MlpModel.LossWithGradient(
            Spans.Float<T>(_w1.Data), Spans.Float<T>(_b1.Data), Spans.Float<T>(_w2.Data), Spans.Float<T>(_b2.Data), Spans.Float<T>(_features), _labels,
            Spans.Float<T>(_w1.Grad), Spans.Float<T>(_b1.Grad), Spans.Float<T>(_w2.Grad), Spans.Float<T>(_b2.Grad))
        : MlpModel.LossWithGradient(
            Spans.Double<T>(_w1.Data), Spans.Double<T>(_b1.Data), Spans.Double<T>(_w2.Data), Spans.Double<T>(_b2.Data), Spans.Double<T>(_features), _labels,
            Spans.Double<T>(_w1.Grad), Spans.Double<T>(_b1.Grad), Spans.Double<T>(_w2.Grad), Spans.Double<T>(_b2.Grad));

    public double Primal() => Spans.IsFloat<T>()
        ? MlpModel.Loss(Spans.Float<T>(_w1.Data), Spans.Float<T>(_b1.Data), Spans.Float<T>(_w2.Data), Spans.Float<T>(_b2.Data), Spans.Float<T>(_features), _labels)
        : MlpModel.Loss(Spans.Double<T>(_w1.Data), Spans.Double<T>(_b1.Data), Spans.Double<T>(_w2.Data), Spans.Double<T>(_b2.Data), Spans.Double<T>(_features), _labels);

    public double[][] Parameters() => [Agreement.Widen<T>(_w1.Data), Agreement.Widen<T>(_b1.Data), Agreement.Widen<T>(_w2.Data), Agreement.Widen<T>(_b2.Data)];

    public double[][] Gradients() => [Agreement.Widen<T>(_w1.Grad), Agreement.Widen<T>(_b1.Grad), Agreement.Widen<T>(_w2.Grad), Agreement.Widen<T>(_b2.Grad)];
}
