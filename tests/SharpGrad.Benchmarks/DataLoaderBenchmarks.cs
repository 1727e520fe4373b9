using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SharpGrad.Data;

namespace SharpGrad.Benchmarks;

/// <summary>
/// One epoch over 100k samples x 32 float features (12.8 MB), batch 64; every batch is consumed by summing its
/// features, as a model reads its input.
/// </summary>
/// <remarks>
/// <para>Baseline: plain array slicing. Each batch's contiguous slice is copied into a buffer and summed, so it
/// reads every dataset byte once and writes a batch buffer, exactly the traffic of a shuffled loader, with no
/// shuffle, no gather and no abstraction. It is the floor for any epoch.</para>
/// <para>A shuffled epoch reads the same bytes in random row order, which the hardware prefetcher cannot predict,
/// so it is bound by memory latency and by drawing the permutation, not by the loader. The hand-written shuffled
/// gather is what one would write directly against arrays (the same Fisher–Yates on the loader's
/// <see cref="RandomGenerator"/>, then a
/// span copy per row): the loader's own overhead is its ratio to that row. The loader comes out faster because it
/// prefetches rows a little ahead in the order.</para>
/// <para>Min and Median columns are shown because a shared machine adds noise to the mean only upwards.</para>
/// </remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DataLoaderBenchmarks
{
    private const int SampleCount = 100_000;
    private const int FeatureCount = 32;
    private const int BatchSize = 64;

    private float[] _features = [];
    private float[] _batchBuffer = [];
    private int[] _order = [];
    private RandomGenerator _random = null!;
    private DataLoader<float> _shuffled = null!;
    private DataLoader<float> _sequential = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _features = new float[SampleCount * FeatureCount];
        var targets = new float[SampleCount];
        for (int i = 0; i < _features.Length; i++)
        {
            _features[i] = random.NextSingle();
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.Next(10);
        }

        var dataset = new ArrayDataset<float>(_features, FeatureCount, targets, 1);
        _shuffled = new DataLoader<float>(dataset, BatchSize, shuffle: true, seed: 1);
        _sequential = new DataLoader<float>(dataset, BatchSize);
        _batchBuffer = new float[BatchSize * FeatureCount];
        _order = new int[SampleCount];
        _random = new RandomGenerator(1);
    }

    [Benchmark(Baseline = true, Description = "Array slices, sequential: copy + sum")]
    public float ContiguousSlices()
    {
        float total = 0;
        int batchFloats = BatchSize * FeatureCount;
        for (int start = 0; start < _features.Length; start += batchFloats)
        {
            int length = Math.Min(batchFloats, _features.Length - start);
            Span<float> batch = _batchBuffer.AsSpan(0, length);
            _features.AsSpan(start, length).CopyTo(batch);
            total += TensorPrimitives.Sum(batch);
        }

        return total;
    }

    [Benchmark(Description = "Array gather, shuffled (hand-written): copy + sum")]
    public float HandWrittenShuffledGather()
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }

        float total = 0;
        for (int start = 0; start < SampleCount; start += BatchSize)
        {
            int count = Math.Min(BatchSize, SampleCount - start);
            for (int row = 0; row < count; row++)
            {
                _features.AsSpan(_order[start + row] * FeatureCount, FeatureCount)
                    .CopyTo(_batchBuffer.AsSpan(row * FeatureCount, FeatureCount));
            }

            total += TensorPrimitives.Sum(_batchBuffer.AsSpan(0, count * FeatureCount));
        }

        return total;
    }

    [Benchmark(Description = "DataLoader, shuffled: gather + sum")]
    public float DataLoaderShuffled()
    {
        float total = 0;
        foreach (Batch<float> batch in _shuffled)
        {
            total += TensorPrimitives.Sum(batch.Features);
        }

        return total;
    }

    [Benchmark(Description = "DataLoader, unshuffled (zero-copy): sum")]
    public float DataLoaderSequential()
    {
        float total = 0;
        foreach (Batch<float> batch in _sequential)
        {
            total += TensorPrimitives.Sum(batch.Features);
        }

        return total;
    }
}
