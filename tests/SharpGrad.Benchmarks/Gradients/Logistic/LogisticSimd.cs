using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>
/// W3 by hand with Vector512, in one pass over the batch: for each block of one vector's worth of rows, the rows' dot
/// products (weights zero-padded to whole vectors, so a load that runs into the next row adds nothing), then the
/// block's sigmoid, BCE (as softplus(z) - y z, stable) and p - y as vectors, then the block's rows added into the
/// weight gradient while they are still in L1. The last row, whose loads would run past the batch, is scalar.
/// </summary>
public sealed class LogisticSimd<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Inputs = LogisticData.Inputs;
    private static readonly int Lanes = Vector512<T>.Count;
    private readonly int _chunks = (Inputs + Vector512<T>.Count - 1) / Vector512<T>.Count;
    private readonly T[] _weight;
    private readonly T[] _weightGrad;
    private readonly T[] _bias;
    private readonly T[] _biasGrad = new T[1];
    private readonly T[] _features;
    private readonly T[] _labels;
    private readonly T[] _block = new T[Vector512<T>.Count];
    private readonly T _lr = T.CreateTruncating(LogisticData.LearningRate);

    public LogisticSimd(LogisticData data)
    {
        _weight = new T[_chunks * Lanes];
        _weightGrad = new T[_chunks * Lanes];
        Spans.To<T>(data.Weight).CopyTo(_weight, 0);
        _bias = Spans.To<T>(data.Bias);
        _features = Spans.To<T>(data.Features);
        _labels = Spans.To<T>(data.Labels);
    }

    public string Name => "hand SIMD " + Spans.Name<T>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Step()
    {
        int count = _labels.Length, chunks = _chunks;
        ref T x = ref MemoryMarshal.GetArrayDataReference(_features);
        ref T w = ref MemoryMarshal.GetArrayDataReference(_weight);
        ref T gw = ref MemoryMarshal.GetArrayDataReference(_weightGrad);
        ref T y = ref MemoryMarshal.GetArrayDataReference(_labels);
        ref T z = ref MemoryMarshal.GetArrayDataReference(_block);
        Array.Clear(_weightGrad);
        T bias = _bias[0];
        Vector512<T> inverseCount = Vector512.Create(T.One / T.CreateTruncating(count));
        Vector512<T> total = Vector512<T>.Zero, gb = Vector512<T>.Zero;

        // Rows whose padded loads stay inside the batch, in whole blocks.
        int vectorRows = Math.Min(count, ((_features.Length - (chunks * Lanes)) / Inputs) + 1) / Lanes * Lanes;
        for (int start = 0; start < vectorRows; start += Lanes)
        {
            for (int r = 0; r < Lanes; r++)
            {
                ref T row = ref Unsafe.Add(ref x, (start + r) * Inputs);
                Vector512<T> sum = Vector512.LoadUnsafe(ref row) * Vector512.LoadUnsafe(ref w);
                for (int c = 1; c < chunks; c++)
                {
                    sum = Simd.Fma(Vector512.LoadUnsafe(ref row, (nuint)(c * Lanes)), Vector512.LoadUnsafe(ref w, (nuint)(c * Lanes)), sum);
                }

                Unsafe.Add(ref z, r) = Vector512.Sum(sum) + bias;
            }

            // e = exp(-|z|); sigmoid(z) = 1 / (1 + e) for z >= 0, e / (1 + e) below; BCE = max(z, 0) - y z + log(1 + e).
            Vector512<T> zv = Vector512.LoadUnsafe(ref z), yv = Vector512.LoadUnsafe(ref y, (nuint)start);
            Vector512<T> e = Simd.Exp(-Vector512.Abs(zv));
            Vector512<T> onePlusE = Vector512<T>.One + e;
            Vector512<T> p = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(zv, Vector512<T>.Zero), Vector512<T>.One, e) / onePlusE;
            total += Vector512.Max(zv, Vector512<T>.Zero) - (yv * zv) + Simd.Log(onePlusE);
            Vector512<T> dz = (p - yv) * inverseCount;
            gb += dz;
            dz.StoreUnsafe(ref z);
            for (int r = 0; r < Lanes; r++)
            {
                ref T row = ref Unsafe.Add(ref x, (start + r) * Inputs);
                Vector512<T> d = Vector512.Create(Unsafe.Add(ref z, r));
                for (int c = 0; c < chunks; c++)
                {
                    Simd.Fma(d, Vector512.LoadUnsafe(ref row, (nuint)(c * Lanes)), Vector512.LoadUnsafe(ref gw, (nuint)(c * Lanes))).StoreUnsafe(ref gw, (nuint)(c * Lanes));
                }
            }
        }

        // The padding lanes collected the next rows' features: clear them before the scalar rows and the update.
        _weightGrad.AsSpan(Inputs).Clear();
        T loss = Vector512.Sum(total), gbScalar = Vector512.Sum(gb), inverse = inverseCount.ToScalar();
        for (int i = vectorRows; i < count; i++)
        {
            T zi = bias;
            for (int j = 0; j < Inputs; j++)
            {
                zi += Unsafe.Add(ref x, (i * Inputs) + j) * Unsafe.Add(ref w, j);
            }

            T p = T.One / (T.One + T.Exp(-zi));
            T yi = Unsafe.Add(ref y, i);
            loss += T.Max(zi, T.Zero) - (yi * zi) + T.Log(T.One + T.Exp(-T.Abs(zi)));
            T dz = (p - yi) * inverse;
            gbScalar += dz;
            for (int j = 0; j < Inputs; j++)
            {
                Unsafe.Add(ref gw, j) += dz * Unsafe.Add(ref x, (i * Inputs) + j);
            }
        }

        Vector512<T> negativeLr = Vector512.Create(-_lr);
        for (int c = 0; c < chunks; c++)
        {
            Simd.Fma(negativeLr, Vector512.LoadUnsafe(ref gw, (nuint)(c * Lanes)), Vector512.LoadUnsafe(ref w, (nuint)(c * Lanes))).StoreUnsafe(ref w, (nuint)(c * Lanes));
        }

        _biasGrad[0] = gbScalar;
        _bias[0] = bias - (_lr * gbScalar);
        return double.CreateTruncating(loss * inverse);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_weight.AsSpan(0, Inputs)), Agreement.Widen<T>(_bias)];

    public double[][] Gradients() => [Agreement.Widen<T>(_weightGrad.AsSpan(0, Inputs)), Agreement.Widen<T>(_biasGrad)];
}
