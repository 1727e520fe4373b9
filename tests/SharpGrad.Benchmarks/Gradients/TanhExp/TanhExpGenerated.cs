using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>
/// W4 with SharpGrad: a Parameter and the generated <c>TanhExpModel.LossWithGradient</c> (no optimizer), either with
/// <c>accumulate: false</c>, whose one loop writes the gradient over the buffer (PyTorch's default
/// <c>zero_grad(set_to_none=True)</c>, where backward assigns <c>.grad</c>), or as <c>ZeroGrad</c> and then the
/// accumulating companion.
/// </summary>
public sealed class TanhExpGenerated<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _x;
    private readonly bool _accumulate;

    public TanhExpGenerated(TanhExpData data, bool accumulate = false)
    {
        _x = new Parameter<T>("x", Spans.To<T>(data.X), TanhExpData.Length);
        _accumulate = accumulate;
    }

    public string Name => "generated " + Spans.Name<T>() + (_accumulate ? " (ZeroGrad + accumulate)" : " (accumulate: false)");

    /// <summary>zero_grad, then the value and its gradient: in one pass, or with the buffer cleared first and added into.</summary>
    public double Step()
    {
        if (_accumulate)
        {
            _x.ZeroGrad();
        }

        bool accumulate = _accumulate;
        return Spans.IsFloat<T>()
            ? TanhExpModel.LossWithGradient(Spans.Float<T>(_x.Data), Spans.Float<T>(_x.Grad), accumulate)
            : TanhExpModel.LossWithGradient(Spans.Double<T>(_x.Data), Spans.Double<T>(_x.Grad), accumulate);
    }

    public double Primal() => Spans.IsFloat<T>() ? TanhExpModel.Loss(Spans.Float<T>(_x.Data)) : TanhExpModel.Loss(Spans.Double<T>(_x.Data));

    public double[][] Parameters() => [Agreement.Widen<T>(_x.Data)];

    public double[][] Gradients() => [Agreement.Widen<T>(_x.Grad)];
}
