using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Augmentation that adds independent normal noise N(0, σ²) to every feature of a batch; targets are left alone
/// (PyTorch has no class for this; the idiom is <c>x + torch.randn_like(x) * std</c> inside a transform).
/// </summary>
/// <remarks>
/// Noise comes from <c>System.Random(seed)</c> through the Box–Muller transform, so a given seed and the same
/// sequence of batches give the same noise. The values differ from PyTorch's <c>randn</c> for the same seed.
/// </remarks>
public sealed class GaussianNoise<T> : IBatchTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates the transform.</summary>
    /// <param name="standardDeviation">σ of the noise; zero leaves features unchanged.</param>
    /// <param name="seed">Seed of the noise generator.</param>
    public GaussianNoise(double standardDeviation, int seed)
    {
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and non-negative.");
        }

        StandardDeviation = standardDeviation;
        _random = new Random(seed);
    }

    /// <summary>σ of the noise.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public void Apply(Span<T> features, Span<T> targets, int count)
    {
        for (int i = 0; i < features.Length; i++)
        {
            features[i] += T.CreateChecked(StandardDeviation * NextStandardNormal());
        }
    }

    // Box–Muller yields two independent normals per pair of uniforms; the second is kept for the next call.
    private double NextStandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1.0 - _random.NextDouble(); // in (0, 1], so the logarithm is finite
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
