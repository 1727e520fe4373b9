using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Standardizes each feature to zero mean and unit variance using statistics of the training split
/// (scikit-learn: <c>StandardScaler</c>; PyTorch has no class for this, torchvision's <c>Normalize(mean, std)</c>
/// applies given statistics).
/// </summary>
/// <remarks>
/// <para>Fit on the training split only, then transform every split with the same statistics, so nothing about
/// validation or test data leaks into training:</para>
/// <code>
/// var standardizer = Standardizer&lt;double&gt;.Fit(split.Train);
/// var train = standardizer.Transform(split.Train);
/// var validation = standardizer.Transform(split.Validation);
/// </code>
/// <para><see cref="Transform"/> returns a new dataset (targets are shared, never written); the input is unchanged.
/// The standard deviation is the population one (divisor n), as in scikit-learn. A feature that is constant in the
/// training split is only centred (its scale is taken as 1), again as in scikit-learn.</para>
/// </remarks>
public sealed class Standardizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Name = "Standardizer";
    private readonly T[] _mean;
    private readonly T[] _standardDeviation;
    private readonly AffineFeatureMap<T> _map;

    private Standardizer(T[] mean, T[] standardDeviation)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
        T[] scale = Array.ConvertAll(standardDeviation, s => s == T.Zero ? T.One : s);
        _map = new AffineFeatureMap<T>(mean, scale, T.Zero);
    }

    /// <summary>Per-feature means of the training split (scikit-learn: <c>mean_</c>).</summary>
    public ReadOnlySpan<T> Mean => _mean;

    /// <summary>Per-feature population standard deviations of the training split (scikit-learn: <c>scale_</c>, except that a zero stays zero here).</summary>
    public ReadOnlySpan<T> StandardDeviation => _standardDeviation;

    /// <summary>Features per sample this standardizer expects.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Computes per-feature mean and standard deviation of <paramref name="train"/> (scikit-learn: <c>fit</c>).</summary>
    /// <exception cref="ArgumentException">The dataset is empty or holds a non-finite feature.</exception>
    public static Standardizer<T> Fit(ArrayDataset<T> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("Standardizer.Fit needs at least one sample.", nameof(train));
        }

        AffineFeatureMap<T>.CheckFinite(train, Name);
        int featureCount = train.FeatureCount;
        ReadOnlySpan<T> features = train.Features;

        // Accumulated in double so that float data over many samples keeps its precision; two passes for a stable variance.
        var sum = new double[featureCount];
        for (int i = 0; i < features.Length; i++)
        {
            sum[i % featureCount] += double.CreateChecked(features[i]);
        }

        var mean = new double[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            mean[f] = sum[f] / train.Count;
        }

        var squares = new double[featureCount];
        for (int i = 0; i < features.Length; i++)
        {
            double deviation = double.CreateChecked(features[i]) - mean[i % featureCount];
            squares[i % featureCount] += deviation * deviation;
        }

        var meanT = new T[featureCount];
        var deviationT = new T[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            meanT[f] = T.CreateChecked(mean[f]);
            deviationT[f] = T.CreateChecked(Math.Sqrt(squares[f] / train.Count));
        }

        return new Standardizer<T>(meanT, deviationT);
    }

    /// <summary>A new dataset with standardized features and the same targets (scikit-learn: <c>transform</c>).</summary>
    public ArrayDataset<T> Transform(ArrayDataset<T> dataset) => _map.Apply(dataset, Name);

    /// <summary>Standardizes rows of raw features in place, e.g. inputs at prediction time.</summary>
    /// <param name="features">Row-major features, a multiple of <see cref="FeatureCount"/> values.</param>
    public void TransformInPlace(Span<T> features) => _map.ApplyInPlace(features, Name);

    /// <summary>Maps standardized rows back to the original units in place (scikit-learn: <c>inverse_transform</c>).</summary>
    /// <param name="features">Row-major features, a multiple of <see cref="FeatureCount"/> values.</param>
    public void InverseTransformInPlace(Span<T> features) => _map.InvertInPlace(features, Name);
}
