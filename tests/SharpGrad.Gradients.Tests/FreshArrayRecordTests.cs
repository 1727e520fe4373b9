using SharpGrad.Nn;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Calls that overwrite an output: a freshly allocated output holds zeros, so its previous contents are not recorded
/// (the reverse clears it instead); an output written before the call is recorded and restored as before. Both
/// against central differences. GeneratedCodeTests.FreshArrayRecords_* checks which records the generated code keeps.
/// </summary>
public sealed class FreshArrayRecordTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(40)]
    public void FreshAndOverwrittenOutputs_MatchFiniteDifferences(int n)
    {
        var random = new Random(n);
        for (int point = 0; point < 3; point++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 3)).Select(v => Math.Abs(v) < 0.01 ? 0.5 : v).ToArray();
            var gradient = new double[n];
            double value = FreshArrayRecordMethods.LayersWithGradient(x, gradient);
            Assert.Equal(FreshArrayRecordMethods.Layers(x), value, 12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => FreshArrayRecordMethods.Layers(q), x), gradient, 1e-7);
        }
    }
}

public static partial class FreshArrayRecordMethods
{
    /// <summary><c>h</c> is fresh for the first Relu (not recorded) and read by Tanh before the second Relu overwrites it (recorded).</summary>
    [Differentiable]
    public static double Layers(ReadOnlySpan<double> x)
    {
        double[] h = new double[x.Length];
        Functional.Relu(x, h);
        double[] g = new double[x.Length];
        Functional.Tanh(h, g);
        Functional.Relu(g, h);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (h[i] + x[i]) * g[i];
        }

        return sum;
    }
}
