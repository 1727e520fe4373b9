using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Rescales each feature linearly so that the training split's minimum maps to <see cref="RangeMin"/> and its maximum
/// to <see cref="RangeMax"/>, [0, 1] by default (scikit-learn: <c>MinMaxScaler(feature_range)</c>; PyTorch has no class).
/// </summary>
/// <remarks>
/// Fit on the training split only, then transform every split: values of other splits may fall outside the range,
/// which is the point (no clipping, as in scikit-learn's default). <see cref="Transform"/> returns a new dataset; the
/// input is unchanged. A feature constant in the training split is shifted to <see cref="RangeMin"/> and not scaled.
/// </remarks>
public sealed class MinMaxScaler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Name = "MinMaxScaler";
    private readonly T[] _min;
    private readonly T[] _max;
    private readonly AffineFeatureMap<T> _map;

    private MinMaxScaler(T[] min, T[] max, T rangeMin, T rangeMax)
    {
        _min = min;
        _max = max;
        RangeMin = rangeMin;
        RangeMax = rangeMax;

        // x' = (x - min) / ((max - min) / (rangeMax - rangeMin)) + rangeMin; a zero width counts as 1.
        T rangeWidth = rangeMax - rangeMin;
        var scale = new T[min.Length];
        for (int f = 0; f < scale.Length; f++)
        {
            T width = max[f] - min[f];
            scale[f] = (width == T.Zero ? T.One : width) / rangeWidth;
        }

        _map = new AffineFeatureMap<T>(min, scale, rangeMin);
    }

    /// <summary>Per-feature minima of the training split (scikit-learn: <c>data_min_</c>).</summary>
    public ReadOnlySpan<T> Min => _min;

    /// <summary>Per-feature maxima of the training split (scikit-learn: <c>data_max_</c>).</summary>
    public ReadOnlySpan<T> Max => _max;

    /// <summary>Where the training minimum lands.</summary>
    public T RangeMin { get; }

    /// <summary>Where the training maximum lands.</summary>
    public T RangeMax { get; }

    /// <summary>Features per sample this scaler expects.</summary>
    public int FeatureCount => _min.Length;

    /// <summary>Finds per-feature minima and maxima of <paramref name="train"/>, mapping them to [0, 1].</summary>
    public static MinMaxScaler<T> Fit(ArrayDataset<T> train) => Fit(train, T.Zero, T.One);

    /// <summary>Finds per-feature minima and maxima of <paramref name="train"/>, mapping them to [<paramref name="rangeMin"/>, <paramref name="rangeMax"/>].</summary>
    /// <exception cref="ArgumentException">The dataset is empty or holds a non-finite feature, or the range is empty.</exception>
    public static MinMaxScaler<T> Fit(ArrayDataset<T> train, T rangeMin, T rangeMax)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(rangeMin < rangeMax) || !T.IsFinite(rangeMin) || !T.IsFinite(rangeMax))
        {
            throw new ArgumentException($"The target range [{rangeMin}, {rangeMax}] must be finite with min < max.");
        }

        if (train.Count == 0)
        {
            throw new ArgumentException("MinMaxScaler.Fit needs at least one sample.", nameof(train));
        }

        AffineFeatureMap<T>.CheckFinite(train, Name);
        int featureCount = train.FeatureCount;
        T[] min = train.FeaturesOf(0).ToArray();
        T[] max = train.FeaturesOf(0).ToArray();
        for (int sample = 1; sample < train.Count; sample++)
        {
            ReadOnlySpan<T> row = train.FeaturesOf(sample);
            for (int f = 0; f < featureCount; f++)
            {
                min[f] = T.Min(min[f], row[f]);
                max[f] = T.Max(max[f], row[f]);
            }
        }

        return new MinMaxScaler<T>(min, max, rangeMin, rangeMax);
    }

    /// <summary>A new dataset with rescaled features and the same targets (scikit-learn: <c>transform</c>).</summary>
    public ArrayDataset<T> Transform(ArrayDataset<T> dataset) => _map.Apply(dataset, Name);

    /// <summary>Rescales rows of raw features in place, e.g. inputs at prediction time.</summary>
    /// <param name="features">Row-major features, a multiple of <see cref="FeatureCount"/> values.</param>
    public void TransformInPlace(Span<T> features) => _map.ApplyInPlace(features, Name);

    /// <summary>Maps rescaled rows back to the original units in place (scikit-learn: <c>inverse_transform</c>).</summary>
    /// <param name="features">Row-major features, a multiple of <see cref="FeatureCount"/> values.</param>
    public void InverseTransformInPlace(Span<T> features) => _map.InvertInPlace(features, Name);
}
