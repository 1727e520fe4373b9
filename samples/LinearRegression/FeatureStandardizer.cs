using SharpGrad.Data;

namespace LinearRegression;

/// <summary>Per-feature mean and standard deviation, fitted on the training split only.</summary>
internal sealed class FeatureStandardizer
{
    private readonly double[] _mean;
    private readonly double[] _std;

    private FeatureStandardizer(double[] mean, double[] std)
    {
        _mean = mean;
        _std = std;
    }

    public static FeatureStandardizer Fit(ArrayDataset<double> train)
    {
        int inputs = train.FeatureCount;
        var mean = new double[inputs];
        var std = new double[inputs];
        ReadOnlySpan<double> x = train.Features;
        for (int i = 0; i < train.Count; i++)
        {
            for (int j = 0; j < inputs; j++)
            {
                mean[j] += x[(i * inputs) + j] / train.Count;
            }
        }

        for (int i = 0; i < train.Count; i++)
        {
            for (int j = 0; j < inputs; j++)
            {
                double d = x[(i * inputs) + j] - mean[j];
                std[j] += d * d / train.Count;
            }
        }

        for (int j = 0; j < inputs; j++)
        {
            std[j] = Math.Sqrt(std[j]);
        }

        return new FeatureStandardizer(mean, std);
    }

    public ArrayDataset<double> Transform(ArrayDataset<double> data)
    {
        int inputs = data.FeatureCount;
        double[] features = data.Features.ToArray();
        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < inputs; j++)
            {
                features[(i * inputs) + j] = (features[(i * inputs) + j] - _mean[j]) / _std[j];
            }
        }

        return new ArrayDataset<double>(features, inputs, data.Targets.ToArray());
    }

    /// <summary>Maps weights learned on standardized features back to the raw features' scale.</summary>
    public (double[] Weight, double Bias) ToRawSpace(ReadOnlySpan<double> weight, double bias)
    {
        var raw = new double[weight.Length];
        double rawBias = bias;
        for (int j = 0; j < weight.Length; j++)
        {
            raw[j] = weight[j] / _std[j];
            rawBias -= raw[j] * _mean[j];
        }

        return (raw, rawBias);
    }
}
