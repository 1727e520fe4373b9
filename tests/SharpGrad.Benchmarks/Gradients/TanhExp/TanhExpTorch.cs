using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>W4 in PyTorch through TorchSharp: x with requires_grad, (tanh(0.75 x - 0.25)^2 * exp(-x)).sum(), backward.</summary>
public sealed class TanhExpTorch<T> : IStepImplementation, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor _x;

    public TanhExpTorch(TanhExpData data)
    {
        using Tensor values = TorchData.Of<T>(data.X, TanhExpData.Length);
        _x = values.detach().clone().requires_grad_(true);
    }

    public string Name => "TorchSharp " + Spans.Name<T>();

    public double Step()
    {
        using DisposeScope scope = NewDisposeScope();
        _x.grad?.zero_();
        Tensor loss = (tanh((0.75 * _x) - 0.25).square() * exp(-_x)).sum();
        loss.backward();
        return TorchData.Item<T>(loss);
    }

    /// <summary>The value alone, without building the autograd graph.</summary>
    public double Primal()
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        return TorchData.Item<T>((tanh((0.75 * _x) - 0.25).square() * exp(-_x)).sum());
    }

    public double[][] Parameters() => [TorchData.Read(_x)];

    public double[][] Gradients() => [TorchData.Read(_x.grad)];

    public void Dispose() => _x.Dispose();
}
