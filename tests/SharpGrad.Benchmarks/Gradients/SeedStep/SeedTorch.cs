using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1 in PyTorch through TorchSharp: nn.Linear(10, 1), MSELoss, optim.SGD(lr 0.01), tensors preallocated.</summary>
public sealed class SeedTorch<T> : IStepImplementation, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _features;
    private readonly Tensor _targets;

    public SeedTorch(SeedStepData data)
    {
        _model = nn.Linear(SeedStepData.Inputs, 1, dtype: TorchData.DType<T>());
        TorchData.Assign(_model.weight!, data.Weight);
        TorchData.Assign(_model.bias!, data.Bias);
        _optimizer = optim.SGD(_model.parameters(), SeedStepData.LearningRate);
        _features = TorchData.Of<T>(data.Features, SeedStepData.Batch, SeedStepData.Inputs);
        _targets = TorchData.Of<T>(data.Targets, SeedStepData.Batch, 1);
    }

    public string Name => "TorchSharp " + Spans.Name<T>();

    public double Step()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor output = _model.forward(_features);
        Tensor loss = nn.functional.mse_loss(output, _targets);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return TorchData.Item<T>(loss);
    }

    public double[][] Parameters() => [TorchData.Read(_model.weight), TorchData.Read(_model.bias)];

    public double[][] Gradients() => [TorchData.Read(_model.weight!.grad), TorchData.Read(_model.bias!.grad)];

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _features.Dispose();
        _targets.Dispose();
    }
}
