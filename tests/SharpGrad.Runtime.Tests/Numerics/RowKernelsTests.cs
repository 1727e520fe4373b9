using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// DotRows and AddScaledRows against their loops, summed exactly enough in double, within the rounding bound of any
/// summation order: every row count (groups of four and the rest), every length around the vector widths (whole
/// vectors, the overlapping last vector, lengths below one vector), strides wider than a row, offsets, and values the
/// masked lanes must not leak (infinities just outside the row). The bound is that of any summation order, plus one
/// smallest subnormal per rounding (products of tiny values round in absolute, not relative, terms).
/// </summary>
public sealed class RowKernelsTests
{
    private sealed record Case(int Rows, int Count, int Stride, int XStart, double[] X, double[] W, double Acc);

    private static readonly Gen<Case> _cases =
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, 70], Gen.Int[0, 5], Gen.Int[0, 3]).SelectMany(s =>
        {
            (int rows, int count, int gap, int start) = s;
            int stride = count + gap;
            int length = start + (rows == 0 ? 0 : ((rows - 1) * stride) + count) + 3;
            return Gen.Select(Gen.Double[-100, 100].Array[length], Gen.Double[-100, 100].Array[Math.Max(count, 1) + 2], Gen.Double[-10, 10],
                (x, w, acc) => new Case(rows, count, stride, start, x, w, acc));
        });

    [Fact]
    public void DotRows_IsEachRowsDotProduct_WithinRounding()
        => _cases.Sample(c =>
        {
            var results = new double[c.Rows + 2];
            Kernels.DotRows(c.Acc, c.W, 1, c.X, c.XStart, c.Stride, c.Count, results, 1, c.Rows);
            float[] xf = c.X.Select(v => (float)v).ToArray(), wf = c.W.Select(v => (float)v).ToArray();
            var resultsF = new float[c.Rows + 2];
            Kernels.DotRows((float)c.Acc, wf, 1, xf, c.XStart, c.Stride, c.Count, resultsF, 1, c.Rows);
            Assert.Equal(0, results[0]);
            Assert.Equal(0, results[c.Rows + 1]);
            Assert.Equal(0, resultsF[c.Rows + 1]);
            for (int r = 0; r < c.Rows; r++)
            {
                (double exact, double magnitude) = RowDot(c.Acc, c.W, c.X, c.XStart + (r * c.Stride), c.Count);
                Assert.True(Math.Abs(results[1 + r] - exact) <= (c.Count + 2) * ((1.2e-16 * magnitude) + double.Epsilon), $"row {r} of {c.Rows}, count {c.Count}: {results[1 + r]:R} against {exact:R}");
                (double exactF, double magnitudeF) = RowDot((float)c.Acc, wf.Select(v => (double)v).ToArray(), xf.Select(v => (double)v).ToArray(), c.XStart + (r * c.Stride), c.Count);
                Assert.True(Math.Abs(resultsF[1 + r] - exactF) <= (c.Count + 2) * ((6e-8 * magnitudeF) + float.Epsilon), $"float row {r} of {c.Rows}, count {c.Count}: {resultsF[1 + r]:R} against {exactF:R}");
            }
        });

    [Fact]
    public void AddScaledRows_AddsEachRowScaled_WithinRounding_AndTouchesNothingElse()
        => _cases.Sample(c =>
        {
            double[] scales = c.W.Take(c.Rows).Concat(Enumerable.Repeat(0.5, Math.Max(0, c.Rows - c.W.Length))).ToArray();
            var y = Enumerable.Range(0, c.Count + 4).Select(k => 0.125 * k).ToArray();
            double[] before = (double[])y.Clone();
            Kernels.AddScaledRows(scales, 0, c.X, c.XStart, c.Stride, y, 2, c.Count, c.Rows);
            float[] yf = before.Select(v => (float)v).ToArray();
            Kernels.AddScaledRows(scales.Select(v => (float)v).ToArray(), 0, c.X.Select(v => (float)v).ToArray(), c.XStart, c.Stride, yf, 2, c.Count, c.Rows);
            for (int k = 0; k < y.Length; k++)
            {
                if (k < 2 || k >= 2 + c.Count)
                {
                    Assert.Equal(before[k], y[k]);
                    Assert.Equal((float)before[k], yf[k]);
                    continue;
                }

                int j = k - 2;
                double exact = before[k], magnitude = Math.Abs(before[k]), exactF = (float)before[k], magnitudeF = Math.Abs(exactF);
                for (int r = 0; r < c.Rows; r++)
                {
                    double term = scales[r] * c.X[c.XStart + (r * c.Stride) + j];
                    exact += term;
                    magnitude += Math.Abs(term);
                    double termF = (double)(float)scales[r] * (float)c.X[c.XStart + (r * c.Stride) + j];
                    exactF += termF;
                    magnitudeF += Math.Abs(termF);
                }

                Assert.True(Math.Abs(y[k] - exact) <= (c.Rows + 2) * ((1.2e-16 * magnitude) + double.Epsilon), $"element {j} of {c.Count}, {c.Rows} rows: {y[k]:R} against {exact:R}");
                Assert.True(Math.Abs(yf[k] - exactF) <= (c.Rows + 2) * ((6e-8 * magnitudeF) + float.Epsilon), $"float element {j} of {c.Count}, {c.Rows} rows: {yf[k]:R} against {exactF:R}");
            }
        });

    [Fact]
    public void MaskedLanes_DoNotLeakValuesOutsideTheRows()
    {
        // Rows of 19 floats 20 apart: between them and around them, infinities and NaN, which no result may see.
        const int count = 19, stride = 20, rows = 5;
        float[] x = Enumerable.Repeat(float.NaN, (rows * stride) + 8).ToArray();
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < count; j++)
            {
                x[4 + (r * stride) + j] = j + r;
            }

            x[4 + (r * stride) + count] = float.PositiveInfinity;
        }

        float[] w = Enumerable.Range(0, count).Select(j => 1f / (j + 1)).ToArray();
        var results = new float[rows];
        Kernels.DotRows(0f, w, 0, x, 4, stride, count, results, 0, rows);
        var y = new float[count];
        Kernels.AddScaledRows(Enumerable.Repeat(1f, rows).ToArray(), 0, x, 4, stride, y, 0, count, rows);
        for (int r = 0; r < rows; r++)
        {
            Assert.True(float.IsFinite(results[r]), $"row {r}: {results[r]}");
        }

        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(Enumerable.Range(0, count).Select(j => (float)((rows * j) + 10)), y);
    }

    [Fact]
    public void RangesOutsideTheSpans_AreErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.DotRows(0f, new float[4], 0, new float[10], 0, 4, 4, new float[3], 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.DotRows(0d, new double[4], 0, new double[12], 0, 4, 4, new double[2], 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddScaledRows(new float[3], 0, new float[12], 0, 4, new float[3], 0, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddScaledRows(new double[3], 0, new double[12], 0, -4, new double[4], 0, 4, 3));
    }

    /// <summary>acc + Σ w[1 + j] x[start + j], summed with error-free transformations, and the sum of the magnitudes.</summary>
    private static (double Exact, double Magnitude) RowDot(double acc, double[] w, double[] x, int start, int count)
    {
        double sum = acc, error = 0, magnitude = Math.Abs(acc);
        for (int j = 0; j < count; j++)
        {
            double product = w[1 + j] * x[start + j];
            double productError = Math.FusedMultiplyAdd(w[1 + j], x[start + j], -product);
            double next = sum + product;
            double z = next - sum;
            error += (sum - (next - z)) + (product - z) + productError;
            sum = next;
            magnitude += Math.Abs(product);
        }

        return (sum + error, magnitude);
    }
}
