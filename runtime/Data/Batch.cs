namespace SharpGrad.Data;

/// <summary>
/// One mini-batch: row-major features and targets of <see cref="Count"/> samples
/// (PyTorch: the <c>(features, targets)</c> tuple a <c>DataLoader</c> yields).
/// </summary>
/// <remarks>
/// A ref struct because its spans point either into the dataset (unshuffled, zero-copy) or into the loader's
/// reused buffers: they are valid only until the loader moves to the next batch, and the compiler keeps them
/// from being stored beyond that.
/// </remarks>
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

    /// <summary>Features per sample.</summary>
    public int FeatureCount => Count == 0 ? 0 : Features.Length / Count;

    /// <summary>Targets per sample.</summary>
    public int TargetCount => Count == 0 ? 0 : Targets.Length / Count;

    /// <summary>The features of row <paramref name="row"/> of this batch.</summary>
    public ReadOnlySpan<T> FeaturesOf(int row)
    {
        int width = FeatureCount;
        return Features.Slice(row * width, width);
    }

    /// <summary>The targets of row <paramref name="row"/> of this batch.</summary>
    public ReadOnlySpan<T> TargetsOf(int row)
    {
        int width = TargetCount;
        return Targets.Slice(row * width, width);
    }
}
