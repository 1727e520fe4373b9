using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1 with SharpGrad: Parameter, Sgd, ZeroGrad and the generated <c>SeedModel.LossWithGradient</c>.</summary>
public sealed class SeedGenerated<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weight;
    private readonly Parameter<T> _bias;
    private readonly Sgd<T> _optimizer;
    private readonly T[] _features;
    private readonly T[] _targets;

    public SeedGenerated(SeedStepData data)
    {
        _weight = new Parameter<T>("weight", Spans.To<T>(data.Weight), 1, SeedStepData.Inputs);
        _bias = new Parameter<T>("bias", Spans.To<T>(data.Bias), 1);
        _optimizer = new Sgd<T>([_weight, _bias], lr: SeedStepData.LearningRate);
        _features = Spans.To<T>(data.Features);
        _targets = Spans.To<T>(data.Targets);
    }

    public string Name => "generated " + Spans.Name<T>();

    /// <summary>zero_grad, forward, loss and backward (the generated gradient), optimizer step.</summary>
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

    /// <summary>The generated gradient alone (forward, loss, backward), accumulating into the gradient buffers.</summary>
    public double Gradient() => Spans.IsFloat<T>()
        ? SeedModel.LossWithGradient(Spans.Float<T>(_weight.Data), Spans.Float<T>(_bias.Data), Spans.Float<T>(_features), Spans.Float<T>(_targets), Spans.Float<T>(_weight.Grad), Spans.Float<T>(_bias.Grad))
        : SeedModel.LossWithGradient(Spans.Double<T>(_weight.Data), Spans.Double<T>(_bias.Data), Spans.Double<T>(_features), Spans.Double<T>(_targets), Spans.Double<T>(_weight.Grad), Spans.Double<T>(_bias.Grad));

    /// <summary>The user's loss alone: the primal.</summary>
    public double Primal() => Spans.IsFloat<T>()
        ? SeedModel.Loss(Spans.Float<T>(_weight.Data), Spans.Float<T>(_bias.Data), Spans.Float<T>(_features), Spans.Float<T>(_targets))
        : SeedModel.Loss(Spans.Double<T>(_weight.Data), Spans.Double<T>(_bias.Data), Spans.Double<T>(_features), Spans.Double<T>(_targets));

    public double[][] Parameters() => [Agreement.Widen<T>(_weight.Data), Agreement.Widen<T>(_bias.Data)];

    public double[][] Gradients() => [Agreement.Widen<T>(_weight.Grad), Agreement.Widen<T>(_bias.Grad)];
}
