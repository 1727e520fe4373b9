using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// In-memory samples: a row-major feature matrix and a row-major target matrix with one row per sample
/// (PyTorch: <c>TensorDataset(features, targets)</c>).
/// </summary>
/// <remarks>
/// The dataset never writes to its arrays: splitting and preprocessing build new datasets, and loaders
/// copy before transforming. Arrays passed to the constructor are not copied, so the caller owns them.
/// </remarks>
public sealed class ArrayDataset<T> where T : unmanaged, INumberBase<T>
{
    private readonly T[] _features;
    private readonly T[] _targets;

    /// <summary>Creates a dataset over the given arrays (not copied).</summary>
    /// <param name="features">Row-major features, <paramref name="featureCount"/> per sample.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targets">Row-major targets, <paramref name="targetCount"/> per sample.</param>
    /// <param name="targetCount">Targets per sample.</param>
    public ArrayDataset(T[] features, int featureCount, T[] targets, int targetCount = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetCount);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"features has {features.Length} values, not a multiple of featureCount {featureCount}.", nameof(features));
        }

        int count = features.Length / featureCount;
        if ((long)targets.Length != (long)count * targetCount)
        {
            throw new ArgumentException($"features hold {count} samples of {featureCount}, so targets must hold {count} x {targetCount} = {(long)count * targetCount} values, but hold {targets.Length}.", nameof(targets));
        }

        _features = features;
        _targets = targets;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = count;
    }

    /// <summary>The number of samples (PyTorch: <c>len(dataset)</c>).</summary>
    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per sample.</summary>
    public int TargetCount { get; }

    /// <summary>All features, row-major.</summary>
    public ReadOnlySpan<T> Features => _features;

    /// <summary>All targets, row-major.</summary>
    public ReadOnlySpan<T> Targets => _targets;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> FeaturesOf(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> TargetsOf(int index) => _targets.AsSpan(index * TargetCount, TargetCount);

    /// <summary>
    /// A new dataset holding copies of the samples at <paramref name="indices"/>, in that order
    /// (PyTorch: <c>Subset(dataset, indices)</c>, which is a view; this copies so that batches of the subset stay contiguous).
    /// </summary>
    /// <param name="indices">Sample indices; each must be in [0, <see cref="Count"/>). Repeats are allowed.</param>
    public ArrayDataset<T> Subset(ReadOnlySpan<int> indices)
    {
        var features = new T[indices.Length * FeatureCount];
        var targets = new T[indices.Length * TargetCount];
        for (int i = 0; i < indices.Length; i++)
        {
            int sample = indices[i];
            if ((uint)sample >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"indices[{i}] is {sample}; the dataset has {Count} samples.");
            }

            FeaturesOf(sample).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            TargetsOf(sample).CopyTo(targets.AsSpan(i * TargetCount, TargetCount));
        }

        return new ArrayDataset<T>(features, FeatureCount, targets, TargetCount);
    }

    /// <summary>The same targets with new features; used by preprocessing, which never changes this dataset.</summary>
    internal ArrayDataset<T> WithFeatures(T[] features) => new(features, FeatureCount, _targets, TargetCount);

    /// <summary>The same features with new targets.</summary>
    internal ArrayDataset<T> WithTargets(T[] targets, int targetCount) => new(_features, FeatureCount, targets, targetCount);
}
