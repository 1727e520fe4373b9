namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>Differentiating through the layer functions: a model composed of them against central differences, every argument.</summary>
public sealed class ComposedLayerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_small_CNN_of_layer_functions_has_the_gradient_of_finite_differences(int seed)
    {
        double[] labels = [2, 0];
        int[] lengths = [ComposedLayers.Channels * 9, ComposedLayers.Channels, ComposedLayers.Classes * ComposedLayers.Channels * 4, ComposedLayers.Classes, 2 * 16];
        var random = new Random(seed);
        double[][] args = lengths.Select(n => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1).ToArray()).ToArray();
        double[][] grads = lengths.Select(n => new double[n]).ToArray();
        double value = ComposedLayers.LossWithGradient(args[0], args[1], args[2], args[3], args[4], labels, grads[0], grads[1], grads[2], grads[3], grads[4]);
        Assert.Equal(ComposedLayers.Loss(args[0], args[1], args[2], args[3], args[4], labels), value, 1e-12);
        for (int a = 0; a < args.Length; a++)
        {
            int index = a;
            double[] numeric = FiniteDifferences.Gradient(
                x =>
                {
                    double[][] probe = args.Select((v, i) => i == index ? x : v).ToArray();
                    return ComposedLayers.Loss(probe[0], probe[1], probe[2], probe[3], probe[4], labels);
                },
                args[a]);
            FiniteDifferences.AssertClose(numeric, grads[a], 1e-6, $"d/d(argument {a}) at seed {seed}");
        }
    }
}
