using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Data;

/// <summary>
/// Iterates a dataset in mini-batches (PyTorch: <c>DataLoader(dataset, batch_size, shuffle, drop_last,
/// generator)</c>). Every epoch visits each sample exactly once; iterating allocates nothing per batch.
/// </summary>
/// <remarks>
/// <para>Unshuffled batches without a transform are zero-copy slices of the dataset. Shuffled batches are
/// gathered into two buffers the loader reuses, and a transform always runs on those buffers (an unshuffled
/// batch is copied there first), so the dataset is never modified.</para>
/// <para>Shuffling: the loader owns one <see cref="RandomGenerator"/>(seed), exposed as <see cref="Generator"/>. Each
/// epoch starts from the identity order 0..n-1 and applies a Fisher–Yates shuffle (for i from n-1 down to 1, swap i
/// with <c>Next(i + 1)</c>), so the same seed gives the same sequence of epoch orders, and a generator restored
/// from a checkpoint continues that sequence. These orders differ numerically from PyTorch's
/// <c>torch.randperm</c> with the same seed.</para>
/// <para>The batch's spans are valid until the next batch is requested; starting a new epoch while an older
/// one is being iterated makes the older enumerator throw.</para>
/// </remarks>
public sealed class DataLoader<T> where T : unmanaged, INumberBase<T>
{
    private readonly ArrayDataset<T> _dataset;
    private readonly RandomGenerator? _random;
    private readonly IBatchTransform<T>? _transform;
    private readonly int[] _order;
    private readonly T[] _featureBuffer;
    private readonly T[] _targetBuffer;
    private int _epoch;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether each epoch visits the samples in a new random order.</param>
    /// <param name="seed">Seed of the shuffling generator: the same seed gives the same orders. It defaults to 0, so
    /// unlike PyTorch's default a shuffled loader is reproducible even without a seed. Ignored without shuffling.</param>
    /// <param name="dropLast">Whether to skip a last batch smaller than <paramref name="batchSize"/>.</param>
    /// <param name="transform">Optional per-batch transform (augmentation), applied to a copy of the batch.</param>
    public DataLoader(ArrayDataset<T> dataset, int batchSize, bool shuffle = false, int seed = 0, bool dropLast = false, IBatchTransform<T>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _dataset = dataset;
        _transform = transform;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _order = shuffle ? new int[dataset.Count] : [];
        _random = shuffle ? new RandomGenerator(seed) : null;

        // Only batches that are gathered or transformed need buffers; at most one full batch is ever held.
        int bufferRows = shuffle || transform is not null ? Math.Min(batchSize, dataset.Count) : 0;
        _featureBuffer = new T[bufferRows * dataset.FeatureCount];
        _targetBuffer = new T[bufferRows * dataset.TargetCount];
    }

    /// <summary>The samples (PyTorch: <c>loader.dataset</c>).</summary>
    public ArrayDataset<T> Dataset => _dataset;

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>
    /// The generator that draws each epoch's order (PyTorch: <c>loader.generator</c>), or <see langword="null"/>
    /// without shuffling. Its state after an epoch decides every later order: save it in a checkpoint
    /// (<c>CheckpointSaveOptions.Generators</c>) and restore it to continue the same sequence of orders.
    /// </summary>
    public RandomGenerator? Generator => _random;

    /// <summary>Whether a last, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch (PyTorch: <c>len(loader)</c>).</summary>
    public int BatchCount => DropLast ? _dataset.Count / BatchSize : (int)(((long)_dataset.Count + BatchSize - 1) / BatchSize);

    /// <summary>Starts an epoch; a shuffled loader draws a new order.</summary>
    public Enumerator GetEnumerator()
    {
        _epoch++;
        if (_random is not null)
        {
            FisherYates.Permute(_order, _random);
        }

        return new Enumerator(this, _epoch);
    }

    /// <summary>Walks one epoch's batches.</summary>
    public ref struct Enumerator
    {
        private readonly DataLoader<T> _loader;
        private readonly int _epoch;
        private int _batch;

        internal Enumerator(DataLoader<T> loader, int epoch)
        {
            _loader = loader;
            _epoch = epoch;
            _batch = -1;
        }

        /// <summary>The current batch; its spans are valid until the next call to <see cref="MoveNext"/>.</summary>
        public Batch<T> Current { get; private set; }

        /// <summary>Advances to the next batch.</summary>
        public bool MoveNext()
        {
            if (_loader._epoch != _epoch)
            {
                throw new InvalidOperationException("A newer epoch of this DataLoader started; its shuffled order and buffers replaced this one's.");
            }

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
        if (_random is null && _transform is null)
        {
            return new Batch<T>(
                _dataset.Features.Slice(start * featureCount, count * featureCount),
                _dataset.Targets.Slice(start * targetCount, count * targetCount),
                count);
        }

        Span<T> features = _featureBuffer.AsSpan(0, count * featureCount);
        Span<T> targets = _targetBuffer.AsSpan(0, count * targetCount);
        if (_random is null)
        {
            // The transform writes, so it gets a copy: the dataset must stay as loaded.
            ReadOnlySpan<T> featureSlice = _dataset.Features.Slice(start * featureCount, count * featureCount);
            ReadOnlySpan<T> targetSlice = _dataset.Targets.Slice(start * targetCount, count * targetCount);
            featureSlice.CopyTo(features);
            targetSlice.CopyTo(targets);
        }
        else
        {
            Gather(start, count, features, targets);
        }

        _transform?.Apply(features, targets, count);
        return new Batch<T>(features, targets, count);
    }

    // Copies the samples _order[start..start+count) into row 0.. of the buffers. _order is a permutation of
    // 0..Count-1 built by this class, so every read is in bounds and the span checks can be skipped.
    // Shuffled rows are scattered over memory; waiting for each one in turn would make the epoch
    // memory-latency bound, so rows a little ahead in the order are prefetched while the current one is copied.
    private void Gather(int start, int count, Span<T> features, Span<T> targets)
    {
        const int PrefetchDistance = 16;
        int featureCount = _dataset.FeatureCount;
        int targetCount = _dataset.TargetCount;
        nuint featureBytes = (nuint)featureCount * (nuint)Unsafe.SizeOf<T>();
        nuint targetBytes = (nuint)targetCount * (nuint)Unsafe.SizeOf<T>();
        ref T featureSource = ref MemoryMarshal.GetReference(_dataset.Features);
        ref T targetSource = ref MemoryMarshal.GetReference(_dataset.Targets);
        ref T featureRow = ref MemoryMarshal.GetReference(features);
        ref T targetRow = ref MemoryMarshal.GetReference(targets);
        ref int order = ref MemoryMarshal.GetArrayDataReference(_order);
        int prefetchEnd = _order.Length - PrefetchDistance;
        for (int i = start; i < start + count; i++)
        {
            if (i < prefetchEnd)
            {
                int upcoming = Unsafe.Add(ref order, i + PrefetchDistance);
                Prefetch.Range(ref Unsafe.Add(ref featureSource, (nint)upcoming * featureCount), featureBytes);
                Prefetch.Range(ref Unsafe.Add(ref targetSource, (nint)upcoming * targetCount), targetBytes);
            }

            int sample = Unsafe.Add(ref order, i);
            RowCopy.Copy(
                ref Unsafe.As<T, byte>(ref featureRow),
                ref Unsafe.As<T, byte>(ref Unsafe.Add(ref featureSource, (nint)sample * featureCount)),
                featureBytes);
            if (targetCount == 1)
            {
                // Single targets (class index, regression value): a plain element copy beats a block copy call.
                targetRow = Unsafe.Add(ref targetSource, sample);
            }
            else
            {
                RowCopy.Copy(
                    ref Unsafe.As<T, byte>(ref targetRow),
                    ref Unsafe.As<T, byte>(ref Unsafe.Add(ref targetSource, (nint)sample * targetCount)),
                    targetBytes);
            }

            featureRow = ref Unsafe.Add(ref featureRow, featureCount);
            targetRow = ref Unsafe.Add(ref targetRow, targetCount);
        }
    }
}
