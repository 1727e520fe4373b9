namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>The one check every <see cref="GradientCase"/> goes through.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// At <paramref name="point"/>: the companion returns the method's value; its gradient matches central
    /// finite differences (or the case's exact gradient); a second call with outputGradient -0.5 adds -0.5 times
    /// the gradient into the same buffer (accumulation and seed scaling).
    /// </summary>
    public static void AtPoint(GradientCase c, double[] point)
    {
        int count = c.Differentiated < 0 ? point.Length : c.Differentiated;
        var gradient = new double[count];
        double value = c.WithGradient((double[])point.Clone(), gradient, 1);
        double expectedValue = c.Value((double[])point.Clone());
        Assert.True(
            value == expectedValue || Math.Abs(value - expectedValue) <= c.ValueTolerance * Math.Max(1, Math.Abs(expectedValue)),
            $"{c.Name}: the companion returned {value:R}, the method {expectedValue:R}");

        double[] expected;
        if (c.Expected is { } exact)
        {
            expected = exact(point);
        }
        else
        {
            Func<double[], double> f = c.Reference ?? c.Value;
            double[] data = point[count..];
            expected = FiniteDifferences.Gradient(q => f([.. q, .. data]), point[..count]);
        }

        FiniteDifferences.AssertClose(expected, gradient, c.Tolerance, $"{c.Name} gradient");

        double[] once = (double[])gradient.Clone();
        c.WithGradient((double[])point.Clone(), gradient, -0.5);
        for (int i = 0; i < count; i++)
        {
            double halved = 0.5 * once[i];
            Assert.True(
                Math.Abs(gradient[i] - halved) <= 1e-12 * Math.Max(1, Math.Abs(once[i])),
                $"{c.Name} gradient[{i}] after a second call with outputGradient -0.5: {gradient[i]:R}, expected {halved:R}");
        }
    }
}
