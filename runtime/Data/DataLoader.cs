using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Iterates a dataset in mini-batches (PyTorch: <c>DataLoader(dataset, batch_size, shuffle, drop_last,
/// generator)</c>). Unshuffled batches are zero-copy slices of the dataset; shuffled batches are gathered
/// into buffers reused across batches, so iterating allocates nothing per batch.
/// </summary>
public sealed class DataLoader<T> where T : unmanaged, INumberBase<T>
{
    private readonly ArrayDataset<T> _dataset;
    private readonly Random? _random;
    private readonly int[] _order;
    private readonly T[] _featureBuffer;
    private readonly T[] _targetBuffer;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether each epoch visits the samples in a new random order.</param>
    /// <param name="seed">Seed of the shuffling generator: the same seed gives the same orders.</param>
    /// <param name="dropLast">Whether to skip a last batch smaller than <paramref name="batchSize"/>.</param>
    public DataLoader(ArrayDataset<T> dataset, int batchSize, bool shuffle = false, int seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _dataset = dataset;
        BatchSize = batchSize;
        DropLast = dropLast;
        _order = new int[dataset.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        if (shuffle)
        {
            _random = new Random(seed);
            _featureBuffer = new T[batchSize * dataset.FeatureCount];
            _targetBuffer = new T[batchSize * dataset.TargetCount];
        }
        else
        {
            _featureBuffer = [];
            _targetBuffer = [];
        }
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a last, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? _dataset.Count / BatchSize : (_dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Starts an epoch; a shuffled loader draws a new order.</summary>
    public Enumerator GetEnumerator()
    {
        _random?.Shuffle(_order);
        return new Enumerator(this);
    }

    /// <summary>Walks one epoch's batches.</summary>
    public ref struct Enumerator
    {
        private readonly DataLoader<T> _loader;
        private int _batch;

        internal Enumerator(DataLoader<T> loader)
        {
            _loader = loader;
            _batch = -1;
        }

        /// <summary>The current batch; its spans are valid until the next call to <see cref="MoveNext"/>.</summary>
        public Batch<T> Current { get; private set; }

        /// <summary>Advances to the next batch.</summary>
        public bool MoveNext()
        {
            _batch++;
            if (_batch >= _loader.BatchCount)
            {
                return false;
            }

            Current = _loader.Load(_batch);
            return true;
        }
    }

    private Batch<T> Load(int batch)
    {
        int start = batch * BatchSize;
        int count = Math.Min(BatchSize, _dataset.Count - start);
        int featureCount = _dataset.FeatureCount;
        int targetCount = _dataset.TargetCount;
        if (_random is null)
        {
            return new Batch<T>(
                _dataset.Features.Slice(start * featureCount, count * featureCount),
                _dataset.Targets.Slice(start * targetCount, count * targetCount),
                count);
        }

        for (int i = 0; i < count; i++)
        {
            int sample = _order[start + i];
            _dataset.FeaturesOf(sample).CopyTo(_featureBuffer.AsSpan(i * featureCount, featureCount));
            _dataset.TargetsOf(sample).CopyTo(_targetBuffer.AsSpan(i * targetCount, targetCount));
        }

        return new Batch<T>(
            _featureBuffer.AsSpan(0, count * featureCount),
            _targetBuffer.AsSpan(0, count * targetCount),
            count);
    }
}

/// <summary>One mini-batch: row-major features and targets of <see cref="Count"/> samples.</summary>
public readonly ref struct Batch<T>
{
    internal Batch(ReadOnlySpan<T> features, ReadOnlySpan<T> targets, int count)
    {
        Features = features;
        Targets = targets;
        Count = count;
    }

    /// <summary>Features, row-major, <see cref="Count"/> rows.</summary>
    public ReadOnlySpan<T> Features { get; }

    /// <summary>Targets, row-major, <see cref="Count"/> rows.</summary>
    public ReadOnlySpan<T> Targets { get; }

    /// <summary>The number of samples in this batch.</summary>
    public int Count { get; }
}
