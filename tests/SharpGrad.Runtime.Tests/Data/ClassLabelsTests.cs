using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class ClassLabelsTests
{
    [Fact]
    public void A_single_integer_target_is_the_label()
    {
        Assert.Equal([2, 0, 1], ClassLabels.Of(TestDatasets.Labelled(2, 0, 1)));
    }

    [Fact]
    public void Several_targets_give_the_argmax()
    {
        var dataset = new ArrayDataset<float>([0, 0, 0], 1, [0, 0, 1, 0.2f, 0.7f, 0.1f, 1, 0, 0], 3);

        Assert.Equal([2, 1, 0], ClassLabels.Of(dataset));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_single_target_that_is_not_a_class_index_is_rejected(double target)
    {
        var dataset = new ArrayDataset<double>([0, 0], 1, [0, target], 1);

        var error = Assert.Throws<ArgumentException>(() => ClassLabels.Of(dataset));
        Assert.Contains("Sample 1", error.Message);
    }

    [Fact]
    public void The_class_count_is_one_more_than_the_largest_label()
    {
        Assert.Equal(5, ClassLabels.CountClasses([4, 0, 2]));
        Assert.Equal(0, ClassLabels.CountClasses([]));
    }
}
