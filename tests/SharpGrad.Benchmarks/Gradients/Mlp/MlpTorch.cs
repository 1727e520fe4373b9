using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>W2 in PyTorch through TorchSharp: Linear, ReLU, Linear, cross_entropy, optim.Adam; tensors preallocated.</summary>
public sealed class MlpTorch<T> : IStepImplementation, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear _fc1;
    private readonly Linear _fc2;
    private readonly Sequential _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _features;
    private readonly Tensor _labels;

    public MlpTorch(MlpData data)
    {
        _fc1 = nn.Linear(MlpData.Inputs, MlpData.Hidden, dtype: TorchData.DType<T>());
        _fc2 = nn.Linear(MlpData.Hidden, MlpData.Classes, dtype: TorchData.DType<T>());
        TorchData.Assign(_fc1.weight!, data.W1);
        TorchData.Assign(_fc1.bias!, data.B1);
        TorchData.Assign(_fc2.weight!, data.W2);
        TorchData.Assign(_fc2.bias!, data.B2);
        _model = nn.Sequential(("fc1", _fc1), ("relu", nn.ReLU()), ("fc2", _fc2));
        _optimizer = optim.Adam(_model.parameters(), MlpData.LearningRate, MlpData.Beta1, MlpData.Beta2, MlpData.Epsilon);
        _features = TorchData.Of<T>(data.Features, MlpData.Batch, MlpData.Inputs);
        _labels = tensor(data.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
    }

    public string Name => "TorchSharp " + Spans.Name<T>();

    public double Step()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor logits = _model.forward(_features);
        Tensor loss = nn.functional.cross_entropy(logits, _labels);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return TorchData.Item<T>(loss);
    }

    public double[][] Parameters() => [TorchData.Read(_fc1.weight), TorchData.Read(_fc1.bias), TorchData.Read(_fc2.weight), TorchData.Read(_fc2.bias)];

    public double[][] Gradients() => [TorchData.Read(_fc1.weight!.grad), TorchData.Read(_fc1.bias!.grad), TorchData.Read(_fc2.weight!.grad), TorchData.Read(_fc2.bias!.grad)];

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _features.Dispose();
        _labels.Dispose();
    }
}
