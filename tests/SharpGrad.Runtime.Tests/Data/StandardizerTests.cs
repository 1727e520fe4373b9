using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class StandardizerTests
{
    // Two features; validation is drawn from a shifted, wider distribution than train.
    private static ArrayDataset<double> Sample(int count, double shift, double spread, int seed)
    {
        var random = new Random(seed);
        var features = new double[count * 2];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = 10 + shift + (spread * random.NextDouble());
            features[(2 * i) + 1] = -3 + (shift * 2) + (spread * 5 * random.NextDouble());
        }

        return new ArrayDataset<double>(features, 2, new double[count], 1);
    }

    private static (double Mean, double Std) Column(ArrayDataset<double> dataset, int feature)
    {
        double[] values = Enumerable.Range(0, dataset.Count).Select(i => dataset.FeaturesOf(i)[feature]).ToArray();
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
    }

    [Fact]
    public void Statistics_come_from_the_training_split_only()
    {
        ArrayDataset<double> train = Sample(500, shift: 0, spread: 1, seed: 1);
        ArrayDataset<double> validation = Sample(200, shift: 0.5, spread: 2, seed: 2);

        var standardizer = Standardizer<double>.Fit(train);
        ArrayDataset<double> trainScaled = standardizer.Transform(train);
        ArrayDataset<double> validationScaled = standardizer.Transform(validation);

        for (int f = 0; f < 2; f++)
        {
            (double trainMean, double trainStd) = Column(train, f);
            Assert.Equal(trainMean, standardizer.Mean[f], 1e-12);
            Assert.Equal(trainStd, standardizer.StandardDeviation[f], 1e-12);

            (double scaledMean, double scaledStd) = Column(trainScaled, f);
            Assert.Equal(0, scaledMean, 1e-12);
            Assert.Equal(1, scaledStd, 1e-12);

            // Validation moved with train's statistics, so it is not centred: its own statistics were not used.
            (double validationMean, _) = Column(validation, f);
            (double validationScaledMean, double validationScaledStd) = Column(validationScaled, f);
            Assert.Equal((validationMean - trainMean) / trainStd, validationScaledMean, 1e-9);
            Assert.True(Math.Abs(validationScaledMean) > 0.5, $"feature {f}: validation mean {validationScaledMean}");
            Assert.True(validationScaledStd > 1.5, $"feature {f}: validation std {validationScaledStd}");
        }
    }

    [Fact]
    public void Transform_returns_a_new_dataset_and_leaves_the_input_alone()
    {
        ArrayDataset<double> train = Sample(20, 0, 1, seed: 3);
        double[] before = train.Features.ToArray();

        ArrayDataset<double> scaled = Standardizer<double>.Fit(train).Transform(train);

        Assert.Equal(before, train.Features.ToArray());
        Assert.False(scaled.Features.Overlaps(train.Features));
        Assert.Equal(train.Targets.ToArray(), scaled.Targets.ToArray());
    }

    [Fact]
    public void A_constant_feature_is_centred_but_not_divided_by_zero()
    {
        var train = new ArrayDataset<double>([5, 1, 5, 2, 5, 3], 2, [0, 0, 0], 1);

        var standardizer = Standardizer<double>.Fit(train);
        ArrayDataset<double> scaled = standardizer.Transform(train);

        Assert.Equal(0, standardizer.StandardDeviation[0]);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0, scaled.FeaturesOf(i)[0]));
    }

    [Fact]
    public void Float_statistics_are_accumulated_in_double()
    {
        // A float running sum of 100k values near 10^4 reaches 10^9, where float steps by 64: the mean would drift.
        var random = new Random(4);
        float[] features = Enumerable.Range(0, 100_000).Select(_ => 10_000f + random.NextSingle()).ToArray();
        double exactMean = features.Average(x => (double)x);
        double exactStd = Math.Sqrt(features.Average(x => ((double)x - exactMean) * ((double)x - exactMean)));
        var train = new ArrayDataset<float>(features, 1, new float[features.Length], 1);

        var standardizer = Standardizer<float>.Fit(train);
        ArrayDataset<float> scaled = standardizer.Transform(train);

        // Within float's resolution at 10^4 (about 0.001) for the mean, and to float precision for the spread.
        Assert.Equal(exactMean, standardizer.Mean[0], 1e-3);
        Assert.Equal(exactStd, standardizer.StandardDeviation[0], exactStd * 1e-6);
        double scaledMean = scaled.Features.ToArray().Average(x => (double)x);
        double scaledVariance = scaled.Features.ToArray().Average(x => ((double)x - scaledMean) * ((double)x - scaledMean));
        Assert.InRange(scaledMean, -5e-3, 5e-3);
        Assert.InRange(scaledVariance, 0.999, 1.001);
    }

    [Fact]
    public void Rows_can_be_transformed_in_place_and_back()
    {
        var standardizer = Standardizer<double>.Fit(Sample(50, 0, 1, seed: 5));
        double[] rows = [10.3, -2.1, 10.9, 0.4];

        standardizer.TransformInPlace(rows);
        Assert.Equal((10.3 - standardizer.Mean[0]) / standardizer.StandardDeviation[0], rows[0], 1e-12);
        standardizer.InverseTransformInPlace(rows);

        Assert.Equal([10.3, -2.1, 10.9, 0.4], rows, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Mismatched_or_unusable_input_is_rejected()
    {
        var standardizer = Standardizer<double>.Fit(Sample(5, 0, 1, seed: 6));

        Assert.Throws<ArgumentException>(() => standardizer.Transform(TestDatasets.Indexed<double>(4, featureCount: 3)));
        Assert.Throws<ArgumentException>(() => standardizer.TransformInPlace(new double[3]));
        Assert.Throws<ArgumentException>(() => Standardizer<double>.Fit(new ArrayDataset<double>([], 2, [], 1)));
        var error = Assert.Throws<ArgumentException>(() => Standardizer<double>.Fit(new ArrayDataset<double>([1, double.NaN], 1, [0, 0], 1)));
        Assert.Contains("sample 1, feature 0 is NaN", error.Message);
    }
}
