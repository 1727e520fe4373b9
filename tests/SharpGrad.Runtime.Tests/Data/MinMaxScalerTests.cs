using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class MinMaxScalerTests
{
    [Fact]
    public void Training_extremes_map_to_the_range_and_other_splits_may_leave_it()
    {
        var train = new ArrayDataset<double>([0, 10, 5, 20, 10, 30], 2, [0, 0, 0], 1);
        var validation = new ArrayDataset<double>([-5, 40], 2, [0], 1);

        var scaler = MinMaxScaler<double>.Fit(train);
        ArrayDataset<double> trainScaled = scaler.Transform(train);
        ArrayDataset<double> validationScaled = scaler.Transform(validation);

        Assert.Equal([0.0, 0, 0.5, 0.5, 1, 1], trainScaled.Features.ToArray());
        Assert.Equal([-0.5, 1.5], validationScaled.Features.ToArray());
        Assert.Equal([0.0, 10], scaler.Min.ToArray());
        Assert.Equal([10.0, 30], scaler.Max.ToArray());
        Assert.Equal([-5.0, 40], validation.Features.ToArray());
    }

    [Fact]
    public void A_custom_range_is_honoured()
    {
        var train = new ArrayDataset<float>([2, 4, 6], 1, [0, 0, 0], 1);

        ArrayDataset<float> scaled = MinMaxScaler<float>.Fit(train, -1, 1).Transform(train);

        Assert.Equal([-1f, 0, 1], scaled.Features.ToArray());
    }

    [Fact]
    public void A_constant_feature_maps_to_the_range_minimum()
    {
        var train = new ArrayDataset<double>([3, 3], 1, [0, 0], 1);

        ArrayDataset<double> scaled = MinMaxScaler<double>.Fit(train).Transform(train);

        Assert.Equal([0.0, 0], scaled.Features.ToArray());
    }

    [Fact]
    public void Rows_can_be_transformed_in_place_and_back()
    {
        var scaler = MinMaxScaler<double>.Fit(new ArrayDataset<double>([0, 100, 4, 300], 2, [0, 0], 1));
        double[] row = [1, 150];

        scaler.TransformInPlace(row);
        Assert.Equal([0.25, 0.25], row);
        scaler.InverseTransformInPlace(row);
        Assert.Equal([1.0, 150], row);
    }

    [Fact]
    public void An_empty_range_is_rejected()
    {
        var train = new ArrayDataset<double>([1, 2], 1, [0, 0], 1);

        Assert.Throws<ArgumentException>(() => MinMaxScaler<double>.Fit(train, 1, 1));
    }
}
