using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>
/// W1 by hand with Vector512: a row of 10 features is one vector (float) or two (double), multiplied by the weights
/// zero-padded to whole vectors, so a load that runs into the next row contributes nothing; the last row, whose
/// load would run past the batch, is scalar. The backward pass accumulates rows into the same vectors, and the
/// padding lanes are masked off before the SGD update.
/// </summary>
public sealed class SeedSimd<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int Lanes = Vector512<T>.Count;
    private readonly int _chunks = (SeedStepData.Inputs + Vector512<T>.Count - 1) / Vector512<T>.Count;

    // Weights and their gradient padded to whole vectors; the padding stays zero.
    private readonly T[] _weight;
    private readonly T[] _weightGrad;
    private readonly T[] _bias;
    private readonly T[] _biasGrad = new T[1];
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly T[] _dPrediction = new T[SeedStepData.Batch];
    private readonly Vector512<T> _mask0;
    private readonly Vector512<T> _mask1;
    private readonly T _lr = T.CreateTruncating(SeedStepData.LearningRate);

    public SeedSimd(SeedStepData data)
    {
        if (_chunks > 2)
        {
            throw new InvalidOperationException("SeedSimd handles rows of at most two vectors.");
        }

        _weight = new T[2 * Lanes];
        _weightGrad = new T[2 * Lanes];
        Spans.To<T>(data.Weight).CopyTo(_weight, 0);
        _bias = Spans.To<T>(data.Bias);
        _features = Spans.To<T>(data.Features);
        _targets = Spans.To<T>(data.Targets);
        _mask0 = Vector512.GreaterThan(Simd.FirstLanes<T>(SeedStepData.Inputs), Vector512<T>.Zero);
        _mask1 = Vector512.GreaterThan(Simd.FirstLanes<T>(SeedStepData.Inputs - Lanes), Vector512<T>.Zero);
    }

    public string Name => "hand SIMD " + Spans.Name<T>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Step()
    {
        const int inputs = SeedStepData.Inputs;
        int count = _targets.Length;
        ref T x = ref MemoryMarshal.GetArrayDataReference(_features);
        ref T w = ref MemoryMarshal.GetArrayDataReference(_weight);
        ref T dp = ref MemoryMarshal.GetArrayDataReference(_dPrediction);
        Vector512<T> w0 = Vector512.LoadUnsafe(ref w), w1 = Vector512.LoadUnsafe(ref w, (nuint)Lanes);
        T bias = _bias[0];
        T scale = T.CreateTruncating(2.0) / T.CreateTruncating(count);

        // Rows whose vectors stay inside the batch, then the rest.
        int vectorRows = Math.Min(count, ((_features.Length - (_chunks * Lanes)) / inputs) + 1);
        T sum = T.Zero, gb = T.Zero;
        for (int i = 0; i < count; i++)
        {
            T prediction;
            if (i < vectorRows)
            {
                Vector512<T> product = Vector512.LoadUnsafe(ref x, (nuint)(i * inputs)) * w0;
                if (_chunks == 2)
                {
                    product = Simd.Fma(Vector512.LoadUnsafe(ref x, (nuint)((i * inputs) + Lanes)), w1, product);
                }

                prediction = Vector512.Sum(product) + bias;
            }
            else
            {
                prediction = bias;
                for (int j = 0; j < inputs; j++)
                {
                    prediction += Unsafe.Add(ref x, (i * inputs) + j) * Unsafe.Add(ref w, j);
                }
            }

            T error = prediction - _targets[i];
            sum += error * error;
            T d = scale * error;
            gb += d;
            Unsafe.Add(ref dp, i) = d;
        }

        // Backward: two accumulators per chunk to hide the FMA latency.
        Vector512<T> g0 = Vector512<T>.Zero, g1 = Vector512<T>.Zero, h0 = Vector512<T>.Zero, h1 = Vector512<T>.Zero;
        int row = 0;
        for (; row + 1 < vectorRows; row += 2)
        {
            Vector512<T> da = Vector512.Create(Unsafe.Add(ref dp, row)), db = Vector512.Create(Unsafe.Add(ref dp, row + 1));
            g0 = Simd.Fma(da, Vector512.LoadUnsafe(ref x, (nuint)(row * inputs)), g0);
            h0 = Simd.Fma(db, Vector512.LoadUnsafe(ref x, (nuint)((row + 1) * inputs)), h0);
            if (_chunks == 2)
            {
                g1 = Simd.Fma(da, Vector512.LoadUnsafe(ref x, (nuint)((row * inputs) + Lanes)), g1);
                h1 = Simd.Fma(db, Vector512.LoadUnsafe(ref x, (nuint)(((row + 1) * inputs) + Lanes)), h1);
            }
        }

        g0 = (g0 + h0) & _mask0;
        g1 = (g1 + h1) & _mask1;
        ref T gw = ref MemoryMarshal.GetArrayDataReference(_weightGrad);
        g0.StoreUnsafe(ref gw);
        g1.StoreUnsafe(ref gw, (nuint)Lanes);
        for (; row < count; row++)
        {
            T d = Unsafe.Add(ref dp, row);
            for (int j = 0; j < inputs; j++)
            {
                Unsafe.Add(ref gw, j) += d * Unsafe.Add(ref x, (row * inputs) + j);
            }
        }

        // SGD: w -= lr g (the padding lanes of g are zero, so the padding of w stays zero).
        Vector512<T> negativeLr = Vector512.Create(-_lr);
        Simd.Fma(negativeLr, Vector512.LoadUnsafe(ref gw), w0).StoreUnsafe(ref w);
        Simd.Fma(negativeLr, Vector512.LoadUnsafe(ref gw, (nuint)Lanes), w1).StoreUnsafe(ref w, (nuint)Lanes);
        _biasGrad[0] = gb;
        _bias[0] = bias - (_lr * gb);
        return double.CreateTruncating(sum / T.CreateTruncating(count));
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_weight.AsSpan(0, SeedStepData.Inputs)), Agreement.Widen<T>(_bias)];

    public double[][] Gradients() => [Agreement.Widen<T>(_weightGrad.AsSpan(0, SeedStepData.Inputs)), Agreement.Widen<T>(_biasGrad)];
}
