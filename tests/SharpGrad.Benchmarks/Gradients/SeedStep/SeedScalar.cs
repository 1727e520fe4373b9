using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>W1 by hand, scalar: the straightforward forward and backward loops and the SGD update. In double it is the reference.</summary>
public sealed class SeedScalar<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _weight;
    private readonly T[] _bias;
    private readonly T[] _weightGrad = new T[SeedStepData.Inputs];
    private readonly T[] _biasGrad = new T[1];
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly T _lr = T.CreateTruncating(SeedStepData.LearningRate);

    public SeedScalar(SeedStepData data)
    {
        _weight = Spans.To<T>(data.Weight);
        _bias = Spans.To<T>(data.Bias);
        _features = Spans.To<T>(data.Features);
        _targets = Spans.To<T>(data.Targets);
    }

    public string Name => "hand scalar " + Spans.Name<T>();

    public double Step()
    {
        int inputs = _weight.Length, count = _targets.Length;
        T[] w = _weight, x = _features, gw = _weightGrad;
        Array.Clear(gw);
        T gb = T.Zero, sum = T.Zero;
        T scale = T.CreateTruncating(2.0) / T.CreateTruncating(count);
        for (int i = 0; i < count; i++)
        {
            T prediction = _bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += w[j] * x[(i * inputs) + j];
            }

            T error = prediction - _targets[i];
            sum += error * error;

            // d(mean of error^2)/d(prediction) = 2 error / count
            T dPrediction = scale * error;
            gb += dPrediction;
            for (int j = 0; j < inputs; j++)
            {
                gw[j] += dPrediction * x[(i * inputs) + j];
            }
        }

        _biasGrad[0] = gb;
        for (int j = 0; j < inputs; j++)
        {
            w[j] -= _lr * gw[j];
        }

        _bias[0] -= _lr * gb;
        return double.CreateTruncating(sum / T.CreateTruncating(count));
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_weight), Agreement.Widen<T>(_bias)];

    public double[][] Gradients() => [Agreement.Widen<T>(_weightGrad), Agreement.Widen<T>(_biasGrad)];
}
