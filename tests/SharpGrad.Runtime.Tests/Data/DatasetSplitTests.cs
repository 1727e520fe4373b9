using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class DatasetSplitTests
{
    private static int[] SamplesOf(ArrayDataset<double> part)
        => Enumerable.Range(0, part.Count).Select(i => TestDatasets.SampleOf(part.FeaturesOf(i))).ToArray();

    [Fact]
    public void Fractions_give_the_sizes_and_the_parts_partition_the_samples()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(100, featureCount: 2);

        var (train, validation, test) = DatasetSplit.TrainValidationTest(dataset, 0.7, 0.2, seed: 1);

        Assert.Equal(70, train.Count);
        Assert.Equal(20, validation.Count);
        Assert.Equal(10, test.Count);
        int[] all = [.. SamplesOf(train), .. SamplesOf(validation), .. SamplesOf(test)];
        Assert.Equal(Enumerable.Range(0, 100), all.Order());

        // Rows travel whole: features and targets of each sample stay together.
        for (int i = 0; i < train.Count; i++)
        {
            int sample = TestDatasets.SampleOf(train.FeaturesOf(i));
            Assert.Equal(dataset.TargetsOf(sample).ToArray(), train.TargetsOf(i).ToArray());
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(60);

        DatasetSplit<double> first = DatasetSplit.TrainValidationTest(dataset, 0.5, 0.25, seed: 4);
        DatasetSplit<double> again = DatasetSplit.TrainValidationTest(dataset, 0.5, 0.25, seed: 4);
        DatasetSplit<double> other = DatasetSplit.TrainValidationTest(dataset, 0.5, 0.25, seed: 5);

        Assert.Equal(SamplesOf(first.Train), SamplesOf(again.Train));
        Assert.Equal(SamplesOf(first.Test), SamplesOf(again.Test));
        Assert.NotEqual(SamplesOf(first.Train), SamplesOf(other.Train));
    }

    [Fact]
    public void The_parts_are_copies()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(10);

        DatasetSplit<double> split = DatasetSplit.TrainValidationTest(dataset, 0.6, 0.2, seed: 1);

        Assert.False(split.Train.Features.Overlaps(dataset.Features));
    }

    [Fact]
    public void Stratification_keeps_class_proportions_exactly_when_they_divide()
    {
        // 60 / 30 / 10 samples of classes 0 / 1 / 2, interleaved.
        int[] labels = Enumerable.Range(0, 100).Select(i => i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2).ToArray();
        ArrayDataset<double> dataset = TestDatasets.Labelled(labels);

        DatasetSplit<double> split = DatasetSplit.TrainValidationTest(dataset, 0.6, 0.2, seed: 3, stratify: true);

        Assert.Equal([36, 18, 6], ClassCounts(split.Train, 3));
        Assert.Equal([12, 6, 2], ClassCounts(split.Validation, 3));
        Assert.Equal([12, 6, 2], ClassCounts(split.Test, 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stratification_keeps_each_class_within_one_of_its_share_and_sizes_exact(int seed)
    {
        // Uneven classes: 37, 23, 11, 5 samples, in a random arrangement.
        var random = new Random(seed);
        int[] labels = [.. Enumerable.Repeat(0, 37), .. Enumerable.Repeat(1, 23), .. Enumerable.Repeat(2, 11), .. Enumerable.Repeat(3, 5)];
        random.Shuffle(labels);
        int[] classSizes = [37, 23, 11, 5];
        ArrayDataset<double> dataset = TestDatasets.Labelled(labels);

        DatasetSplit<double> split = DatasetSplit.TrainValidationTest(dataset, 0.7, 0.15, seed, stratify: true);

        Assert.Equal(53, split.Train.Count); // round(76 x 0.7) = round(53.2)
        Assert.Equal(11, split.Validation.Count); // round(11.4)
        Assert.Equal(12, split.Test.Count);
        int[] train = ClassCounts(split.Train, 4);
        int[] validation = ClassCounts(split.Validation, 4);
        for (int c = 0; c < 4; c++)
        {
            Assert.InRange(train[c], Math.Floor(classSizes[c] * 0.7), Math.Ceiling(classSizes[c] * 0.7));
            Assert.InRange(validation[c], Math.Floor(classSizes[c] * 0.15) - 1, Math.Ceiling(classSizes[c] * 0.15) + 1);
        }

        int[] all = [.. SamplesOf(split.Train), .. SamplesOf(split.Validation), .. SamplesOf(split.Test)];
        Assert.Equal(Enumerable.Range(0, labels.Length), all.Order());
    }

    [Fact]
    public void Stratification_reads_one_hot_targets_by_argmax()
    {
        // Classes 0 (75 samples) and 1 (25 samples) as one-hot rows.
        int count = 100;
        var targets = new double[count * 2];
        for (int i = 0; i < count; i++)
        {
            targets[(i * 2) + (i % 4 == 0 ? 1 : 0)] = 1;
        }

        var dataset = new ArrayDataset<double>(new double[count], 1, targets, 2);

        var (train, _, test) = DatasetSplit.TrainTest(dataset, testFraction: 0.2, seed: 8, stratify: true);

        Assert.Equal([60, 20], ClassCounts(train, 2));
        Assert.Equal([15, 5], ClassCounts(test, 2));
    }

    [Fact]
    public void Sparse_class_labels_are_stratified_too()
    {
        ArrayDataset<double> dataset = TestDatasets.Labelled([.. Enumerable.Repeat(3, 40), .. Enumerable.Repeat(1_000_000, 20)]);

        DatasetSplit<double> split = DatasetSplit.TrainTest(dataset, 0.25, seed: 2, stratify: true);

        int[] trainLabels = ClassLabels.Of(split.Train);
        Assert.Equal(30, trainLabels.Count(l => l == 3));
        Assert.Equal(15, trainLabels.Count(l => l == 1_000_000));
    }

    [Fact]
    public void A_mixed_class_split_is_not_sorted_by_class()
    {
        ArrayDataset<double> dataset = TestDatasets.Labelled([.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 50)]);

        DatasetSplit<double> split = DatasetSplit.TrainTest(dataset, 0.2, seed: 1, stratify: true);

        int[] labels = ClassLabels.Of(split.Train);
        Assert.NotEqual(labels.Order(), labels);
    }

    [Fact]
    public void TrainTest_leaves_validation_empty()
    {
        DatasetSplit<double> split = DatasetSplit.TrainTest(TestDatasets.Indexed<double>(10), 0.3, seed: 1);

        Assert.Equal(7, split.Train.Count);
        Assert.Equal(0, split.Validation.Count);
        Assert.Equal(3, split.Test.Count);
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(1.1, 0.0)]
    [InlineData(0.8, 0.3)]
    [InlineData(double.NaN, 0.1)]
    public void Bad_fractions_are_rejected(double train, double validation)
    {
        Assert.ThrowsAny<ArgumentException>(() => DatasetSplit.TrainValidationTest(TestDatasets.Indexed<double>(10), train, validation, seed: 1));
    }

    [Fact]
    public void Stratifying_by_a_non_class_target_is_rejected()
    {
        var dataset = new ArrayDataset<double>([1, 2], 1, [0.5, 1], 1);

        Assert.Throws<ArgumentException>(() => DatasetSplit.TrainTest(dataset, 0.5, seed: 1, stratify: true));
    }

    private static int[] ClassCounts(ArrayDataset<double> dataset, int classCount)
    {
        var counts = new int[classCount];
        foreach (int label in ClassLabels.Of(dataset))
        {
            counts[label]++;
        }

        return counts;
    }
}
