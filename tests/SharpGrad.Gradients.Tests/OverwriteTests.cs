using CsCheck;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// The companions' <c>accumulate: false</c> overload: buffers holding anything end as the gradient, exactly as the
/// accumulating companion leaves buffers that start at zero, and the value is the same. Covers the buffer the first
/// loop overwrites (FirstWriteOverwrite) and each shape in which the buffers must be cleared on entry instead: a buffer
/// touched before that loop, a loop that skips an element, two buffers in one loop, a scalar gradient, a loop that may
/// stop early, and an output's seed. GeneratedCodeTests.Overwrite_* checks which of them clear.
/// </summary>
public sealed class OverwriteTests
{
    private delegate double Companion(double[] x, double[] gradient, bool accumulate);

    public static TheoryData<string> Methods => new() { "Overwritten", "TouchedBefore", "SkipsFirst", "TwoBuffers", "WithScalar", "StopsEarly", "Output", "SquaredSum" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Overwrite_EqualsAccumulatingIntoZeros(string method)
    {
        (Func<double[], double> function, Companion companion) = Method(method);
        // 36 inputs: two vectors of doubles per main-loop step and a scalar tail, and an even split for TwoBuffers.
        Gen.Select(FiniteDifferences.Points(36), Gen.Double[-1e3, 1e3].Array[36]).Sample(
            (p, garbage) =>
            {
                var accumulated = new double[p.Length];
                double value = companion(p, accumulated, accumulate: true);
                double overwrittenValue = companion(p, garbage, accumulate: false);
                Assert.Equal(value, overwrittenValue);
                Assert.Equal(accumulated, garbage);
                Assert.Equal(function(p), value, 10);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(function, p), accumulated, 1e-6);
            },
            iter: 5);
    }

    [Fact]
    public void Overwrite_Float_EqualsAccumulatingIntoZeros()
    {
        Gen.Select(Gen.Float[-2f, 2f].Array[37], Gen.Float[-1e3f, 1e3f].Array[37]).Sample(
            (x, garbage) =>
            {
                var accumulated = new float[x.Length];
                float value = OverwriteMethods.OverwrittenFloatWithGradient(x, accumulated);
                float overwrittenValue = OverwriteMethods.OverwrittenFloatWithGradient(x, garbage, accumulate: false);
                Assert.Equal(value, overwrittenValue);
                Assert.Equal(accumulated, garbage);
            },
            iter: 5);
    }

    [Fact]
    public void Overwrite_WithSeed_ScalesTheGradient()
    {
        double[] x = [0.3, -1.2, 0.8, 1.9, -0.4];
        var once = new double[x.Length];
        OverwriteMethods.OverwrittenWithGradient(x, once);
        double[] seeded = [5, 5, 5, 5, 5];
        OverwriteMethods.OverwrittenWithGradient(x, seeded, accumulate: false, outputGradient: -2);
        Assert.Equal(once.Select(g => -2 * g), seeded);
    }

    [Fact]
    public void Overwrite_SeedSharingTheBuffer_IsReadBeforeTheBufferIsCleared()
    {
        double[] x = [0.3, -1.2, 0.8, 1.9, -0.4];
        var expected = new double[x.Length];
        OverwriteMethods.ShiftedSquaresWithGradient(x, new double[x.Length], expected, accumulate: true, Seed(x.Length));
        double[] shared = Seed(x.Length);
        OverwriteMethods.ShiftedSquaresWithGradient(x, new double[x.Length], shared, accumulate: false, shared);
        Assert.Equal(expected, shared);
    }

    /// <summary>Each method as x -> value and its companion on (x, buffer), the buffer as long as x (a scalar's gradient in its first element, as x holds the scalar first).</summary>
    private static (Func<double[], double> Function, Companion Companion) Method(string name) => name switch
    {
        "Overwritten" => (x => OverwriteMethods.Overwritten(x), (x, g, a) => OverwriteMethods.OverwrittenWithGradient(x, g.AsSpan(0, x.Length), a)),
        "TouchedBefore" => (x => OverwriteMethods.TouchedBefore(x), (x, g, a) => OverwriteMethods.TouchedBeforeWithGradient(x, g.AsSpan(0, x.Length), a)),
        "SkipsFirst" => (x => OverwriteMethods.SkipsFirst(x), (x, g, a) => OverwriteMethods.SkipsFirstWithGradient(x, g.AsSpan(0, x.Length), a)),
        "TwoBuffers" => (x => OverwriteMethods.TwoBuffers(x.AsSpan(0, 18), x.AsSpan(18, 18)),
            (x, g, a) => OverwriteMethods.TwoBuffersWithGradient(x.AsSpan(0, 18), x.AsSpan(18, 18), g.AsSpan(0, 18), g.AsSpan(18, 18), a)),
        "WithScalar" => (x => OverwriteMethods.WithScalar(x.AsSpan(1), x[0]),
            (x, g, a) => OverwriteMethods.WithScalarWithGradient(x.AsSpan(1), x[0], g.AsSpan(1, x.Length - 1), ref g[0], a)),
        "SquaredSum" => (x => OverwriteMethods.SquaredSum(x), (x, g, a) => OverwriteMethods.SquaredSumWithGradient(x, g.AsSpan(0, x.Length), a)),
        "StopsEarly" => (x => OverwriteMethods.StopsEarly(x), (x, g, a) => OverwriteMethods.StopsEarlyWithGradient(x, g.AsSpan(0, x.Length), a)),
        _ => (x => Seeded(x, OverwriteMethods.SquaresOut), (x, g, a) =>
        {
            var y = new double[x.Length];
            OverwriteMethods.SquaresOutWithGradient(x, y, g.AsSpan(0, x.Length), a, Seed(x.Length));
            return Dot(Seed(x.Length), y);
        }),
    };

    private delegate void Output(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>A fixed seed for an output: the loss whose gradient its vector-Jacobian product is, sum seed_i y_i.</summary>
    private static double[] Seed(int n) => Enumerable.Range(0, n).Select(i => 0.5 + (0.1 * i)).ToArray();

    private static double Seeded(double[] x, Output method)
    {
        var y = new double[x.Length];
        method(x, y);
        return Dot(Seed(x.Length), y);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
}

public static partial class OverwriteMethods
{
    /// <summary>W4's shape: the one loop is the buffer's first and only writer, so it overwrites it.</summary>
    [Differentiable]
    public static double Overwritten(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Tanh((0.75 * x[i]) - 0.25);
            sum += t * t * Math.Exp(-x[i]);
        }

        return sum;
    }

    /// <summary>The same in float.</summary>
    [Differentiable]
    public static float OverwrittenFloat(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float t = MathF.Tanh((0.75f * x[i]) - 0.25f);
            sum += t * t * MathF.Exp(-x[i]);
        }

        return sum;
    }

    /// <summary>x[0] is read outside the loop too: its adjoint goes into the buffer besides the loop's.</summary>
    [Differentiable]
    public static double TouchedBefore(ReadOnlySpan<double> x)
    {
        double scale = x[0] * x[0];
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Sin(x[i]) * scale;
        }

        return sum;
    }

    /// <summary>The loop starts at 1: element 0 receives nothing and must end as zero.</summary>
    [Differentiable]
    public static double SkipsFirst(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 1; i < x.Length; i++)
        {
            sum += Math.Exp(-x[i]) * x[i];
        }

        return sum;
    }

    /// <summary>Two buffers in one loop (they may be one array): both cleared first.</summary>
    [Differentiable]
    public static double TwoBuffers(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Tanh(a[i]) * b[i];
        }

        return sum;
    }

    /// <summary>A scalar's gradient, set to zero first, beside a span the loop overwrites.</summary>
    [Differentiable]
    public static double WithScalar(ReadOnlySpan<double> x, double w)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Sin(w * x[i]);
        }

        return sum;
    }

    /// <summary>The sum is squared after the loop, so the loop's adjoint is known only then: its reverse loop, running down, is the buffer's first writer.</summary>
    [Differentiable]
    public static double SquaredSum(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Sin(x[i]) * x[i];
        }

        return sum * sum;
    }

    /// <summary>A loop that may stop before the end: the elements after it receive nothing.</summary>
    [Differentiable]
    public static double StopsEarly(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (sum > 3)
            {
                break;
            }

            sum += x[i] * x[i];
        }

        return sum;
    }

    /// <summary>An output method whose buffer is cleared first (two loops write it): the clear must follow the copy of a seed that is the buffer itself.</summary>
    [Differentiable]
    public static void ShiftedSquares(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        y[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
        }
    }

    /// <summary>An output method: its seed's vector-Jacobian product replaces the buffer's contents.</summary>
    [Differentiable]
    public static void SquaresOut(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
        }
    }
}
