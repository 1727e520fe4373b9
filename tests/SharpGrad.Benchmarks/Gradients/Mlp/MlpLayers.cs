using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2 with SharpGrad.Nn's layers (<see cref="MlpLayersFloat"/>, <see cref="MlpLayersDouble"/>): the model's
/// <c>Parameters()</c> into Adam, ZeroGrad and the generated <c>model.LossWithGradient(features, labels)</c>.
/// </summary>
public sealed class MlpLayers<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Parameter<T>[] _parameters;
    private readonly Adam<T> _optimizer;
    private readonly T[] _features;
    private readonly T[] _labels;

    public MlpLayers(MlpData data)
    {
        _model = Spans.IsFloat<T>() ? (Module<T>)(object)new MlpLayersFloat() : (Module<T>)(object)new MlpLayersDouble();
        _parameters = [.. _model.Parameters()];
        double[][] initial = [data.W1, data.B1, data.W2, data.B2];
        for (int i = 0; i < _parameters.Length; i++)
        {
            Spans.To<T>(initial[i]).CopyTo(_parameters[i].Data);
        }

        _optimizer = new Adam<T>(_model.Parameters(), lr: MlpData.LearningRate, betas: (MlpData.Beta1, MlpData.Beta2), eps: MlpData.Epsilon);
        _features = Spans.To<T>(data.Features);
        _labels = Spans.To<T>([.. data.Labels.Select(l => (double)l)]);
    }

    public string Name => "layers " + Spans.Name<T>();

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

    public double Gradient() => _model is MlpLayersFloat single
        ? single.LossWithGradient(Spans.Float<T>(_features), Spans.Float<T>(_labels))
        : ((MlpLayersDouble)(object)_model).LossWithGradient(Spans.Double<T>(_features), Spans.Double<T>(_labels));

    public double Primal() => _model is MlpLayersFloat single
        ? single.Loss(Spans.Float<T>(_features), Spans.Float<T>(_labels))
        : ((MlpLayersDouble)(object)_model).Loss(Spans.Double<T>(_features), Spans.Double<T>(_labels));

    public double[][] Parameters() => [.. _parameters.Select(p => Agreement.Widen<T>(p.Data))];

    public double[][] Gradients() => [.. _parameters.Select(p => Agreement.Widen<T>(p.Grad))];
}
