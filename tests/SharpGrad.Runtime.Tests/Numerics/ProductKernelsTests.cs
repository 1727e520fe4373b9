using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// Kernels.MultiplyTransposed and Kernels.AddTransposedMultiply, the matrix products generated code calls for a layer's
/// loop nest: blocks that start at an offset into their spans, against the nest's loops within the rounding bound of any
/// summation order (plus one smallest subnormal per rounding); nothing touched outside the blocks; no-ops for empty
/// nests; and an error for a block that does not fit its span.
/// </summary>
public sealed class ProductKernelsTests
{
    private sealed record Case(int M, int P, int N, int RStart, int QStart, double[] R, double[] Q);

    private static readonly Gen<Case> _cases =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 9], Gen.Int[0, 40], Gen.Int[0, 3], Gen.Int[0, 3]).SelectMany(s =>
        {
            (int m, int p, int n, int rStart, int qStart) = s;
            return Gen.Select(Gen.Double[-10, 10].Array[rStart + (m * n) + 2], Gen.Double[-10, 10].Array[qStart + (p * n) + 2],
                (r, q) => new Case(m, p, n, rStart, qStart, r, q));
        });

    [Fact]
    public void MultiplyTransposed_IsEveryRowPairsDotProduct()
        => _cases.Sample(c =>
        {
            var results = new double[(c.M * c.P) + 1];
            results[^1] = 7;
            Kernels.MultiplyTransposed(c.R, c.RStart, c.Q, c.QStart, c.N, c.M, c.P, results);
            var resultsF = new float[(c.M * c.P) + 1];
            resultsF[^1] = 7;
            Kernels.MultiplyTransposed(Single(c.R), c.RStart, Single(c.Q), c.QStart, c.N, c.M, c.P, resultsF);
            Assert.Equal(7, results[^1]);
            Assert.Equal(7, resultsF[^1]);
            for (int i = 0; i < c.M; i++)
            {
                for (int k = 0; k < c.P; k++)
                {
                    double exact = 0, magnitude = 0, exactF = 0, magnitudeF = 0;
                    for (int j = 0; j < c.N; j++)
                    {
                        double term = c.R[c.RStart + (i * c.N) + j] * c.Q[c.QStart + (k * c.N) + j];
                        exact += term;
                        magnitude += Math.Abs(term);
                        double termF = (double)(float)c.R[c.RStart + (i * c.N) + j] * (float)c.Q[c.QStart + (k * c.N) + j];
                        exactF += termF;
                        magnitudeF += Math.Abs(termF);
                    }

                    Assert.True(Math.Abs(results[(i * c.P) + k] - exact) <= (c.N + 2) * ((1.2e-16 * magnitude) + double.Epsilon), $"[{i}, {k}] of {c.M}x{c.P}, n {c.N}");
                    Assert.True(Math.Abs(resultsF[(i * c.P) + k] - exactF) <= (c.N + 2) * ((6e-8 * magnitudeF) + float.Epsilon), $"float [{i}, {k}] of {c.M}x{c.P}, n {c.N}");
                }
            }
        });

    [Fact]
    public void AddTransposedMultiply_AddsIntoTheBlockOnly()
        => _cases.Sample(c =>
        {
            // D is M x P (from R's values), X the M x N block of Q at QStart, Y a P x N block at offset 1 of a longer span.
            double[] d = [.. c.R.Take(c.M * c.P).Concat(Enumerable.Repeat(0.5, Math.Max(0, (c.M * c.P) - c.R.Length)))];
            if (c.Q.Length < c.QStart + (c.M * c.N))
            {
                return;
            }

            double[] y = [.. Enumerable.Range(0, (c.P * c.N) + 2).Select(v => 0.25 * v)];
            double[] before = (double[])y.Clone();
            Kernels.AddTransposedMultiply(d, c.Q, c.QStart, y, 1, c.N, c.M, c.P);
            float[] yf = Single(before);
            Kernels.AddTransposedMultiply(Single(d), Single(c.Q), c.QStart, yf, 1, c.N, c.M, c.P);
            Assert.Equal(before[0], y[0]);
            Assert.Equal(before[^1], y[^1]);
            Assert.Equal((float)before[^1], yf[^1]);
            for (int k = 0; k < c.P; k++)
            {
                for (int j = 0; j < c.N; j++)
                {
                    int at = 1 + (k * c.N) + j;
                    double exact = before[at], magnitude = Math.Abs(before[at]), exactF = before[at], magnitudeF = Math.Abs(before[at]);
                    for (int i = 0; i < c.M; i++)
                    {
                        double term = d[(i * c.P) + k] * c.Q[c.QStart + (i * c.N) + j];
                        exact += term;
                        magnitude += Math.Abs(term);
                        double termF = (double)(float)d[(i * c.P) + k] * (float)c.Q[c.QStart + (i * c.N) + j];
                        exactF += termF;
                        magnitudeF += Math.Abs(termF);
                    }

                    Assert.True(Math.Abs(y[at] - exact) <= (c.M + 2) * ((1.2e-16 * magnitude) + double.Epsilon), $"[{k}, {j}] of {c.P}x{c.N}, m {c.M}");
                    Assert.True(Math.Abs(yf[at] - exactF) <= (c.M + 2) * ((6e-8 * magnitudeF) + float.Epsilon), $"float [{k}, {j}] of {c.P}x{c.N}, m {c.M}");
                }
            }
        });

    [Theory]
    [InlineData(0, 3, 4)]
    [InlineData(2, 0, 4)]
    [InlineData(-1, 3, 4)]
    [InlineData(2, -5, 4)]
    public void EmptyNests_TouchNothing(int m, int p, int n)
    {
        var results = new double[] { 3, 3 };
        Kernels.MultiplyTransposed(new double[8], 0, new double[12], 0, n, m, p, results);
        Assert.Equal([3, 3], results);
        var y = new float[] { 3, 3 };
        Kernels.AddTransposedMultiply(new float[6], new float[8], 0, y, 0, n, m, p);
        Assert.Equal([3f, 3f], y);
    }

    [Fact]
    public void BlocksOutsideTheirSpans_AreErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.MultiplyTransposed(new double[5], 0, new double[6], 0, 3, 2, 2, new double[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.MultiplyTransposed(new float[6], 1, new float[6], 0, 3, 2, 2, new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddTransposedMultiply(new double[4], new double[6], 0, new double[5], 0, 3, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddTransposedMultiply(new float[4], new float[6], 1, new float[6], 0, 3, 2, 2));
    }

    private static float[] Single(double[] values) => [.. values.Select(v => (float)v)];
}
