using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>W3 in PyTorch through TorchSharp: nn.Linear(100, 1), torch.sigmoid, binary_cross_entropy, optim.SGD(lr 0.01).</summary>
public sealed class LogisticTorch<T> : IStepImplementation, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _features;
    private readonly Tensor _labels;

    public LogisticTorch(LogisticData data)
    {
        _model = nn.Linear(LogisticData.Inputs, 1, dtype: TorchData.DType<T>());
        TorchData.Assign(_model.weight!, data.Weight);
        TorchData.Assign(_model.bias!, data.Bias);
        _optimizer = optim.SGD(_model.parameters(), LogisticData.LearningRate);
        _features = TorchData.Of<T>(data.Features, LogisticData.Batch, LogisticData.Inputs);
        _labels = TorchData.Of<T>(data.Labels, LogisticData.Batch, 1);
    }

    public string Name => "TorchSharp " + Spans.Name<T>();

    public double Step()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor probabilities = sigmoid(_model.forward(_features));
        Tensor loss = nn.functional.binary_cross_entropy(probabilities, _labels);
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
        _labels.Dispose();
    }
}
