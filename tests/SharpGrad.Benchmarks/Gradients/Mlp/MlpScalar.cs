using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2 by hand, scalar: the forward pass keeps each sample's pre-activations and activations, the backward pass uses
/// softmax - one-hot for the logits' gradient, then Adam. In double it is the reference.
/// </summary>
public sealed class MlpScalar<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int N = MlpData.Inputs, H = MlpData.Hidden, C = MlpData.Classes, B = MlpData.Batch;
    private readonly T[] _w1, _b1, _w2, _b2;
    private readonly T[] _gw1 = new T[H * N], _gb1 = new T[H], _gw2 = new T[C * H], _gb2 = new T[C];
    private readonly T[] _features;
    private readonly int[] _labels;
    private readonly T[] _preActivations = new T[B * H], _activations = new T[B * H], _dLogits = new T[B * C];
    private readonly HandAdam<T> _adam = new(MlpData.LearningRate, MlpData.Beta1, MlpData.Beta2, MlpData.Epsilon, H * N, H, C * H, C);

    public MlpScalar(MlpData data)
    {
        _w1 = Spans.To<T>(data.W1);
        _b1 = Spans.To<T>(data.B1);
        _w2 = Spans.To<T>(data.W2);
        _b2 = Spans.To<T>(data.B2);
        _features = Spans.To<T>(data.Features);
        _labels = data.Labels;
    }

    public string Name => "hand scalar " + Spans.Name<T>();

    public double Step()
    {
        T total = T.Zero;
        T inverseCount = T.One / T.CreateTruncating(B);
        Span<T> logits = stackalloc T[C];
        for (int i = 0; i < B; i++)
        {
            for (int k = 0; k < H; k++)
            {
                T sum = _b1[k];
                for (int j = 0; j < N; j++)
                {
                    sum += _w1[(k * N) + j] * _features[(i * N) + j];
                }

                _preActivations[(i * H) + k] = sum;
                _activations[(i * H) + k] = T.Max(sum, T.Zero);
            }

            T max = T.NegativeInfinity;
            for (int c = 0; c < C; c++)
            {
                T logit = _b2[c];
                for (int k = 0; k < H; k++)
                {
                    logit += _w2[(c * H) + k] * _activations[(i * H) + k];
                }

                logits[c] = logit;
                max = T.Max(max, logit);
            }

            T sumExp = T.Zero;
            for (int c = 0; c < C; c++)
            {
                sumExp += T.Exp(logits[c] - max);
            }

            // loss = log sum exp - logit[label]; d/dlogit[c] = softmax[c] - [c == label], averaged over the batch
            total += max + T.Log(sumExp) - logits[_labels[i]];
            for (int c = 0; c < C; c++)
            {
                T probability = T.Exp(logits[c] - max) / sumExp;
                _dLogits[(i * C) + c] = (probability - (c == _labels[i] ? T.One : T.Zero)) * inverseCount;
            }
        }

        Array.Clear(_gw1);
        Array.Clear(_gb1);
        Array.Clear(_gw2);
        Array.Clear(_gb2);
        for (int i = 0; i < B; i++)
        {
            for (int c = 0; c < C; c++)
            {
                T d = _dLogits[(i * C) + c];
                _gb2[c] += d;
                for (int k = 0; k < H; k++)
                {
                    _gw2[(c * H) + k] += d * _activations[(i * H) + k];
                }
            }

            for (int k = 0; k < H; k++)
            {
                if (_preActivations[(i * H) + k] <= T.Zero)
                {
                    continue;
                }

                T d = T.Zero;
                for (int c = 0; c < C; c++)
                {
                    d += _dLogits[(i * C) + c] * _w2[(c * H) + k];
                }

                _gb1[k] += d;
                for (int j = 0; j < N; j++)
                {
                    _gw1[(k * N) + j] += d * _features[(i * N) + j];
                }
            }
        }

        _adam.BeginStep();
        _adam.Update(0, _w1, _gw1);
        _adam.Update(1, _b1, _gb1);
        _adam.Update(2, _w2, _gw2);
        _adam.Update(3, _b2, _gb2);
        return double.CreateTruncating(total * inverseCount);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_w1), Agreement.Widen<T>(_b1), Agreement.Widen<T>(_w2), Agreement.Widen<T>(_b2)];

    public double[][] Gradients() => [Agreement.Widen<T>(_gw1), Agreement.Widen<T>(_gb1), Agreement.Widen<T>(_gw2), Agreement.Widen<T>(_gb2)];
}
