using System.Numerics;
using System.Numerics.Tensors;

namespace SharpGrad.Data;

/// <summary>
/// The per-feature map x' = (x - center) / scale + offset shared by the fitted scalers, applied row by row.
/// </summary>
internal sealed class AffineFeatureMap<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _center;
    private readonly T[] _scale;
    private readonly T _offset;

    public AffineFeatureMap(T[] center, T[] scale, T offset)
    {
        _center = center;
        _scale = scale;
        _offset = offset;
    }

    public int FeatureCount => _center.Length;

    /// <summary>A new dataset with mapped features and the same targets; <paramref name="dataset"/> is not changed.</summary>
    public ArrayDataset<T> Apply(ArrayDataset<T> dataset, string scalerName)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"{scalerName} was fitted on {FeatureCount} features, but the dataset has {dataset.FeatureCount}.", nameof(dataset));
        }

        T[] features = dataset.Features.ToArray();
        ApplyInPlace(features, scalerName);
        return dataset.WithFeatures(features);
    }

    public void ApplyInPlace(Span<T> features, string scalerName)
    {
        CheckRows(features.Length, scalerName);
        for (int start = 0; start < features.Length; start += FeatureCount)
        {
            Span<T> row = features.Slice(start, FeatureCount);
            TensorPrimitives.Subtract(row, _center, row);
            TensorPrimitives.Divide(row, _scale, row);
            TensorPrimitives.Add(row, _offset, row);
        }
    }

    public void InvertInPlace(Span<T> features, string scalerName)
    {
        CheckRows(features.Length, scalerName);
        for (int start = 0; start < features.Length; start += FeatureCount)
        {
            Span<T> row = features.Slice(start, FeatureCount);
            TensorPrimitives.Subtract(row, _offset, row);
            TensorPrimitives.Multiply(row, _scale, row);
            TensorPrimitives.Add(row, _center, row);
        }
    }

    private void CheckRows(int length, string scalerName)
    {
        if (length % FeatureCount != 0)
        {
            throw new ArgumentException($"{scalerName} maps rows of {FeatureCount} features, but got {length} values, not a multiple of {FeatureCount}.", "features");
        }
    }

    /// <summary>Throws if the training features hold a NaN or infinity, which would poison every statistic.</summary>
    public static void CheckFinite(ArrayDataset<T> train, string scalerName)
    {
        ReadOnlySpan<T> features = train.Features;
        for (int i = 0; i < features.Length; i++)
        {
            if (!T.IsFinite(features[i]))
            {
                throw new ArgumentException($"{scalerName}.Fit: sample {i / train.FeatureCount}, feature {i % train.FeatureCount} is {features[i]}; statistics need finite values.", nameof(train));
            }
        }
    }
}
