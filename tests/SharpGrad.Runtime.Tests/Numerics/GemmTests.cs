using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>The blocked matrix products against plain triple loops, at sizes that exercise every block and remainder path.</summary>
public sealed class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 4, 4, 16 }, { 5, 9, 33 }, { 8, 12, 64 }, { 13, 10, 100 }, { 64, 128, 784 }, { 2, 3, 0 }, { 0, 4, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposed_IsXTimesWTransposedPlusBias(int m, int p, int n)
    {
        double[] a = Values(m * n, 1), b = Values(p * n, 2), bias = Values(p, 3);
        var c = Values(m * p, 4); // overwritten
        Gemm.MultiplyTransposed<double>(a, b, bias, c, m, p, n);
        var expected = new double[m * p];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < p; k++)
            {
                double sum = bias[k];
                for (int j = 0; j < n; j++)
                {
                    sum += a[(i * n) + j] * b[(k * n) + j];
                }

                expected[(i * p) + k] = sum;
            }
        }

        AssertClose(expected, c, 1e-12);
        var noBias = new double[m * p];
        Gemm.MultiplyTransposed<double>(a, b, [], noBias, m, p, n);
        AssertClose([.. expected.Select((v, i) => v - bias[i % Math.Max(p, 1)])], noBias, 1e-12);
        float[] af = [.. a.Select(v => (float)v)], bf = [.. b.Select(v => (float)v)], biasf = [.. bias.Select(v => (float)v)];
        var cf = new float[m * p];
        Gemm.MultiplyTransposed<float>(af, bf, biasf, cf, m, p, n);
        AssertClose(expected, [.. cf.Select(v => (double)v)], 1e-4);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddTransposedMultiply_AddsDTransposedTimesX(int m, int p, int n)
    {
        double[] d = Values(m * p, 5), x = Values(m * n, 6), c = Values(p * n, 7);
        double[] expected = [.. c];
        for (int k = 0; k < p; k++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    expected[(k * n) + j] += d[(i * p) + k] * x[(i * n) + j];
                }
            }
        }

        Gemm.AddTransposedMultiply<double>(d, x, c, m, p, n);
        AssertClose(expected, c, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddMultiply_AddsDTimesW(int m, int q, int h)
    {
        double[] d = Values(m * q, 8), w = Values(q * h, 9), e = Values(m * h, 10);
        double[] expected = [.. e];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < h; k++)
            {
                for (int c = 0; c < q; c++)
                {
                    expected[(i * h) + k] += d[(i * q) + c] * w[(c * h) + k];
                }
            }
        }

        Gemm.AddMultiply<double>(d, w, e, m, q, h);
        AssertClose(expected, e, 1e-12);
        var sums = Values(q, 11);
        double[] expectedSums = [.. sums.Select((s, k) => s + Enumerable.Range(0, m).Sum(i => d[(i * q) + k]))];
        Gemm.AddColumnSums<double>(d, sums, m, q);
        AssertClose(expectedSums, sums, 1e-12);
    }

    [Fact]
    public void A_buffer_of_the_wrong_length_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.AddMultiply<float>(new float[6], new float[6], new float[5], 2, 3, 2));
        Assert.Equal("e", error.ParamName);
        Assert.Contains("'e' has 5 values, expected 4", error.Message, StringComparison.Ordinal);
    }

    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1)];
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
