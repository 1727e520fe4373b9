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
}
