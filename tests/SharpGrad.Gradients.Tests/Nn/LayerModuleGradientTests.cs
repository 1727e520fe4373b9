using SharpGrad.Nn;
using SharpGrad.Nn.Float64;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>Every layer module of SharpGrad.Nn.Float64, and Sequential compositions of them, against central differences.</summary>
public sealed class LayerModuleGradientTests
{
    [Fact]
    public void Linear() => LayerModuleCheck.Run("Linear", new Linear(5, 3, new RandomGenerator(1)), 5);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void Conv2d(int stride, int padding) => LayerModuleCheck.Run($"Conv2d stride {stride} padding {padding}", new Conv2d(2, 3, 3, stride, padding, new RandomGenerator(2)), 2 * 5 * 5, points: 2);

    [Fact]
    public void MaxPool2d() => LayerModuleCheck.Run("MaxPool2d", new MaxPool2d(2, channels: 2), 2 * 4 * 4);

    [Fact]
    public void LayerNorm() => LayerModuleCheck.Run("LayerNorm", new LayerNorm(6), 6);

    [Fact]
    public void Activations()
    {
        LayerModuleCheck.Run("ReLU", new ReLU(), 7);
        LayerModuleCheck.Run("LeakyReLU", new LeakyReLU(0.2), 7);
        LayerModuleCheck.Run("GELU", new GELU(), 7, low: 0.05, high: 3);
        LayerModuleCheck.Run("GELU tanh", new GELU(approximateTanh: true), 7);
        LayerModuleCheck.Run("Tanh", new Tanh(), 7);
        LayerModuleCheck.Run("Sigmoid", new Sigmoid(), 7);
        LayerModuleCheck.Run("Softmax", new Softmax(), 7);
        LayerModuleCheck.Run("LogSoftmax", new LogSoftmax(), 7);
        LayerModuleCheck.Run("Flatten", new Flatten(), 7);
    }

    [Fact]
    public void Sequential_of_layers()
        => LayerModuleCheck.Run("Sequential", new Sequential(new Linear(4, 6, new RandomGenerator(3)), new Tanh(), new Linear(6, 3, new RandomGenerator(4)), new LogSoftmax()), 4);

    [Fact]
    public void Sequential_with_a_convolution_and_a_nested_Sequential()
        => LayerModuleCheck.Run(
            "LeNet-like Sequential",
            new Sequential(
                new Conv2d(1, 2, 3, random: new RandomGenerator(5)),
                new ReLU(),
                new MaxPool2d(2, channels: 2),
                new Sequential(new Flatten(), new Linear(2 * 2 * 2, 3, new RandomGenerator(6)))),
            6 * 6,
            points: 2);

    [Fact]
    public void Gelu_is_the_exact_erf_form()
    {
        // x / 2 · (1 + erf(x / √2)) from Python's math.erf, which torch.nn.functional.gelu (approximate='none') computes.
        (double X, double Gelu)[] reference = [(-3, -0.00404969409489031), (-1, -0.15865525393145707), (0.5, 0.34573123063700656), (2, 1.9544997361036416)];
        var layer = new GELU();
        var output = new double[reference.Length];
        layer.Forward([.. reference.Select(r => r.X)], output);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i].Gelu, output[i], 1e-13);
        }

        Assert.Equal(0.8427007929497149, Functions.Erf(1.0), 1e-15);
        Assert.Equal(-0.9999779095030014, Functions.Erf(-3.0), 1e-15);
        Assert.Equal(1.0, Functions.Erf(7.0));
        Assert.True(double.IsNaN(Functions.Erf(double.NaN)));
    }
}
