using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class BatchTransformTests
{
    private sealed class AddToEverything(double amount) : IBatchTransform<double>
    {
        public int Calls { get; private set; }

        public void Apply(Span<double> features, Span<double> targets, int count)
        {
            Calls++;
            foreach (ref double value in features)
            {
                value += amount;
            }

            foreach (ref double value in targets)
            {
                value += amount;
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_transform_changes_the_batch_but_never_the_dataset(bool shuffle)
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(10, featureCount: 2);
        double[] originalFeatures = dataset.Features.ToArray();
        double[] originalTargets = dataset.Targets.ToArray();
        var transform = new AddToEverything(1000);
        var loader = new DataLoader<double>(dataset, batchSize: 4, shuffle, seed: 1, transform: transform);

        var seen = new List<int>();
        foreach (Batch<double> batch in loader)
        {
            Assert.False(batch.Features.Overlaps(dataset.Features));
            for (int row = 0; row < batch.Count; row++)
            {
                int sample = (int)(batch.FeaturesOf(row)[0] - 1000) / 2;
                Assert.Equal(dataset.FeaturesOf(sample)[1] + 1000, batch.FeaturesOf(row)[1]);
                Assert.Equal(dataset.TargetsOf(sample)[0] + 1000, batch.TargetsOf(row)[0]);
                seen.Add(sample);
            }
        }

        Assert.Equal(3, transform.Calls);
        Assert.Equal(Enumerable.Range(0, 10), seen.Order());
        Assert.Equal(originalFeatures, dataset.Features.ToArray());
        Assert.Equal(originalTargets, dataset.Targets.ToArray());
    }

    [Fact]
    public void Gaussian_noise_has_the_requested_spread_and_leaves_targets_alone()
    {
        var features = new double[200_000];
        var targets = new double[100_000];
        targets.AsSpan().Fill(7);
        var noise = new GaussianNoise<double>(standardDeviation: 0.5, seed: 11);

        noise.Apply(features, targets, count: 100_000);

        double mean = features.Average();
        double variance = features.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(Math.Sqrt(variance), 0.49, 0.51);
        Assert.All(targets, t => Assert.Equal(7, t));
    }

    [Fact]
    public void Gaussian_noise_is_reproducible_from_its_seed()
    {
        double[] Noise(int seed)
        {
            var features = new double[64];
            new GaussianNoise<double>(1.0, seed).Apply(features, new double[8], 8);
            return features;
        }

        double[] first = Noise(3);
        double[] again = Noise(3);
        Assert.Equal(first, again);
        Assert.NotEqual(Noise(3), Noise(4));
    }

    [Fact]
    public void Zero_noise_changes_nothing()
    {
        float[] features = [1, 2, 3];

        new GaussianNoise<float>(0, seed: 1).Apply(features, new float[1], 1);

        Assert.Equal([1f, 2, 3], features);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Gaussian_noise_rejects_a_bad_standard_deviation(double standardDeviation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise<double>(standardDeviation, seed: 1));
    }

    [Fact]
    public void Composed_transforms_run_in_order()
    {
        var first = new AddToEverything(1);
        var second = new AddToEverything(10);
        double[] features = [0, 0];

        new ComposedTransform<double>(first, second).Apply(features, new double[1], 1);

        Assert.Equal([11.0, 11], features);
        Assert.Equal(1, first.Calls);
        Assert.Equal(1, second.Calls);
    }

    [Fact]
    public void Augmented_epochs_are_reproducible_with_the_same_seeds()
    {
        List<double> Epoch()
        {
            var loader = new DataLoader<double>(TestDatasets.Indexed<double>(20), 6, shuffle: true, seed: 2, transform: new GaussianNoise<double>(0.1, seed: 9));
            var values = new List<double>();
            foreach (Batch<double> batch in loader)
            {
                values.AddRange(batch.Features.ToArray());
            }

            return values;
        }

        List<double> first = Epoch();
        List<double> again = Epoch();
        Assert.Equal(first, again);
    }
}
