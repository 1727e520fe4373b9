using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>The kernels compute exactly what the loops they replace compute: bit for bit, in the same order.</summary>
public sealed class KernelsTests
{
    private static readonly Gen<(double[] A, double[] B, int Start, int Count)> _ranges =
        Gen.Int[0, 70].SelectMany(length => Gen.Select(
            Gen.Double[-1e3, 1e3].Array[length],
            Gen.Double[-1e3, 1e3].Array[length],
            Gen.Int[0, Math.Max(0, length)],
            (a, b, start) => (a, b, start, length - start)));

    [Fact]
    public void DotAscending_IsTheSequentialLoop_BitForBit()
        => _ranges.Sample(r =>
        {
            double expected = 0.25;
            for (int i = 0; i < r.Count; i++)
            {
                expected = expected + (r.A[r.Start + i] * r.B[r.Start + i]);
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Kernels.DotAscending(0.25, r.A, r.Start, r.B, r.Start, r.Count)));

            float expectedFloat = 0.25f;
            float[] a = r.A.Select(v => (float)v).ToArray(), b = r.B.Select(v => (float)v).ToArray();
            for (int i = 0; i < r.Count; i++)
            {
                expectedFloat = expectedFloat + (a[r.Start + i] * b[r.Start + i]);
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(expectedFloat), BitConverter.SingleToInt32Bits(Kernels.DotAscending(0.25f, a, r.Start, b, r.Start, r.Count)));
        });

    [Fact]
    public void DotDescending_IsTheReversedLoop_BitForBit()
        => _ranges.Sample(r =>
        {
            double expected = -1.5;
            for (int i = r.Count - 1; i >= 0; i--)
            {
                expected = expected + (r.A[r.Start + i] * r.B[r.Start + i]);
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Kernels.DotDescending(-1.5, r.A, r.Start, r.B, r.Start, r.Count)));
        });

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
        Assert.Equal(7.0, Kernels.DotAscending(7.0, y, 50, y, 50, -1));
        Assert.Equal(7.0, Kernels.DotDescending(7.0, y, 50, y, 50, 0));
    }

    [Fact]
    public void RangesOutsideTheSpans_Throw_AndChangeNothing()
    {
        double[] y = [1, 2, 3];
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.AddScaled(2.0, [1.0, 1.0], 0, y, 2, 2));
        Assert.Equal([1.0, 2.0, 3.0], y);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.DotAscending(0.0, y, 1, y, 0, 3));
    }
}
