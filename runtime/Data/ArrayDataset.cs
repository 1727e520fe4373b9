using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// In-memory samples: a row-major feature matrix and a row-major target matrix with one row per sample
/// (PyTorch: <c>TensorDataset(features, targets)</c>).
/// </summary>
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
        if (targets.Length != count * targetCount)
        {
            throw new ArgumentException($"features hold {count} samples of {featureCount}, so targets must hold {count} x {targetCount} = {count * targetCount} values, but hold {targets.Length}.", nameof(targets));
        }

        _features = features;
        _targets = targets;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = count;
    }

    /// <summary>The number of samples.</summary>
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
}
