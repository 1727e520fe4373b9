using System.Numerics;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2 by hand with Vector512, single-threaded: the batch as matrices (<see cref="MlpKernels"/>' register-blocked
/// products), ReLU and its mask as vector selects, a scalar softmax over the 10 logits of each sample, and Adam
/// vectorized.
/// </summary>
public sealed class MlpSimd<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int N = MlpData.Inputs, H = MlpData.Hidden, C = MlpData.Classes, B = MlpData.Batch;
    private readonly T[] _w1, _b1, _w2, _b2;
    private readonly T[] _gw1 = new T[H * N], _gb1 = new T[H], _gw2 = new T[C * H], _gb2 = new T[C];
    private readonly T[] _features;
    private readonly int[] _labels;
    private readonly T[] _preActivations = new T[B * H], _activations = new T[B * H], _dPreActivations = new T[B * H];
    private readonly T[] _logits = new T[B * C], _dLogits = new T[B * C];
    private readonly HandAdam<T> _adam = new(MlpData.LearningRate, MlpData.Beta1, MlpData.Beta2, MlpData.Epsilon, H * N, H, C * H, C);

    public MlpSimd(MlpData data)
    {
        _w1 = Spans.To<T>(data.W1);
        _b1 = Spans.To<T>(data.B1);
        _w2 = Spans.To<T>(data.W2);
        _b2 = Spans.To<T>(data.B2);
        _features = Spans.To<T>(data.Features);
        _labels = data.Labels;
    }

    public string Name => "hand SIMD " + Spans.Name<T>();

    public double Step()
    {
        // Forward: Z = X W1^T + b1, A = relu(Z), logits = A W2^T + b2.
        MlpKernels.MultiplyTransposed<T>(_features, _w1, _b1, _preActivations, B, H, N);
        int lanes = Vector512<T>.Count, e = 0;
        for (; e + lanes <= _activations.Length; e += lanes)
        {
            Vector512.Max(Vector512.Create<T>(_preActivations.AsSpan(e, lanes)), Vector512<T>.Zero).CopyTo(_activations.AsSpan(e, lanes));
        }

        for (; e < _activations.Length; e++)
        {
            _activations[e] = T.Max(_preActivations[e], T.Zero);
        }

        MlpKernels.MultiplyTransposed<T>(_activations, _w2, _b2, _logits, B, C, H);

        // Softmax cross-entropy and its gradient (softmax - one-hot) / batch, per sample.
        T total = T.Zero;
        T inverseCount = T.One / T.CreateTruncating(B);
        for (int i = 0; i < B; i++)
        {
            Span<T> logits = _logits.AsSpan(i * C, C);
            Span<T> d = _dLogits.AsSpan(i * C, C);
            T max = logits[0];
            for (int c = 1; c < C; c++)
            {
                max = T.Max(max, logits[c]);
            }

            T sumExp = T.Zero;
            for (int c = 0; c < C; c++)
            {
                d[c] = T.Exp(logits[c] - max);
                sumExp += d[c];
            }

            total += max + T.Log(sumExp) - logits[_labels[i]];
            T scale = inverseCount / sumExp;
            for (int c = 0; c < C; c++)
            {
                d[c] *= scale;
            }

            d[_labels[i]] -= inverseCount;
        }

        // Backward: dW2 = dL^T A, db2 = Σ dL, dZ = (dL W2) where Z > 0, dW1 = dZ^T X, db1 = Σ dZ.
        MlpKernels.TransposedMultiply<T>(_dLogits, _activations, _gw2, B, C, H);
        MlpKernels.ColumnSums<T>(_dLogits, _gb2, B, C);
        MlpKernels.MultiplyMasked<T>(_dLogits, _w2, _preActivations, _dPreActivations, B, C, H);
        MlpKernels.TransposedMultiply<T>(_dPreActivations, _features, _gw1, B, H, N);
        MlpKernels.ColumnSums<T>(_dPreActivations, _gb1, B, H);

        _adam.BeginStep();
        _adam.UpdateSimd(0, _w1, _gw1);
        _adam.UpdateSimd(1, _b1, _gb1);
        _adam.UpdateSimd(2, _w2, _gw2);
        _adam.UpdateSimd(3, _b2, _gb2);
        return double.CreateTruncating(total * inverseCount);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_w1), Agreement.Widen<T>(_b1), Agreement.Widen<T>(_w2), Agreement.Widen<T>(_b2)];

    public double[][] Gradients() => [Agreement.Widen<T>(_gw1), Agreement.Widen<T>(_gb1), Agreement.Widen<T>(_gw2), Agreement.Widen<T>(_gb2)];
}
