using SharpGrad.Data;

namespace Perceptron;

/// <summary>
/// Two interleaved spiral arms in the plane, one per class: arm c holds the points at radius r and angle
/// <c>turns · 2π · r + c · π</c> for r from 0.1 to 1, plus Gaussian noise. Neither class can be separated from the
/// other by a line, nor by any simple curve: the model has to wind its decision boundary between the arms.
/// </summary>
internal static class TwoSpirals
{
    /// <summary>Makes <paramref name="perClass"/> points of each class, shuffled, features (x, y) and label 0 or 1.</summary>
    public static ArrayDataset<double> Generate(int perClass, double turns, double noise, int seed)
    {
        var random = new Random(seed);
        int count = 2 * perClass;
        var features = new double[count * 2];
        var labels = new double[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double radius = 0.1 + (0.9 * random.NextDouble());
            double angle = (turns * 2 * Math.PI * radius) + (label * Math.PI);
            features[2 * i] = (radius * Math.Cos(angle)) + (noise * Gaussian(random));
            features[(2 * i) + 1] = (radius * Math.Sin(angle)) + (noise * Gaussian(random));
            labels[i] = label;
        }

        return new ArrayDataset<double>(features, 2, labels);
    }

    /// <summary>A standard normal sample (Box-Muller).</summary>
    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
