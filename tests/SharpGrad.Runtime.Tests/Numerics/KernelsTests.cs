using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>AddScaled computes exactly what its loop computes, bit for bit; Dot, which sums in SIMD lanes, the same sum within the rounding of any summation order.</summary>
public sealed class KernelsTests
{
    private static readonly Gen<(double[] A, double[] B, int Start, int Count)> _ranges =
        Gen.Int[0, 70].SelectMany(length => Gen.Select(
            Gen.Double[-1e3, 1e3].Array[length],
            Gen.Double[-1e3, 1e3].Array[length],
            Gen.Int[0, Math.Max(0, length)],
            (a, b, start) => (a, b, start, length - start)));

    [Fact]
    public void Dot_IsTheLoopsSum_WithinRoundingOfTheSumOfMagnitudes_AtEveryLengthAndOffset()
        => _ranges.Sample(r =>
        {
            // The bound of any summation order: a few units of rounding of the sum of |a b|, around a reference summed with
            // error-free transformations (TwoProduct by FMA, TwoSum), accurate to about one rounding of the result.
            double sum = 0.25, error = 0, magnitude = 0.25;
            for (int i = 0; i < r.Count; i++)
            {
                double product = r.A[r.Start + i] * r.B[r.Start + i];
                double productError = Math.FusedMultiplyAdd(r.A[r.Start + i], r.B[r.Start + i], -product);
                double next = sum + product;
                double z = next - sum;
                error += (sum - (next - z)) + (product - z) + productError;
                sum = next;
                magnitude += Math.Abs(product);
            }

            double exact = sum + error;
            double actual = Kernels.Dot(0.25, r.A, r.Start, r.B, r.Start, r.Count);
            Assert.True(Math.Abs(exact - actual) <= (r.Count + 2) * 1.2e-16 * magnitude, $"count {r.Count}: {actual:R} against {exact:R}");

            float[] a = r.A.Select(v => (float)v).ToArray(), b = r.B.Select(v => (float)v).ToArray();
            double exactFloat = 0.25, magnitudeFloat = 0.25;
            for (int i = 0; i < r.Count; i++)
            {
                exactFloat += (double)a[r.Start + i] * b[r.Start + i];
                magnitudeFloat += Math.Abs((double)a[r.Start + i] * b[r.Start + i]);
            }

            float actualFloat = Kernels.Dot(0.25f, a, r.Start, b, r.Start, r.Count);
            Assert.True(Math.Abs(exactFloat - actualFloat) <= (r.Count + 2) * 6.0e-8 * magnitudeFloat, $"count {r.Count}: {actualFloat:R} against {exactFloat:R}");
        });

    [Fact]
    public void Dot_OfOneTerm_IsExact_AndAddsTheAccumulatorLast()
    {
        Assert.Equal(7.0 + (3.0 * 0.5), Kernels.Dot(7.0, [9.0, 3.0], 1, [0.5], 0, 1));
        Assert.Equal(-2f + (1.5f * 4f), Kernels.Dot(-2f, [1.5f], 0, [4f], 0, 1));
    }

    [Fact]
    public void AddScaled_IsTheElementLoop_BitForBit_AtEveryLengthAndOffset()
        => _ranges.Sample(r =>
        {
            double[] expected = (double[])r.B.Clone();
            double[] actual = (double[])r.B.Clone();
            for (int i = 0; i < r.Count; i++)
            {
                expected[r.Start + i] += 0.37 * r.A[i];
            }

            Kernels.AddScaled(0.37, r.A, 0, actual, r.Start, r.Count);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

            float[] a = r.A.Select(v => (float)v).ToArray();
            float[] expectedFloat = r.B.Select(v => (float)v).ToArray();
            float[] actualFloat = (float[])expectedFloat.Clone();
            for (int i = 0; i < r.Count; i++)
            {
                expectedFloat[r.Start + i] += -3.1f * a[i];
            }

            Kernels.AddScaled(-3.1f, a, 0, actualFloat, r.Start, r.Count);
            Assert.Equal(expectedFloat.Select(BitConverter.SingleToInt32Bits), actualFloat.Select(BitConverter.SingleToInt32Bits));
        });

    [Fact]
    public void EmptyOrNegativeCounts_TouchNothing_EvenWithOffsetsOutside()
    {
        double[] y = [1, 2];
        Kernels.AddScaled(2.0, [3.0], 99, y, -5, 0);
        Kernels.AddScaled(2.0, [3.0], 99, y, -5, -3);
        Assert.Equal([1.0, 2.0], y);
        Assert.Equal(7.0, Kernels.Dot(7.0, y, 50, y, 50, -1));
        Assert.Equal(7.0, Kernels.Dot(7.0, y, 50, y, 50, 0));
    }

    [Fact]
    public void RangesOutsideTheSpans_Throw_AndChangeNothing()
    {
        double[] y = [1, 2, 3];
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddScaled(2.0, [1.0, 1.0], 0, y, 2, 2));
        Assert.Equal([1.0, 2.0, 3.0], y);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.Dot(0.0, y, 1, y, 0, 3));
    }
}
