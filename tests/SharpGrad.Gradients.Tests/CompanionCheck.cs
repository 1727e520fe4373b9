namespace SharpGrad.Gradients.Tests;

/// <summary>One companion against its method at one point: the same value, and the gradient within 1e-7 of central differences.</summary>
internal static class CompanionCheck
{
    public static void AgainstFiniteDifferences(double[] at, Func<double[], double> function, Func<double[], double[], double> withGradient)
    {
        var gradient = new double[at.Length];
        double value = withGradient(at, gradient);
        Assert.Equal(function(at), value, 12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(function, at), gradient, 1e-7);
    }

    /// <summary>n values in [-1, 1] with three decimals, so failures print short.</summary>
    public static double[] Draw(Random random, int n) => Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
}
