using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class OneHotEncoderTests
{
    [Fact]
    public void Class_indices_become_one_hot_rows()
    {
        ArrayDataset<double> dataset = TestDatasets.Labelled(2, 0, 1);

        var encoder = OneHotEncoder<double>.Fit(dataset);
        ArrayDataset<double> encoded = encoder.Transform(dataset);

        Assert.Equal(3, encoder.ClassCount);
        Assert.Equal(3, encoded.TargetCount);
        Assert.Equal([0.0, 0, 1, 1, 0, 0, 0, 1, 0], encoded.Targets.ToArray());
        Assert.Equal(dataset.Features.ToArray(), encoded.Features.ToArray());
        Assert.Equal([2.0, 0, 1], dataset.Targets.ToArray());
        Assert.Equal([2, 0, 1], ClassLabels.Of(encoded));
    }

    [Fact]
    public void The_class_count_comes_from_the_training_split()
    {
        var encoder = OneHotEncoder<float>.Fit(new ArrayDataset<float>([0, 0], 1, [0, 1], 1));
        var validation = new ArrayDataset<float>([0, 0], 1, [1, 2], 1);

        var error = Assert.Throws<ArgumentException>(() => encoder.Transform(validation));
        Assert.Contains("Sample 1 has class 2, but the encoder knows 2 classes", error.Message);
    }

    [Fact]
    public void A_given_class_count_covers_classes_absent_from_a_split()
    {
        ArrayDataset<double> encoded = new OneHotEncoder<double>(4).Transform(TestDatasets.Labelled(1));

        Assert.Equal([0.0, 1, 0, 0], encoded.Targets.ToArray());
    }

    [Fact]
    public void Targets_that_are_not_single_class_indices_are_rejected()
    {
        var encoder = new OneHotEncoder<double>(3);

        Assert.Throws<ArgumentException>(() => encoder.Transform(new ArrayDataset<double>([0], 1, [0.5], 1)));
        Assert.Throws<ArgumentException>(() => encoder.Transform(new ArrayDataset<double>([0], 1, [0, 1], 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder<double>(0));
    }
}
