using SharpGrad.Nn;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// Checks a layer module (<see cref="ILayer{T}"/>): at seeded random inputs, parameters and output seeds, its
/// companion's output equals <see cref="ILayer{T}.Forward"/>'s, and the gradients it adds into the input buffer and
/// into every parameter's <c>Grad</c> equal central differences of seed · Forward(input) with respect to each.
/// </summary>
internal static class LayerModuleCheck
{
    public static void Run(string name, Module<double> module, int inputLength, int points = 3, double low = 0.1, double high = 2)
    {
        var layer = (ILayer<double>)module;
        int outputLength = layer.OutputLength(inputLength);
        Parameter<double>[] parameters = [.. module.Parameters()];
        for (int point = 0; point < points; point++)
        {
            var random = new Random(3000 + point);
            double[] input = Values(random, inputLength, low, high);
            double[] seed = Values(random, outputLength, 0.1, 1);
            foreach (Parameter<double> parameter in parameters)
            {
                Values(random, parameter.Length, low, high).CopyTo(parameter.Data);
            }

            var output = new double[outputLength];
            layer.Forward(input, output);
            module.ZeroGrad();
            var inputGrad = Enumerable.Repeat(0.25, inputLength).ToArray();
            var companionOutput = new double[outputLength];
            layer.ForwardWithGradient(input, companionOutput, (Span<double>)inputGrad, (ReadOnlySpan<double>)seed);
            Assert.Equal(output, companionOutput);
            double[][] parameterGrads = [.. parameters.Select(p => p.Grad.ToArray())];

            double Loss(double[] x)
            {
                var y = new double[outputLength];
                layer.Forward(x, y);
                return y.Zip(seed, (a, b) => a * b).Sum();
            }

            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Loss, input), [.. inputGrad.Select(g => g - 0.25)], 1e-6, $"{name} (point {point}) d/d(input)");
            for (int p = 0; p < parameters.Length; p++)
            {
                Parameter<double> parameter = parameters[p];
                double[] saved = parameter.Data.ToArray();
                double[] numeric = FiniteDifferences.Gradient(
                    values =>
                    {
                        values.CopyTo(parameter.Data);
                        return Loss(input);
                    },
                    saved);
                saved.CopyTo(parameter.Data);
                FiniteDifferences.AssertClose(numeric, parameterGrads[p], 1e-6, $"{name} (point {point}) d/d({parameter.Name})");
            }

            // The parameters-only overload adds the same parameter gradients.
            module.ZeroGrad();
            layer.ForwardWithGradient(input, companionOutput, (ReadOnlySpan<double>)seed);
            for (int p = 0; p < parameters.Length; p++)
            {
                Assert.Equal(parameterGrads[p], parameters[p].Grad.ToArray());
            }
        }
    }

    private static double[] Values(Random random, int count, double low, double high)
        => [.. Enumerable.Range(0, count).Select(_ => (random.Next(2) == 0 ? 1 : -1) * (low + ((high - low) * random.NextDouble())))];
}
