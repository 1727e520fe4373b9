using System.Runtime.Intrinsics;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// VectorMath's stated accuracy (ReLU's exactness), lane by lane in both widths, against <c>Math.Exp</c>/<c>Math.Tanh</c> (in double for the
/// float functions, then rounded once): a dense sweep of a wide range plus the edge values (±0, ±inf, NaN, the overflow
/// and underflow thresholds, subnormal results).
/// </summary>
public sealed class VectorMathTests
{
    private const int Points = 400_000;

    [Fact]
    public void ExpFloat_IsWithin2UlpOfMathExp_AndSubnormalResultsWithin2Epsilon()
        => CheckFloat(Sweep(-110, 110, FloatEdges), VectorMath.Exp, VectorMath.Exp, x => (float)Math.Exp(x), maxUlp: 2);

    [Fact]
    public void ExpDouble_IsWithin2UlpOfMathExp_AndSubnormalResultsWithin2Epsilon()
        => CheckDouble(Sweep(-760, 760, DoubleEdges), VectorMath.Exp, VectorMath.Exp, Math.Exp, maxUlp: 2);

    [Fact]
    public void TanhFloat_IsWithin2UlpOfMathTanh()
        => CheckFloat(Sweep(-20, 20, FloatEdges).Concat(Sweep(-1, 1, [])).Concat(Positive(-103, 3)).Concat(Positive(-103, 3).Select(v => -v)),
            VectorMath.Tanh, VectorMath.Tanh, x => (float)Math.Tanh(x), maxUlp: 2);

    [Fact]
    public void TanhDouble_IsWithin3UlpOfMathTanh()
        => CheckDouble(Sweep(-40, 40, DoubleEdges).Concat(Sweep(-1, 1, [])), VectorMath.Tanh, VectorMath.Tanh, Math.Tanh, maxUlp: 3);

    [Fact]
    public void SigmoidFloat_IsWithin4Ulp()
        => CheckFloat(Sweep(-100, 100, FloatEdges), VectorMath.Sigmoid, VectorMath.Sigmoid, x => (float)Logistic(x), maxUlp: 4);

    [Fact]
    public void SigmoidDouble_IsWithin4Ulp()
        => CheckDouble(Sweep(-740, 740, DoubleEdges), VectorMath.Sigmoid, VectorMath.Sigmoid, Logistic, maxUlp: 4);

    [Fact]
    public void LogFloat_IsWithin2UlpOfMathLog()
        => CheckFloat(Positive(-103, 88.7).Concat(Sweep(0.25, 4, [])).Concat(LogEdges), VectorMath.Log, VectorMath.Log, x => (float)Math.Log(x), maxUlp: 2);

    [Fact]
    public void LogDouble_IsWithin3UlpOfMathLog()
        => CheckDouble(Positive(-744, 709.7).Concat(Sweep(0.25, 4, [])).Concat(LogEdges), VectorMath.Log, VectorMath.Log, Math.Log, maxUlp: 3);

    [Fact]
    public void ScalingWithoutAvx512_RoundsOnce_LikeScaleB()
    {
        // The path machines without vscalef take (this one may have it): p 2^n as two normal factors, exact but for one
        // rounding, so subnormal and overflowing results are as Math.ScaleB's correctly rounded ones.
        foreach (double p in new[] { 0.70710677, 0.9999999, 1, 1.0000001, 1.1892071, 1.4142135 })
        {
            for (int n = -152; n <= 129; n++)
            {
                Assert.Equal((float)Math.ScaleB((float)p, n), VectorMath.ScaleByPowerOfTwo(Vector512.Create((float)p), Vector512.Create((float)n)).ToScalar());
                Assert.Equal((float)Math.ScaleB((float)p, n), VectorMath.ScaleByPowerOfTwo(Vector256.Create((float)p), Vector256.Create((float)n)).ToScalar());
            }

            for (int n = -1078; n <= 1025; n++)
            {
                Assert.Equal(Math.ScaleB(p, n), VectorMath.ScaleByPowerOfTwo(Vector512.Create(p), Vector512.Create((double)n)).ToScalar());
                Assert.Equal(Math.ScaleB(p, n), VectorMath.ScaleByPowerOfTwo(Vector256.Create(p), Vector256.Create((double)n)).ToScalar());
            }
        }
    }

    [Fact]
    public void Relu_IsFunctionsRelu_BitForBit_InEveryLane()
    {
        // -0 and every negative input give +0, NaN stays NaN, subnormals pass: the scalar x <= 0 ? 0 : x exactly.
        double[] inputs = [.. DoubleEdges, -1e-310, 1e-310, .. FloatEdges, .. Sweep(-3, 3, [])];
        foreach (double[] chunk in inputs.Chunk(16).Where(c => c.Length == 16))
        {
            float[] singles = chunk.Select(v => (float)v).ToArray();
            float[] wide = new float[16], narrow = new float[16];
            VectorMath.Relu(Vector512.Create(singles)).CopyTo(wide);
            VectorMath.Relu(Vector256.Create(singles.AsSpan(0, 8))).CopyTo(narrow);
            VectorMath.Relu(Vector256.Create(singles.AsSpan(8, 8))).CopyTo(narrow.AsSpan(8));
            double[] wideD = new double[16], narrowD = new double[16];
            VectorMath.Relu(Vector512.Create(chunk.AsSpan(0, 8))).CopyTo(wideD);
            VectorMath.Relu(Vector512.Create(chunk.AsSpan(8, 8))).CopyTo(wideD.AsSpan(8));
            for (int q = 0; q < 16; q += 4)
            {
                VectorMath.Relu(Vector256.Create(chunk.AsSpan(q, 4))).CopyTo(narrowD.AsSpan(q));
            }

            for (int i = 0; i < 16; i++)
            {
                int expected = BitConverter.SingleToInt32Bits(Functions.Relu(singles[i]));
                Assert.True(expected == BitConverter.SingleToInt32Bits(wide[i]) && expected == BitConverter.SingleToInt32Bits(narrow[i]), $"float relu({singles[i]:R}): {wide[i]:R} / {narrow[i]:R}");
                long expectedD = BitConverter.DoubleToInt64Bits(Functions.Relu(chunk[i]));
                Assert.True(expectedD == BitConverter.DoubleToInt64Bits(wideD[i]) && expectedD == BitConverter.DoubleToInt64Bits(narrowD[i]), $"double relu({chunk[i]:R}): {wideD[i]:R} / {narrowD[i]:R}");
            }
        }
    }

    [Fact]
    public void EdgeValues_AreExact()
    {
        Assert.Equal(float.PositiveInfinity, VectorMath.Exp(Vector256.Create(float.PositiveInfinity)).ToScalar());
        Assert.Equal(0f, VectorMath.Exp(Vector512.Create(float.NegativeInfinity)).ToScalar());
        Assert.True(float.IsNaN(VectorMath.Exp(Vector512.Create(float.NaN)).ToScalar()));
        Assert.Equal(1d, VectorMath.Exp(Vector512.Create(-0d)).ToScalar());
        Assert.Equal(double.PositiveInfinity, VectorMath.Exp(Vector512.Create(710d)).ToScalar());
        Assert.True(double.IsNegative(VectorMath.Tanh(Vector512.Create(-0d)).ToScalar()));
        Assert.True(float.IsNegative(VectorMath.Tanh(Vector256.Create(-0f)).ToScalar()));
        Assert.Equal(-1f, VectorMath.Tanh(Vector512.Create(float.NegativeInfinity)).ToScalar());
        Assert.Equal(1d, VectorMath.Tanh(Vector256.Create(1e300)).ToScalar());
        Assert.True(double.IsNaN(VectorMath.Tanh(Vector256.Create(double.NaN)).ToScalar()));
        Assert.Equal(float.Epsilon, VectorMath.Tanh(Vector512.Create(float.Epsilon)).ToScalar());
    }

    /// <summary>The logistic function in double without overflow: e^x / (1 + e^x) below 0.</summary>
    private static double Logistic(double x) => x < 0 ? Math.Exp(x) / (1 + Math.Exp(x)) : 1 / (1 + Math.Exp(-x));

    private static readonly double[] FloatEdges =
    [
        0, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 88.72283, 88.72284, 89, 1e10, -1e10,
        -87.33654, -87.33655, -100, -103.2789, -103.9720, -104, -104.5, 1e-45, -1e-45, 1e-38, 0.55, -0.55, 0.5499999,
    ];

    private static readonly double[] DoubleEdges =
    [
        0, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 709.782712893384, 709.7827128933841, 710,
        1e300, -1e300, -708.3964185322641, -708.4, -720, -744.44, -745.1332191019411, -745.2, -746, -800, 5e-324,
        -5e-324, 2.2250738585072014e-308, 0.55, -0.55, 0.5499999999999999,
    ];

    private static readonly double[] LogEdges =
    [
        0, -0d, -1, -1e-30, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1, 1e-45, 1.4e-45, 1e-38, 5e-324,
        2.2250738585072014e-308, 3.4028235e38, double.MaxValue, 0.9999999, 1.0000001, 0.9999999999999999, 1.0000000000000002,
    ];

    /// <summary>e^u for u evenly spaced over [low, high] with a seeded jitter: positive values over the whole exponent range.</summary>
    private static IEnumerable<double> Positive(double low, double high) => Sweep(low, high, []).Select(Math.Exp);

    /// <summary>Evenly spaced points over [low, high] with a seeded jitter, then the edges.</summary>
    private static IEnumerable<double> Sweep(double low, double high, double[] edges)
    {
        var random = new Random(1234);
        for (int k = 0; k < Points; k++)
        {
            yield return low + ((high - low) * (k + random.NextDouble()) / Points);
        }

        foreach (double edge in edges)
        {
            yield return edge;
        }
    }

    private static void CheckFloat(IEnumerable<double> inputs, Func<Vector256<float>, Vector256<float>> f256, Func<Vector512<float>, Vector512<float>> f512, Func<double, float> reference, int maxUlp)
    {
        float[] x = inputs.Select(v => (float)v).ToArray();
        float[] y256 = new float[x.Length], y512 = new float[x.Length];
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            f256(Vector256.Create(x, i)).CopyTo(y256, i);
            f256(Vector256.Create(x, i + 8)).CopyTo(y256, i + 8);
            f512(Vector512.Create(x, i)).CopyTo(y512, i);
        }

        for (; i < x.Length; i++)
        {
            y256[i] = f256(Vector256.Create(x[i])).ToScalar();
            y512[i] = f512(Vector512.Create(x[i])).ToScalar();
        }

        for (int k = 0; k < x.Length; k++)
        {
            float expected = reference(x[k]);
            foreach (float actual in new[] { y256[k], y512[k] })
            {
                if (float.IsNaN(expected) || float.IsInfinity(expected))
                {
                    Assert.True(expected.Equals(actual), $"f({x[k]:R}) = {actual:R}, expected {expected:R}");
                    continue;
                }

                bool subnormal = MathF.Abs(expected) < 1.17549435e-38f;
                long ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(actual) - BitConverter.SingleToInt32Bits(expected));
                Assert.True(ulps <= (subnormal ? 2 : maxUlp), $"f({x[k]:R}) = {actual:R}, expected {expected:R}: {ulps} ulp");
            }
        }
    }

    private static void CheckDouble(IEnumerable<double> inputs, Func<Vector256<double>, Vector256<double>> f256, Func<Vector512<double>, Vector512<double>> f512, Func<double, double> reference, int maxUlp)
    {
        double[] x = inputs.ToArray();
        double[] y256 = new double[x.Length], y512 = new double[x.Length];
        int i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            f256(Vector256.Create(x, i)).CopyTo(y256, i);
            f256(Vector256.Create(x, i + 4)).CopyTo(y256, i + 4);
            f512(Vector512.Create(x, i)).CopyTo(y512, i);
        }

        for (; i < x.Length; i++)
        {
            y256[i] = f256(Vector256.Create(x[i])).ToScalar();
            y512[i] = f512(Vector512.Create(x[i])).ToScalar();
        }

        for (int k = 0; k < x.Length; k++)
        {
            double expected = reference(x[k]);
            foreach (double actual in new[] { y256[k], y512[k] })
            {
                if (double.IsNaN(expected) || double.IsInfinity(expected))
                {
                    Assert.True(expected.Equals(actual), $"f({x[k]:R}) = {actual:R}, expected {expected:R}");
                    continue;
                }

                bool subnormal = Math.Abs(expected) < 2.2250738585072014e-308;
                long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(actual) - BitConverter.DoubleToInt64Bits(expected));
                Assert.True(ulps <= (subnormal ? 2 : maxUlp), $"f({x[k]:R}) = {actual:R}, expected {expected:R}: {ulps} ulp");
            }
        }
    }
}
