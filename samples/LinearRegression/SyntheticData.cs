using SharpGrad.Data;

namespace LinearRegression;

/// <summary>
/// Samples of <c>y = x · w + b + noise</c>. Each raw feature has its own offset and scale, so that
/// standardization matters, as it does for real data.
/// </summary>
internal sealed class SyntheticData
{
    private SyntheticData(double[] features, double[] targets, int inputs)
    {
        Features = features;
        Targets = targets;
        Inputs = inputs;
    }

    public double[] Features { get; }

    public double[] Targets { get; }

    public int Inputs { get; }

    public int Count => Targets.Length;

    public static SyntheticData Generate(Random random, double[] weight, double bias, int count, double noiseStd)
    {
        int inputs = weight.Length;
        var features = new double[count * inputs];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            double y = bias;
            for (int j = 0; j < inputs; j++)
            {
                double offset = j - 4.5;
                double scale = 0.5 + (0.25 * j);
                double x = offset + (scale * Gaussian(random));
                features[(i * inputs) + j] = x;
                y += weight[j] * x;
            }

            targets[i] = y + (noiseStd * Gaussian(random));
        }

        return new SyntheticData(features, targets, inputs);
    }

    /// <summary>The samples as a dataset: 10 features and 1 target per row.</summary>
    public ArrayDataset<double> ToDataset() => new(Features, Inputs, Targets);

    /// <summary>A standard normal sample (Box-Muller).</summary>
    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
