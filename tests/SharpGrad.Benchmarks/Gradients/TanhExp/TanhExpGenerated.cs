using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>W4 with SharpGrad: a Parameter, ZeroGrad and the generated <c>TanhExpModel.LossWithGradient</c> (no optimizer).</summary>
public sealed class TanhExpGenerated<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _x;

    public TanhExpGenerated(TanhExpData data) => _x = new Parameter<T>("x", Spans.To<T>(data.X), TanhExpData.Length);

    public string Name => "generated " + Spans.Name<T>();

    /// <summary>zero_grad, then the value and its gradient.</summary>
    public double Step()
    {
        _x.ZeroGrad();
        return Spans.IsFloat<T>()
            ? TanhExpModel.LossWithGradient(Spans.Float<T>(_x.Data), Spans.Float<T>(_x.Grad))
            : TanhExpModel.LossWithGradient(Spans.Double<T>(_x.Data), Spans.Double<T>(_x.Grad));
    }

    public double Primal() => Spans.IsFloat<T>() ? TanhExpModel.Loss(Spans.Float<T>(_x.Data)) : TanhExpModel.Loss(Spans.Double<T>(_x.Data));

    public double[][] Parameters() => [Agreement.Widen<T>(_x.Data)];

    public double[][] Gradients() => [Agreement.Widen<T>(_x.Grad)];
}
