namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// Checks one layer function of SharpGrad.Nn.Functional: its generated gradient against central finite differences
/// (double, several random points) and its value against a plain reference loop.
/// </summary>
internal static class LayerCheck
{
    /// <summary>The layer's value, given its differentiated arguments.</summary>
    public delegate double Value(double[][] args);

    /// <summary>The companion: the value, adding the gradient of every differentiated argument into <c>grads</c>.</summary>
    public delegate double WithGradient(double[][] args, double[][] grads);

    /// <summary>
    /// At <paramref name="points"/> seeded random points with argument lengths <paramref name="lengths"/>: the
    /// companion's value equals <paramref name="value"/>'s and <paramref name="reference"/>'s, and its gradient
    /// (seeded with 1, into buffers holding 0.25 to prove accumulation) matches central differences of the reference.
    /// </summary>
    public static void Run(string name, int[] lengths, Value value, WithGradient withGradient, Value reference, int points = 5, double low = 0.1, double high = 2)
    {
        for (int seed = 0; seed < points; seed++)
        {
            var random = new Random(1000 + seed);
            double[][] args = lengths.Select(n => Enumerable.Range(0, n).Select(_ => Point(random, low, high)).ToArray()).ToArray();
            double[][] grads = lengths.Select(n => Enumerable.Repeat(0.25, n).ToArray()).ToArray();
            double expected = reference(args);
            double actual = value(args);
            Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{name} at seed {seed}: value {actual:R}, reference loop {expected:R}");
            double companion = withGradient(args, grads);
            Assert.Equal(actual, companion, 1e-12);
            for (int a = 0; a < args.Length; a++)
            {
                int index = a;
                double[] numeric = FiniteDifferences.Gradient(x => reference(args.Select((v, i) => i == index ? x : v).ToArray()), args[a]);
                FiniteDifferences.AssertClose(numeric, grads[a].Select(g => g - 0.25).ToArray(), 1e-6, $"{name} (seed {seed}) d/d(argument {a})");
            }
        }
    }

    private static double Point(Random random, double low, double high)
    {
        double magnitude = low + ((high - low) * random.NextDouble());
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }

    /// <summary>A vector layer: writes its output given its differentiated arguments.</summary>
    public delegate void Forward(double[][] args, double[] output);

    /// <summary>The vector layer's companion: writes the output and adds (d output / d argument)ᵀ · seed into <c>grads</c>.</summary>
    public delegate void Vjp(double[][] args, double[] output, double[][] grads, double[] seed);

    /// <summary>
    /// The vector-Jacobian product of a layer with <paramref name="outputLength"/> outputs at seeded random points
    /// and random seeds: the outputs equal the reference loop's, and the gradient added into the buffers equals
    /// central differences of seed · reference(args), so every row of the Jacobian is checked.
    /// </summary>
    public static void RunVector(string name, int[] lengths, int outputLength, Forward forward, Vjp vjp, Func<double[][], double[]> reference, int points = 4, double low = 0.1, double high = 2)
    {
        for (int seedIndex = 0; seedIndex < points; seedIndex++)
        {
            var random = new Random(2000 + seedIndex);
            double[][] args = lengths.Select(n => Enumerable.Range(0, n).Select(_ => Point(random, low, high)).ToArray()).ToArray();
            double[] seed = Enumerable.Range(0, outputLength).Select(_ => Point(random, 0.1, 1)).ToArray();
            double[] expected = reference(args);
            Assert.Equal(outputLength, expected.Length);
            var output = new double[outputLength];
            forward(args, output);
            FiniteDifferences.AssertClose(expected, output, 1e-12, $"{name} (seed {seedIndex}) output");
            double[][] grads = lengths.Select(n => Enumerable.Repeat(0.25, n).ToArray()).ToArray();
            var companionOutput = new double[outputLength];
            vjp(args, companionOutput, grads, seed);
            FiniteDifferences.AssertClose(output, companionOutput, 1e-12, $"{name} (seed {seedIndex}) companion's output (sums in SIMD lanes: the vectorized tolerance)");
            for (int a = 0; a < args.Length; a++)
            {
                int index = a;
                double[] numeric = FiniteDifferences.Gradient(
                    x => reference(args.Select((v, i) => i == index ? x : v).ToArray()).Zip(seed, (y, s) => y * s).Sum(),
                    args[a]);
                FiniteDifferences.AssertClose(numeric, grads[a].Select(g => g - 0.25).ToArray(), 1e-6, $"{name} (seed {seedIndex}) d/d(argument {a})");
            }
        }
    }
}
