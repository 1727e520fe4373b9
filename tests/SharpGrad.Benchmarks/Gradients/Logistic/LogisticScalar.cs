using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>
/// W3 by hand, scalar: z = w·x + b, p = sigmoid(z), BCE, and d(BCE)/dz = p - y, then SGD. In double it is the reference.
/// </summary>
public sealed class LogisticScalar<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _weight;
    private readonly T[] _bias;
    private readonly T[] _weightGrad = new T[LogisticData.Inputs];
    private readonly T[] _biasGrad = new T[1];
    private readonly T[] _features;
    private readonly T[] _labels;
    private readonly T _lr = T.CreateTruncating(LogisticData.LearningRate);

    public LogisticScalar(LogisticData data)
    {
        _weight = Spans.To<T>(data.Weight);
        _bias = Spans.To<T>(data.Bias);
        _features = Spans.To<T>(data.Features);
        _labels = Spans.To<T>(data.Labels);
    }

    public string Name => "hand scalar " + Spans.Name<T>();

    public double Step()
    {
        int inputs = _weight.Length, count = _labels.Length;
        T[] w = _weight, x = _features, gw = _weightGrad;
        Array.Clear(gw);
        T gb = T.Zero, total = T.Zero;
        T inverseCount = T.One / T.CreateTruncating(count);
        for (int i = 0; i < count; i++)
        {
            T z = _bias[0];
            for (int j = 0; j < inputs; j++)
            {
                z += w[j] * x[(i * inputs) + j];
            }

            T p = T.One / (T.One + T.Exp(-z));
            T y = _labels[i];
            total -= (y * T.Log(p)) + ((T.One - y) * T.Log(T.One - p));
            T dz = (p - y) * inverseCount;
            gb += dz;
            for (int j = 0; j < inputs; j++)
            {
                gw[j] += dz * x[(i * inputs) + j];
            }
        }

        _biasGrad[0] = gb;
        for (int j = 0; j < inputs; j++)
        {
            w[j] -= _lr * gw[j];
        }

        _bias[0] -= _lr * gb;
        return double.CreateTruncating(total * inverseCount);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_weight), Agreement.Widen<T>(_bias)];

    public double[][] Gradients() => [Agreement.Widen<T>(_weightGrad), Agreement.Widen<T>(_biasGrad)];
}
