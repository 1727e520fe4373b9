using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class ArrayDatasetTests
{
    [Fact]
    public void Rows_are_slices_of_the_row_major_arrays()
    {
        var dataset = new ArrayDataset<double>([1, 2, 3, 4, 5, 6], 3, [10, 20], 1);

        Assert.Equal(2, dataset.Count);
        Assert.Equal([4.0, 5, 6], dataset.FeaturesOf(1).ToArray());
        Assert.Equal([20.0], dataset.TargetsOf(1).ToArray());
    }

    [Fact]
    public void Mismatched_shapes_are_rejected_with_the_counts()
    {
        var ragged = Assert.Throws<ArgumentException>(() => new ArrayDataset<double>([1, 2, 3, 4, 5], 3, [1], 1));
        Assert.Contains("not a multiple of featureCount 3", ragged.Message);

        var targets = Assert.Throws<ArgumentException>(() => new ArrayDataset<double>([1, 2, 3, 4], 2, [1, 2, 3], 1));
        Assert.Contains("2 x 1 = 2 values, but hold 3", targets.Message);
    }

    [Fact]
    public void An_empty_dataset_is_allowed()
    {
        var dataset = new ArrayDataset<float>([], 4, [], 2);

        Assert.Equal(0, dataset.Count);
    }

    [Fact]
    public void Subset_copies_the_chosen_rows_in_order()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(5, featureCount: 2, targetCount: 2);

        ArrayDataset<double> subset = dataset.Subset([3, 0, 3]);

        Assert.Equal(3, subset.Count);
        Assert.Equal([6.0, 7, 0, 1, 6, 7], subset.Features.ToArray());
        Assert.Equal([6.0, 7, 0, 1, 6, 7], subset.Targets.ToArray());
        Assert.False(subset.Features.Overlaps(dataset.Features));
    }

    [Fact]
    public void Subset_rejects_an_index_outside_the_dataset()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Subset([0, 3]));
        Assert.Contains("indices[1] is 3", error.Message);
    }
}
