using SharpGrad.Nn;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// The layer functions of SharpGrad.Nn.Functional, compiled by SharpGrad's generator inside the runtime: each one's
/// gradient against central differences at several random points (double), its value against a plain reference
/// loop, and the float version against the double one.
/// </summary>
public sealed class FunctionalGradientTests
{
    [Fact]
    public void Linear() => LayerCheck.RunVector(
        "Linear(4, 3)",
        [12, 3, 4],
        3,
        (a, y) => Functional.Linear(a[0], a[1], a[2], y),
        (a, y, g, seed) => Functional.LinearWithGradient(a[0], a[1], a[2], y, g[0], g[1], g[2], seed),
        a => Enumerable.Range(0, 3).Select(o => a[1][o] + Enumerable.Range(0, 4).Sum(j => a[0][(o * 4) + j] * a[2][j])).ToArray());

    // Conv2d: 2 input channels of 5x4, 3 output channels, kernel 3.
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    public void Conv2d(int stride, int padding)
    {
        const int InChannels = 2, Height = 5, Width = 4, Kernel = 3, OutChannels = 3;
        int outHeight = ((Height + (2 * padding) - Kernel) / stride) + 1, outWidth = ((Width + (2 * padding) - Kernel) / stride) + 1;
        LayerCheck.RunVector(
            $"Conv2d(stride {stride}, padding {padding})",
            [OutChannels * InChannels * Kernel * Kernel, OutChannels, InChannels * Height * Width],
            OutChannels * outHeight * outWidth,
            (a, y) => Functional.Conv2d(a[0], a[1], a[2], InChannels, Height, Width, Kernel, stride, padding, y),
            (a, y, g, seed) => Functional.Conv2dWithGradient(a[0], a[1], a[2], InChannels, Height, Width, Kernel, stride, padding, y, g[0], g[1], g[2], seed),
            a =>
            {
                var output = new double[OutChannels * outHeight * outWidth];
                for (int c = 0; c < OutChannels; c++)
                {
                    for (int y = 0; y < outHeight; y++)
                    {
                        for (int x = 0; x < outWidth; x++)
                        {
                            double sum = a[1][c];
                            for (int ci = 0; ci < InChannels; ci++)
                            {
                                for (int ky = 0; ky < Kernel; ky++)
                                {
                                    for (int kx = 0; kx < Kernel; kx++)
                                    {
                                        int iy = (y * stride) - padding + ky, ix = (x * stride) - padding + kx;
                                        double pixel = iy < 0 || iy >= Height || ix < 0 || ix >= Width ? 0 : a[2][(((ci * Height) + iy) * Width) + ix];
                                        sum += a[0][(((((c * InChannels) + ci) * Kernel) + ky) * Kernel) + kx] * pixel;
                                    }
                                }
                            }

                            output[(((c * outHeight) + y) * outWidth) + x] = sum;
                        }
                    }
                }

                return output;
            });
    }

    // MaxPool2d: 2 channels of 6x5; random values have no ties, so each window's gradient is one-hot.
    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    public void MaxPool2d(int kernel, int stride, int padding)
    {
        const int Channels = 2, Height = 6, Width = 5;
        int outHeight = ((Height + (2 * padding) - kernel) / stride) + 1, outWidth = ((Width + (2 * padding) - kernel) / stride) + 1;
        LayerCheck.RunVector(
            $"MaxPool2d(kernel {kernel}, stride {stride}, padding {padding})",
            [Channels * Height * Width],
            Channels * outHeight * outWidth,
            (a, y) => Functional.MaxPool2d(a[0], Channels, Height, Width, kernel, stride, padding, y),
            (a, y, g, seed) => Functional.MaxPool2dWithGradient(a[0], Channels, Height, Width, kernel, stride, padding, y, g[0], seed),
            a =>
            {
                var output = new double[Channels * outHeight * outWidth];
                for (int c = 0; c < Channels; c++)
                {
                    for (int y = 0; y < outHeight; y++)
                    {
                        for (int x = 0; x < outWidth; x++)
                        {
                            double best = double.NegativeInfinity;
                            for (int ky = 0; ky < kernel; ky++)
                            {
                                for (int kx = 0; kx < kernel; kx++)
                                {
                                    int iy = (y * stride) - padding + ky, ix = (x * stride) - padding + kx;
                                    if (iy >= 0 && iy < Height && ix >= 0 && ix < Width)
                                    {
                                        best = Math.Max(best, a[0][(((c * Height) + iy) * Width) + ix]);
                                    }
                                }
                            }

                            output[(((c * outHeight) + y) * outWidth) + x] = best;
                        }
                    }
                }

                return output;
            });
    }

    [Fact]
    public void Embedding() => LayerCheck.Run(
        "Embedding[3, 1]",
        [5 * 4],
        a => Functional.Embedding(a[0], 3, 4, 1),
        (a, g) => Functional.EmbeddingWithGradient(a[0], 3, 4, 1, g[0]),
        a => a[0][13]);

    [Fact]
    public void LayerNorm() => LayerCheck.RunVector(
        "LayerNorm(5)",
        [5, 5, 5],
        5,
        (a, y) => Functional.LayerNorm(a[0], a[1], a[2], 1e-5, y),
        (a, y, g, seed) => Functional.LayerNormWithGradient(a[0], a[1], a[2], 1e-5, y, g[0], g[1], g[2], seed),
        a =>
        {
            double mean = a[0].Average();
            double variance = a[0].Select(e => (e - mean) * (e - mean)).Average();
            return a[0].Select((v, i) => ((v - mean) / Math.Sqrt(variance + 1e-5) * a[1][i]) + a[2][i]).ToArray();
        });

    [Fact]
    public void Relu() => LayerCheck.RunVector(
        "ReLU",
        [6],
        6,
        (a, y) => Functional.Relu(a[0], y),
        (a, y, g, seed) => Functional.ReluWithGradient(a[0], y, g[0], seed),
        a => a[0].Select(v => Math.Max(v, 0)).ToArray());

    [Fact]
    public void Tanh() => LayerCheck.RunVector(
        "Tanh",
        [6],
        6,
        (a, y) => Functional.Tanh(a[0], y),
        (a, y, g, seed) => Functional.TanhWithGradient(a[0], y, g[0], seed),
        a => a[0].Select(Math.Tanh).ToArray());

    [Fact]
    public void LogSoftmax() => LayerCheck.RunVector(
        "LogSoftmax",
        [5],
        5,
        (a, y) => Functional.LogSoftmax(a[0], y),
        (a, y, g, seed) => Functional.LogSoftmaxWithGradient(a[0], y, g[0], seed),
        a => a[0].Select(v => v - Math.Log(a[0].Sum(Math.Exp))).ToArray());

    [Fact]
    public void Dropout_scales_by_the_mask()
    {
        double grad = 0;
        Assert.Equal(-3.0, Functional.DropoutWithGradient(1.5, -2, ref grad));
        Assert.Equal(-2.0, grad);
        Assert.Equal(0.0, Functional.Dropout(1.5, 0));
    }

    private static readonly double[] _labels = [2, 0, 1, 2];

    [Fact]
    public void CrossEntropyLoss() => LayerCheck.Run(
        "CrossEntropyLoss",
        [4 * 3],
        a => Functional.CrossEntropyLoss(a[0], _labels),
        (a, g) => Functional.CrossEntropyLossWithGradient(a[0], _labels, g[0]),
        a => -Enumerable.Range(0, 4).Select(n => Math.Log(Math.Exp(a[0][(n * 3) + (int)_labels[n]]) / Enumerable.Range(0, 3).Sum(c => Math.Exp(a[0][(n * 3) + c])))).Average(),
        low: 0.5,
        high: 8);

    [Fact]
    public void CrossEntropyLoss_is_stable_for_large_logits()
    {
        double[] logits = [1000, 0, -1000, 0, 1000, 0, 0, 0, 1000, 1000, 0, 0];
        double[] grad = new double[logits.Length];
        double loss = Functional.CrossEntropyLossWithGradient(logits, _labels, grad);
        Assert.True(double.IsFinite(loss) && grad.All(double.IsFinite), $"loss {loss}, gradient [{string.Join(", ", grad)}]");
        // Each row's loss is its largest logit minus the labelled one: 2000, 1000, 1000, 1000.
        Assert.Equal(1250, loss, 1e-9);
    }

    [Fact]
    public void NllLoss() => LayerCheck.Run(
        "NllLoss",
        [4 * 3],
        a => Functional.NllLoss(a[0], _labels),
        (a, g) => Functional.NllLossWithGradient(a[0], _labels, g[0]),
        a => -Enumerable.Range(0, 4).Select(n => a[0][(n * 3) + (int)_labels[n]]).Average());

    private static readonly double[] _targets = [0.3, -1.2, 2.5, 0.05, -0.7];

    [Fact]
    public void L1Loss() => LayerCheck.Run(
        "L1Loss",
        [5],
        a => Functional.L1Loss(a[0], _targets),
        (a, g) => Functional.L1LossWithGradient(a[0], _targets, g[0]),
        a => a[0].Zip(_targets, (p, t) => Math.Abs(p - t)).Average(),
        low: 3,
        high: 4);

    [Fact]
    public void MseLoss() => LayerCheck.Run(
        "MseLoss",
        [5],
        a => Functional.MseLoss(a[0], _targets),
        (a, g) => Functional.MseLossWithGradient(a[0], _targets, g[0]),
        a => a[0].Zip(_targets, (p, t) => (p - t) * (p - t)).Average());

    [Fact]
    public void HuberLoss() => LayerCheck.Run(
        "HuberLoss",
        [5],
        a => Functional.HuberLoss(a[0], _targets, 1.0),
        (a, g) => Functional.HuberLossWithGradient(a[0], _targets, 1.0, g[0]),
        a => a[0].Zip(_targets, (p, t) => Math.Abs(p - t) <= 1 ? 0.5 * (p - t) * (p - t) : Math.Abs(p - t) - 0.5).Average());

    private static readonly double[] _binaryTargets = [1, 0, 0, 1, 1];

    [Fact]
    public void BceWithLogitsLoss() => LayerCheck.Run(
        "BceWithLogitsLoss",
        [5],
        a => Functional.BceWithLogitsLoss(a[0], _binaryTargets),
        (a, g) => Functional.BceWithLogitsLossWithGradient(a[0], _binaryTargets, g[0]),
        a => a[0].Zip(_binaryTargets, (z, t) => -((t * Math.Log(1 / (1 + Math.Exp(-z)))) + ((1 - t) * Math.Log(1 - (1 / (1 + Math.Exp(-z))))))).Average());

    /// <summary>The float versions compute what the double ones do, value and gradient, to float precision.</summary>
    [Fact]
    public void Float_versions_agree_with_double()
    {
        var random = new Random(7);
        double[] weight = Values(random, 3 * 2 * 3 * 3), bias = Values(random, 3), input = Values(random, 2 * 5 * 4);
        float[] weightF = ToFloat(weight), biasF = ToFloat(bias), inputF = ToFloat(input);
        double[] dw = new double[weight.Length], db = new double[bias.Length], dx = new double[input.Length], y = new double[3 * 5 * 4], seed = Values(random, 3 * 5 * 4);
        float[] dwF = new float[weight.Length], dbF = new float[bias.Length], dxF = new float[input.Length], yF = new float[y.Length];
        Functional.Conv2dWithGradient(weight, bias, input, 2, 5, 4, 3, 1, 1, y, dw, db, dx, seed);
        Functional.Conv2dWithGradient(weightF, biasF, inputF, 2, 5, 4, 3, 1, 1, yF, dwF, dbF, dxF, ToFloat(seed));
        AssertFloatClose(y, yF, "Conv2d");
        AssertFloatClose(dw, dwF, "Conv2d d/dweight");
        AssertFloatClose(dx, dxF, "Conv2d d/dinput");

        double[] logits = Values(random, 12);
        float[] labels = [2, 0, 1, 2];
        double[] dl = new double[12];
        float[] dlF = new float[12];
        AssertFloatClose(Functional.CrossEntropyLossWithGradient(logits, _labels, dl), Functional.CrossEntropyLossWithGradient(ToFloat(logits), labels, dlF), "CrossEntropyLoss");
        AssertFloatClose(dl, dlF, "CrossEntropyLoss d/dlogits");
        double[] normalized = new double[8];
        float[] normalizedF = new float[8];
        Functional.LayerNorm(input[..8], weight[..8], weight[8..16], 1e-5, normalized);
        Functional.LayerNorm(inputF[..8], weightF[..8], weightF[8..16], 1e-5f, normalizedF);
        AssertFloatClose(normalized, normalizedF, "LayerNorm");
    }

    private static double[] Values(Random random, int n) => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4) - 2).ToArray();

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    private static void AssertFloatClose(double expected, float actual, string what)
        => Assert.True(Math.Abs(actual - expected) <= 2e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: float {actual}, double {expected}");

    private static void AssertFloatClose(double[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertFloatClose(expected[i], actual[i], $"{what}[{i}]");
        }
    }
}
