using Xunit.Sdk;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>The comparison the reference data asks for: |x - ref| &lt;= tol * max(1, |ref|).</summary>
internal static class Tolerance
{
    public const double Double = 1e-12;
    public const double LearningRate = 1e-15;

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string context)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{context}: expected {expected.Length} values, got {actual.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], tolerance, $"{context}[{i}]");
        }
    }

    public static void AssertClose(double expected, double actual, double tolerance, string context)
    {
        double error = Math.Abs(actual - expected);
        if (!(error <= tolerance * Math.Max(1, Math.Abs(expected))))
        {
            throw new XunitException($"{context}: expected {expected:R}, got {actual:R} (difference {error:E3}, allowed {tolerance:E0} x max(1, |expected|)).");
        }
    }
}
