namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Loss loops whose reverse the generator fuses into the forward pass (each sample's reverse right after its forward, no
/// tape), including loops whose inner dot products became kernel calls and whose per-sample values were recorded
/// only for their own reverse iteration, and two loops that must not fuse (a recorded value read again after the loop,
/// a value carried from one iteration to the next), rows read at a stride wider than the row (the row kernels), in double and float, against central differences at several
/// random points. GeneratedCodeTests.FusedLoops_* checks which of them are printed fused.
/// </summary>
public sealed class FusedLoopTests
{
    public static readonly TheoryData<int> Samples = [0, 1, 2, 5, 17, 64, 65, 66, 200];

    [Theory]
    [MemberData(nameof(Samples))]
    public void LinearMse_FusedThroughKernelCalls_MatchesFiniteDifferences(int count)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            (double[] p, double[] features, double[] targets) = Data(count, inputs: 7, seed);
            double F(double[] q) => FusedMethods.LinearMse(q.AsSpan(0, 7), q.AsSpan(7, 1), features, targets);
            var gw = new double[7];
            var gb = new double[1];
            double value = FusedMethods.LinearMseWithGradient(p.AsSpan(0, 7), p.AsSpan(7, 1), features, targets, gw, gb);
            Close(F(p), value, 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gb], 1e-7);

            float[] pf = Floats(p);
            var gwf = new float[7];
            var gbf = new float[1];
            float valueF = FusedMethods.LinearMseWithGradient(pf.AsSpan(0, 7), pf.AsSpan(7, 1), Floats(features), Floats(targets), gwf, gbf);
            Close(FusedMethods.LinearMse(pf.AsSpan(0, 7), pf.AsSpan(7, 1), Floats(features), Floats(targets)), valueF, 1e-5);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gwf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void PaddedRows_RunAsRowKernels_MatchFiniteDifferences(int count)
    {
        // Rows of 37 values (whole vectors and a masked last one, in both precisions) 40 apart, starting 2 into each row.
        const int inputs = 37, stride = inputs + 3;
        for (int seed = 0; seed < 2; seed++)
        {
            (double[] p, _, double[] targets) = Data(count, inputs, seed);
            double[] features = Data(count, stride, seed + 7).Features;
            double F(double[] q) => FusedMethods.PaddedRowsMse(q.AsSpan(0, inputs), q.AsSpan(inputs, 1), features, targets);
            var gw = new double[inputs];
            var gb = new double[1];
            double value = FusedMethods.PaddedRowsMseWithGradient(p.AsSpan(0, inputs), p.AsSpan(inputs, 1), features, targets, gw, gb);
            Close(F(p), value, 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gb], 1e-7);

            float[] pf = Floats(p);
            var gwf = new float[inputs];
            var gbf = new float[1];
            float valueF = FusedMethods.PaddedRowsMseWithGradient(pf.AsSpan(0, inputs), pf.AsSpan(inputs, 1), Floats(features), Floats(targets), gwf, gbf);
            Close(FusedMethods.PaddedRowsMse(pf.AsSpan(0, inputs), pf.AsSpan(inputs, 1), Floats(features), Floats(targets)), valueF, 1e-5);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gwf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void LogisticBce_WithSigmoidKnown_MatchesFiniteDifferences(int count)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            (double[] p, double[] features, double[] targets) = Data(count, inputs: 5, seed);
            double[] labels = targets.Select(t => t > 0 ? 1.0 : 0.0).ToArray();
            double F(double[] q) => FusedMethods.LogisticBce(q.AsSpan(0, 5), q.AsSpan(5, 1), features, labels);
            var gw = new double[5];
            var gb = new double[1];
            double value = FusedMethods.LogisticBceWithGradient(p.AsSpan(0, 5), p.AsSpan(5, 1), features, labels, gw, gb);
            Close(F(p), value, 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gw, .. gb], 1e-7);

            float[] pf = Floats(p);
            var gwf = new float[5];
            var gbf = new float[1];
            float valueF = FusedMethods.LogisticBceWithGradient(pf.AsSpan(0, 5), pf.AsSpan(5, 1), Floats(features), Floats(labels), gwf, gbf);
            Close(FusedMethods.LogisticBce(pf.AsSpan(0, 5), pf.AsSpan(5, 1), Floats(features), Floats(labels)), valueF, 1e-5);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gwf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RecordedValueReadAfterTheLoop_AndCarriedValue_MatchFiniteDifferences(int count)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            double[] x = Data(count, inputs: 1, seed).Features;
            double[] p = [0.7 + (0.1 * seed), -0.4];
            double Restored(double[] q) => FusedMethods.RestoredAfter(q.AsSpan(0, 1), x);
            var g = new double[1];
            Close(Restored(p), FusedMethods.RestoredAfterWithGradient(p.AsSpan(0, 1), x, g), 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Restored, p[..1]), g, 1e-7, "RestoredAfter gradient");

            double Carried(double[] q) => FusedMethods.Carried(q, x);
            var gc = new double[2];
            Close(Carried(p), FusedMethods.CarriedWithGradient(p, x, gc), 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Carried, p), gc, 1e-7, "Carried gradient");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(100)]
    public void SigmoidMap_Vectorized_MatchesFiniteDifferences(int n)
    {
        double[] p = Data(n, inputs: 2, seed: n).Features;
        double F(double[] q) => FusedMethods.SigmoidWeighted(q.AsSpan(0, n), q.AsSpan(n, n));
        var ga = new double[n];
        var gb = new double[n];
        Close(F(p), FusedMethods.SigmoidWeightedWithGradient(p.AsSpan(0, n), p.AsSpan(n, n), ga, gb), 1e-12);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. ga, .. gb], 1e-7);

        float[] pf = Floats(p);
        var gaf = new float[n];
        var gbf = new float[n];
        float valueF = FusedMethods.SigmoidWeightedWithGradient(pf.AsSpan(0, n), pf.AsSpan(n, n), gaf, gbf);
        Close(FusedMethods.SigmoidWeighted(pf.AsSpan(0, n), pf.AsSpan(n, n)), valueF, 1e-5);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gaf.Select(v => (double)v), .. gbf.Select(v => (double)v)], 1e-4, "float gradient");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(100)]
    public void LogMap_Vectorized_MatchesFiniteDifferences(int n)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            // Probabilities in [0.05, 0.95] and soft targets in [0, 1], so both logs are defined at every probe point.
            double[] p = Data(n, inputs: 1, seed).Features.Select(v => 0.5 + (0.45 * v)).ToArray();
            double[] y = Data(n, inputs: 1, seed + 7).Features.Select(v => 0.5 + (0.5 * v)).ToArray();
            double F(double[] q) => FusedMethods.LogLoss(q, y);
            var g = new double[n];
            Close(F(p), FusedMethods.LogLossWithGradient(p, y, g), 1e-12);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), g, 1e-7);

            var gf = new float[n];
            float valueF = FusedMethods.LogLossWithGradient(Floats(p), Floats(y), gf);
            Close(FusedMethods.LogLoss(Floats(p), Floats(y)), valueF, 1e-5);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, p), [.. gf.Select(v => (double)v)], 1e-4, "float gradient");
        }
    }

    private static (double[] Parameters, double[] Features, double[] Targets) Data(int count, int inputs, int seed)
    {
        var random = new Random(1000 + (31 * seed) + count);
        double Next() => Math.Round((random.NextDouble() * 2) - 1, 3);
        return (Enumerable.Range(0, inputs + 1).Select(_ => Next()).ToArray(),
            Enumerable.Range(0, count * inputs).Select(_ => Next()).ToArray(),
            Enumerable.Range(0, count).Select(_ => Next()).ToArray());
    }

    private static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();

    private static void Close(double expected, double actual, double relative)
        => Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"companion {actual:R}, method {expected:R}");
}

public static partial class FusedMethods
{
    /// <summary>The seed's loss over rows of a wider matrix: each sample's inputs start 2 into a row of inputs + 3 values.</summary>
    [Differentiable]
    public static double PaddedRowsMse(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        int inputs = weight.Length;
        int stride = inputs + 3;
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[(i * stride) + 2 + j];
            }

            double error = prediction - targets[i];
            sum += error * error;
        }

        return targets.Length == 0 ? sum : sum / targets.Length;
    }

    /// <inheritdoc cref="PaddedRowsMse(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float PaddedRowsMse(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> targets)
    {
        int inputs = weight.Length;
        int stride = inputs + 3;
        float sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            float prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[(i * stride) + 2 + j];
            }

            float error = prediction - targets[i];
            sum += error * error;
        }

        return targets.Length == 0 ? sum : sum / targets.Length;
    }

    /// <summary>The seed loss: each sample's dot product a kernel call, its error recorded for its own reverse iteration only.</summary>
    [Differentiable]
    public static double LinearMse(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        int inputs = weight.Length;
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[(i * inputs) + j];
            }

            double error = prediction - targets[i];
            sum += error * error;
        }

        return targets.Length == 0 ? sum : sum / targets.Length;
    }

    /// <inheritdoc cref="LinearMse(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float LinearMse(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> targets)
    {
        int inputs = weight.Length;
        float sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            float prediction = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                prediction += weight[j] * features[(i * inputs) + j];
            }

            float error = prediction - targets[i];
            sum += error * error;
        }

        return targets.Length == 0 ? sum : sum / targets.Length;
    }

    /// <summary>W3's loss: Functions.Sigmoid known to the generator, its derivative reusing the forward's value.</summary>
    [Differentiable]
    public static double LogisticBce(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        int inputs = weight.Length;
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double z = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                z += weight[j] * features[(i * inputs) + j];
            }

            double p = Functions.Sigmoid(z);
            total -= (labels[i] * Math.Log(p)) + ((1 - labels[i]) * Math.Log(1 - p));
        }

        return total;
    }

    /// <inheritdoc cref="LogisticBce(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float LogisticBce(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] ReadOnlySpan<float> features, [NoGrad] ReadOnlySpan<float> labels)
    {
        int inputs = weight.Length;
        float total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            float z = bias[0];
            for (int j = 0; j < inputs; j++)
            {
                z += weight[j] * features[(i * inputs) + j];
            }

            float p = Functions.Sigmoid(z);
            total -= (labels[i] * MathF.Log(p)) + ((1 - labels[i]) * MathF.Log(1 - p));
        }

        return total;
    }

    /// <summary>The loop overwrites <c>e</c>, which the statement before it read: the reverse needs it restored after the loop, so no fusion.</summary>
    [Differentiable]
    public static double RestoredAfter(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        double e = Math.Sin(w[0]);
        double y = e * e;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            e = Math.Exp(w[0] * x[i]);
            sum += e * x[i];
        }

        return sum + y;
    }

    /// <summary>A recurrence: <c>h</c> carries from one iteration to the next, so its reverse cannot follow each forward iteration.</summary>
    [Differentiable]
    public static double Carried(ReadOnlySpan<double> p, [NoGrad] ReadOnlySpan<double> x)
    {
        double h = 0;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            h = Math.Tanh((p[0] * h) + (p[1] * x[i]));
            sum += h;
        }

        return sum;
    }

    /// <summary>A map with a + reduction through Functions.Sigmoid: vectorized with VectorMath.Sigmoid.</summary>
    [Differentiable]
    public static double SigmoidWeighted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Functions.Sigmoid(a[i]) * b[i];
        }

        return sum;
    }

    /// <summary>Binary cross-entropy of probabilities against targets, element by element: a map through two logs, vectorized.</summary>
    [Differentiable]
    public static double LogLoss(ReadOnlySpan<double> p, [NoGrad] ReadOnlySpan<double> y)
    {
        double total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            total -= (y[i] * Math.Log(p[i])) + ((1 - y[i]) * Math.Log(1 - p[i]));
        }

        return total;
    }

    /// <inheritdoc cref="LogLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float LogLoss(ReadOnlySpan<float> p, [NoGrad] ReadOnlySpan<float> y)
    {
        float total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            total -= (y[i] * MathF.Log(p[i])) + ((1 - y[i]) * MathF.Log(1 - p[i]));
        }

        return total;
    }

    /// <inheritdoc cref="SigmoidWeighted(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float SigmoidWeighted(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Functions.Sigmoid(a[i]) * b[i];
        }

        return sum;
    }
}
