using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

/// <summary>The runtime's differentiable building blocks (SharpGrad.Functions): gradients, stability, PyTorch's values.</summary>
public sealed class FunctionsGradientTests
{
    private const double Slope = 0.1;
    private const double HuberDelta = 0.8;
    private const int Classes = 5;

    private delegate float FloatSpanGradient(ReadOnlySpan<float> v, Span<float> vGrad, float outputGradient);

    private delegate float FloatTwoSpanGradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> aGrad, Span<float> bGrad, float outputGradient);

    private delegate double ScalarGradient(double x, ref double xGrad, double outputGradient);

    private delegate double TwoSpanGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> aGrad, Span<double> bGrad, double outputGradient);

    private static readonly Gen<double[]> _probabilityTargets = Domains.Each(Domains.SignedValue(0.2, 4), Domains.Value(0.05, 0.95));

    private static IReadOnlyDictionary<string, GradientCase> All { get; } = new GradientCase[]
    {
        Cases.Of(Functions.Sigmoid, Functions.SigmoidWithGradient, Domains.Signed(1, 0.1, 6)),
        Cases.OfFloat(Functions.Sigmoid, Functions.SigmoidWithGradient, x => 1 / (1 + Math.Exp(-x)), Domains.Signed(1, 0.1, 6), name: "Functions.Sigmoid(float)"),
        Cases.Of(Functions.Softplus, Functions.SoftplusWithGradient, Domains.Signed(1, 0.1, 6)),
        Cases.OfFloat(Functions.Softplus, Functions.SoftplusWithGradient, x => Math.Log(1 + Math.Exp(x)), Domains.Signed(1, 0.1, 6), name: "Functions.Softplus(float)"),
        Cases.Of(Functions.Relu, Functions.ReluWithGradient),
        Cases.OfFloat(Functions.Relu, Functions.ReluWithGradient, x => Math.Max(x, 0), name: "Functions.Relu(float)"),
        Cases.Of(
            "Functions.LeakyRelu",
            Domains.Signed(1),
            p => Functions.LeakyRelu(p[0], Slope),
            (p, g, seed) => Functions.LeakyReluWithGradient(p[0], Slope, ref g[0], seed)),
        Cases.OfFloat(
            (float x) => Functions.LeakyRelu(x, (float)Slope),
            (float x, ref float xGrad, float seed) => Functions.LeakyReluWithGradient(x, (float)Slope, ref xGrad, seed),
            x => x > 0 ? x : (float)Slope * x,
            name: "Functions.LeakyRelu(float)"),
        Cases.Of(Functions.Gelu, Functions.GeluWithGradient, Domains.Signed(1, 0.1, 4)),
        Cases.OfFloat(Functions.Gelu, Functions.GeluWithGradient, GeluTanh, Domains.Signed(1, 0.1, 4), name: "Functions.Gelu(float)"),
        Cases.OfSpan("Functions.Max", 6, v => Functions.Max(v), (v, g, seed) => Functions.MaxWithGradient(v, g, seed)),
        OfFloatSpan("Functions.Max(float)", 6, v => Functions.Max(v), Functions.MaxWithGradient, v => v.Max()),
        Cases.OfSpan("Functions.LogSumExp", 6, v => Functions.LogSumExp(v), (v, g, seed) => Functions.LogSumExpWithGradient(v, g, seed), Domains.Signed(6, 0.2, 30)),
        OfFloatSpan("Functions.LogSumExp(float)", 6, v => Functions.LogSumExp(v), Functions.LogSumExpWithGradient, LogSumExpByDefinition),
        Cases.OfSpan("Functions.LogSoftmax", Classes, v => Functions.LogSoftmax(v, 2), (v, g, seed) => Functions.LogSoftmaxWithGradient(v, 2, g, seed)),
        OfFloatSpan("Functions.LogSoftmax(float)", Classes, v => Functions.LogSoftmax(v, 2), (v, g, seed) => Functions.LogSoftmaxWithGradient(v, 2, g, seed), v => v[2] - LogSumExpByDefinition(v)),
        Cases.OfSpan("Functions.Softmax", Classes, v => Functions.Softmax(v, 1), (v, g, seed) => Functions.SoftmaxWithGradient(v, 1, g, seed)),
        OfFloatSpan("Functions.Softmax(float)", Classes, v => Functions.Softmax(v, 1), (v, g, seed) => Functions.SoftmaxWithGradient(v, 1, g, seed), v => Math.Exp(v[1] - LogSumExpByDefinition(v))),
        OfTwoSpans("Functions.Dot", 4, (a, b) => Functions.Dot(a, b), Functions.DotWithGradient),
        OfFloatTwoSpans("Functions.Dot(float)", 4, (a, b) => Functions.Dot(a, b), Functions.DotWithGradient, (a, b) => a.Zip(b, (x, y) => x * y).Sum()),
        OfTwoSpans("Functions.MeanSquaredError", 4, (a, b) => Functions.MeanSquaredError(a, b), Functions.MeanSquaredErrorWithGradient),
        OfFloatTwoSpans("Functions.MeanSquaredError(float)", 4, (a, b) => Functions.MeanSquaredError(a, b), Functions.MeanSquaredErrorWithGradient, (a, b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Average()),
        Cases.Of(Functions.BinaryCrossEntropyWithLogits, Functions.BinaryCrossEntropyWithLogitsWithGradient, _probabilityTargets),
        Cases.OfFloat(Functions.BinaryCrossEntropyWithLogits, Functions.BinaryCrossEntropyWithLogitsWithGradient, BinaryCrossEntropyByDefinition, _probabilityTargets, name: "Functions.BinaryCrossEntropyWithLogits(float)"),
        OfTwoSpans(
            "Functions.BinaryCrossEntropyWithLogits(span)",
            4,
            (a, b) => Functions.BinaryCrossEntropyWithLogits(a, b),
            Functions.BinaryCrossEntropyWithLogitsWithGradient,
            Domains.Concat(Domains.Signed(4, 0.2, 4), Domains.Between(4, 0.05, 0.95))),
        OfFloatTwoSpans(
            "Functions.BinaryCrossEntropyWithLogits(float span)",
            4,
            (a, b) => Functions.BinaryCrossEntropyWithLogits(a, b),
            Functions.BinaryCrossEntropyWithLogitsWithGradient,
            (a, b) => a.Zip(b, BinaryCrossEntropyByDefinition).Average(),
            Domains.Concat(Domains.Signed(4, 0.2, 4), Domains.Between(4, 0.05, 0.95))),
        Cases.OfSpan("Functions.SoftmaxCrossEntropy", Classes, v => Functions.SoftmaxCrossEntropy(v, 3), (v, g, seed) => Functions.SoftmaxCrossEntropyWithGradient(v, 3, g, seed)),
        OfFloatSpan("Functions.SoftmaxCrossEntropy(float)", Classes, v => Functions.SoftmaxCrossEntropy(v, 3), (v, g, seed) => Functions.SoftmaxCrossEntropyWithGradient(v, 3, g, seed), v => LogSumExpByDefinition(v) - v[3]),
        Cases.Of(
            "Functions.Huber",
            Domains.Signed(2),
            p => Functions.Huber(p[0], p[1], HuberDelta),
            (p, g, seed) => Functions.HuberWithGradient(p[0], p[1], HuberDelta, ref g[0], ref g[1], seed)),
        Cases.OfFloat(
            (float a, float b) => Functions.Huber(a, b, (float)HuberDelta),
            (float a, float b, ref float aGrad, ref float bGrad, float seed) => Functions.HuberWithGradient(a, b, (float)HuberDelta, ref aGrad, ref bGrad, seed),
            (a, b) => HuberByDefinition(a, b),
            name: "Functions.Huber(float)"),
        OfTwoSpans(
            "Functions.Huber(span)",
            4,
            (a, b) => Functions.Huber(a, b, HuberDelta),
            (ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> aGrad, Span<double> bGrad, double seed) => Functions.HuberWithGradient(a, b, HuberDelta, aGrad, bGrad, seed)),
        OfFloatTwoSpans(
            "Functions.Huber(float span)",
            4,
            (a, b) => Functions.Huber(a, b, (float)HuberDelta),
            (ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> aGrad, Span<float> bGrad, float seed) => Functions.HuberWithGradient(a, b, (float)HuberDelta, aGrad, bGrad, seed),
            (a, b) => a.Zip(b, HuberByDefinition).Average()),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => new(All.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_MatchesFiniteDifferences(string name)
    {
        GradientCase c = All[name];
        c.Domain.Where(Domains.IsGeneric).Sample(point => GradientCheck.AtPoint(c, point), iter: 12, threads: 1);
    }

    [Fact]
    public void EveryDifferentiableFunction_HasACase()
    {
        string[] functions = CatalogueGradientTests.DifferentiableMethodsIn(typeof(Functions).Assembly, "SharpGrad").Where(name => name.StartsWith("Functions.", StringComparison.Ordinal)).ToArray();
        string[] customGradients = ["Functions.Sigmoid", "Functions.Softplus"];
        Assert.Empty(functions.Concat(customGradients).Except(All.Keys));
    }

    [Theory]
    [InlineData(800)]
    [InlineData(-800)]
    [InlineData(40)]
    [InlineData(-40)]
    public void SigmoidSoftplusAndBce_StayFiniteAndAccurate_ForLargeInputs(double x)
    {
        double sigmoidGrad = 0, softplusGrad = 0, logitGrad = 0, targetGrad = 0;
        double sigmoid = Functions.SigmoidWithGradient(x, ref sigmoidGrad);
        double softplus = Functions.SoftplusWithGradient(x, ref softplusGrad);
        double bce = Functions.BinaryCrossEntropyWithLogitsWithGradient(x, 1, ref logitGrad, ref targetGrad);

        double expectedSigmoid = x > 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
        Assert.Equal(expectedSigmoid, sigmoid, 1e-15);
        Assert.Equal(expectedSigmoid * (1 - expectedSigmoid), sigmoidGrad, 1e-15);

        // softplus(x) = x + log1p(e^-x) for large x, log1p(e^x) ~ e^x for very negative x: both to full relative precision.
        double expectedSoftplus = x > 0 ? x + Math.Exp(-x) : Math.Exp(x) * (1 - (Math.Exp(x) / 2));
        Assert.True(Math.Abs(softplus - expectedSoftplus) <= 1e-15 * expectedSoftplus, $"softplus({x}) = {softplus:R}, expected {expectedSoftplus:R}");
        Assert.Equal(expectedSigmoid, softplusGrad, 1e-15);

        // -log sigmoid(x) = softplus(-x) for target 1.
        Assert.True(double.IsFinite(bce) && double.IsFinite(logitGrad) && double.IsFinite(targetGrad));
        Assert.Equal(softplus - x, bce, 1e-12);
        Assert.Equal(expectedSigmoid - 1, logitGrad, 1e-15);
        Assert.Equal(-x, targetGrad);
    }

    [Fact]
    public void Softplus_MatchesLog1pExp_WhereNaiveFormulaIsAccurate()
    {
        Assert.Equal(4.248354255291589e-18, Functions.Softplus(-40.0), 1e-30);
        Assert.Equal(0.04858735157374206, Functions.Softplus(-3.0), 1e-16);
        Assert.Equal(Math.Log(2), Functions.Softplus(0.0), 1e-16);
        Assert.Equal(Math.Log(2), Functions.Softplus(0f), 1e-7);
    }

    [Fact]
    public void Gelu_IsPyTorchsTanhApproximation()
    {
        // torch.nn.functional.gelu(torch.tensor([1.0, -2.0], dtype=torch.float64), approximate='tanh')
        Assert.Equal(0.8411919906082768, Functions.Gelu(1.0), 1e-15);
        Assert.Equal(-0.04540230591222494, Functions.Gelu(-2.0), 1e-15);
        Assert.Equal(0.8411919906082768, Functions.Gelu(1f), 1e-6);
    }

    [Fact]
    public void ReluAndLeakyRelu_HavePyTorchsDerivativesAtAndBelowZero()
    {
        double atZero = 0, below = 0, leaky = 0, leakyAtZero = 0;
        Functions.ReluWithGradient(0.0, ref atZero);
        Functions.ReluWithGradient(-3.0, ref below);
        Functions.LeakyReluWithGradient(-3.0, 0.01, ref leaky);
        Functions.LeakyReluWithGradient(0.0, 0.01, ref leakyAtZero);
        Assert.Equal(0, atZero);
        Assert.Equal(0, below);
        Assert.Equal(0.01, leaky);
        Assert.Equal(0.01, leakyAtZero);
        Assert.Equal(-0.03, Functions.LeakyRelu(-3.0, 0.01), 1e-17);
    }

    [Fact]
    public void Relu_IsNaNAtNaN_WithPyTorchsDerivatives()
    {
        Assert.True(double.IsNaN(Functions.Relu(double.NaN)));
        Assert.True(float.IsNaN(Functions.Relu(float.NaN)));
        Assert.Equal(2.5, Functions.Relu(2.5));
        Assert.Equal(0, Functions.Relu(-3.0));
        Assert.True(double.IsPositive(Functions.Relu(-0.0)), "relu(-0) is +0, as PyTorch's x <= 0 ? 0 : x gives");

        // PyTorch's threshold_backward keeps the incoming gradient wherever x <= 0 is false, NaN included.
        Assert.Equal(1, ReluGradient(double.NaN));
        Assert.True(double.IsNaN(ReluGradient(double.NaN, outputGradient: double.NaN)), "a NaN gradient arriving at relu(NaN) is passed on, not dropped");
        Assert.Equal(0, ReluGradient(0.0));
        Assert.Equal(0, ReluGradient(-0.0));
        Assert.Equal(0, ReluGradient(-3.0));
        Assert.Equal(1, ReluGradient(2.5));
        Assert.Equal(0.25, ReluGradient(2.5, outputGradient: 0.25));

        float floatGrad = 0;
        Assert.True(float.IsNaN(Functions.ReluWithGradient(float.NaN, ref floatGrad)));
        Assert.Equal(1f, floatGrad);
        floatGrad = 0;
        Functions.ReluWithGradient(0f, ref floatGrad);
        Assert.Equal(0f, floatGrad);
    }

    [Theory]
    [MemberData(nameof(NaNLossNames))]
    public void ANaNInsideTheModel_ReachesTheLossAndTheGradient(string name)
    {
        // log(-1) is NaN; a function that swallowed it (as relu once did, returning 0) would give loss 0 and gradient 0.
        ScalarGradient lossWithGradient = NaNLossCases[name];
        double gradient = 0;
        double loss = lossWithGradient(-1, ref gradient, 1);

        Assert.True(double.IsNaN(loss), $"{name}: the loss is {loss}");
        Assert.True(double.IsNaN(gradient), $"{name}: the gradient is {gradient}");

        // Where log(w) is a number, the same losses are finite: the NaN above comes from the model, not the test.
        gradient = 0;
        Assert.True(double.IsFinite(lossWithGradient(Math.E, ref gradient, 1)) && double.IsFinite(gradient), $"{name} is not finite at w = e");
    }

    [Fact]
    public void ANaNInsideAFloatModel_ReachesTheLossAndTheGradient()
    {
        float gradient = 0;
        Assert.True(float.IsNaN(NaNLosses.FloatReluWithGradient(-1f, ref gradient)));
        Assert.True(float.IsNaN(gradient));
    }

    [Fact]
    public void Max_IsNaN_WhenAnElementIsNaN_AndGivesTheGradientToTheFirstNaN()
    {
        var grad = new double[3];
        Assert.True(double.IsNaN(Functions.MaxWithGradient([1.0, double.NaN, 3.0], grad)));
        Assert.Equal([0.0, 1.0, 0.0], grad);

        grad = new double[3];
        Assert.True(double.IsNaN(Functions.MaxWithGradient([double.NaN, 2.0, double.NaN], grad)));
        Assert.Equal([1.0, 0.0, 0.0], grad);

        var floatGrad = new float[3];
        Assert.True(float.IsNaN(Functions.MaxWithGradient([3f, -1f, float.NaN], floatGrad)));
        Assert.Equal([0f, 0f, 1f], floatGrad);

        Assert.Equal(double.PositiveInfinity, Functions.Max([1.0, double.PositiveInfinity, 2.0]));
    }

    [Fact]
    public void HuberAndLeakyRelu_AreNaNAtNaN_WithPyTorchsGradients()
    {
        // huber_loss_backward: the error itself inside [-delta, delta], which a NaN error falls into.
        double predictionGrad = 0, targetGrad = 0;
        Assert.True(double.IsNaN(Functions.HuberWithGradient(double.NaN, 1.0, 1.0, ref predictionGrad, ref targetGrad)));
        Assert.True(double.IsNaN(predictionGrad));
        Assert.True(double.IsNaN(targetGrad));
        float floatPredictionGrad = 0, floatTargetGrad = 0;
        Assert.True(float.IsNaN(Functions.HuberWithGradient(1f, float.NaN, 1f, ref floatPredictionGrad, ref floatTargetGrad)));
        Assert.True(float.IsNaN(floatPredictionGrad));

        // leaky_relu_backward: the slope wherever x > 0 is false, NaN included; the value is slope x = NaN.
        double leakyGrad = 0;
        Assert.True(double.IsNaN(Functions.LeakyReluWithGradient(double.NaN, 0.01, ref leakyGrad)));
        Assert.Equal(0.01, leakyGrad);
    }

    [Fact]
    public void LogSumExp_DoesNotOverflow_AndHandlesInfinitiesAndEmpty()
    {
        double[] grad = new double[2];
        Assert.Equal(1000 + Math.Log(2), Functions.LogSumExpWithGradient([1000.0, 1000.0], grad), 1e-12);
        Assert.Equal([0.5, 0.5], grad);

        grad = new double[2];
        Assert.Equal(0, Functions.LogSumExpWithGradient([double.NegativeInfinity, 0.0], grad));
        Assert.Equal([0.0, 1.0], grad);

        Assert.Equal(double.NegativeInfinity, Functions.LogSumExp(ReadOnlySpan<double>.Empty));
        Assert.Equal(double.NegativeInfinity, Functions.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(88.69314718f, Functions.LogSumExp([88f, 88f]), 1e-4f);
    }

    [Fact]
    public void Max_GivesTheGradientToTheFirstLargestElement()
    {
        var grad = new double[4];
        Assert.Equal(3, Functions.MaxWithGradient([1.0, 3.0, 3.0, -2.0], grad));
        Assert.Equal([0.0, 1.0, 0.0, 0.0], grad);
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientIsSoftmaxMinusOneHot_EvenForHugeLogits()
    {
        double[] logits = [1000, 0, -1000, 999];
        var grad = new double[4];
        double loss = Functions.SoftmaxCrossEntropyWithGradient(logits, 3, grad);

        var probabilities = new double[4];
        double logNormalizer = Functions.Softmax(logits, probabilities);
        Assert.Equal(logNormalizer - 999, loss, 1e-12);
        Assert.Equal(1 + Math.Log(1 + Math.Exp(-1)), loss, 1e-12);
        for (int i = 0; i < 4; i++)
        {
            // exp(logit - logsumexp) inherits the rounding of logsumexp near 1000 (an ulp is 1.1e-13).
            Assert.Equal(probabilities[i] - (i == 3 ? 1 : 0), grad[i], 1e-12);
        }
    }

    [Fact]
    public void InferenceSoftmax_SumsToOne_AgreesWithTheDifferentiableOne_AndChecksLengths()
    {
        double[] logits = [0.5, -1.25, 3, 2];
        var probabilities = new double[4];
        double logNormalizer = Functions.Softmax(logits, probabilities);
        Assert.Equal(1, probabilities.Sum(), 1e-15);
        Assert.Equal(Functions.LogSumExp(logits), logNormalizer);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Functions.Softmax(logits, i), probabilities[i], 1e-15);
            Assert.Equal(Math.Log(probabilities[i]), Functions.LogSoftmax(logits, i), 1e-14);
        }

        var floats = new float[4];
        Functions.Softmax([0.5f, -1.25f, 3f, 2f], floats);
        Assert.Equal(probabilities[2], floats[2], 1e-6);

        ArgumentException exception = Assert.Throws<ArgumentException>(() => Functions.Softmax(logits, new double[3]));
        Assert.Equal("probabilities", exception.ParamName);
    }

    [Fact]
    public void Huber_IsQuadraticInside_LinearOutside_AndContinuousAtDelta()
    {
        double insideGrad = 0, unused = 0, outsideGrad = 0, targetGrad = 0;
        Assert.Equal(0.5 * 0.25, Functions.HuberWithGradient(1.5, 1.0, 1.0, ref insideGrad, ref unused), 1e-15);
        Assert.Equal(0.5, insideGrad, 1e-15);
        Assert.Equal(2 * (4 - 1), Functions.HuberWithGradient(-3.0, 1.0, 2.0, ref outsideGrad, ref targetGrad), 1e-15);
        Assert.Equal(-2, outsideGrad);
        Assert.Equal(2, targetGrad);
        Assert.Equal(Functions.Huber(1.0 + 1e-12, 0, 1), Functions.Huber(1.0 - 1e-12, 0, 1), 1e-11);
    }

    [Fact]
    public void FloatOverloads_AgreeWithDoubleOnes()
    {
        float[] v = [0.5f, -1.25f, 3f, 2f];
        double[] d = v.Select(x => (double)x).ToArray();
        Assert.Equal(Functions.LogSumExp(d), Functions.LogSumExp(v), 1e-5);
        Assert.Equal(Functions.SoftmaxCrossEntropy(d, 1), Functions.SoftmaxCrossEntropy(v, 1), 1e-5);
        Assert.Equal(Functions.Gelu(d[1]), Functions.Gelu(v[1]), 1e-6);
        Assert.Equal(Functions.Sigmoid(d[1]), Functions.Sigmoid(v[1]), 1e-7);
        Assert.Equal(Functions.Huber(d, d.Reverse().ToArray(), 1.0), Functions.Huber(v, v.Reverse().ToArray(), 1f), 1e-6);
    }

    private static IReadOnlyDictionary<string, ScalarGradient> NaNLossCases { get; } = new Dictionary<string, ScalarGradient>
    {
        ["Relu"] = NaNLosses.ReluWithGradient,
        ["LeakyRelu"] = NaNLosses.LeakyReluWithGradient,
        ["Sigmoid"] = NaNLosses.SigmoidWithGradient,
        ["Softplus"] = NaNLosses.SoftplusWithGradient,
        ["Gelu"] = NaNLosses.GeluWithGradient,
        ["Huber"] = NaNLosses.HuberWithGradient,
        ["Max"] = NaNLosses.MaxWithGradient,
        ["LogSumExp"] = NaNLosses.LogSumExpWithGradient,
    };

    public static TheoryData<string> NaNLossNames => new(NaNLossCases.Keys.Order());

    private static double ReluGradient(double x, double outputGradient = 1)
    {
        double gradient = 0;
        Functions.ReluWithGradient(x, ref gradient, outputGradient);
        return gradient;
    }

    private static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));

    private static double LogSumExpByDefinition(double[] v) => Math.Log(v.Sum(Math.Exp));

    private static double BinaryCrossEntropyByDefinition(double logit, double target)
    {
        double p = 1 / (1 + Math.Exp(-logit));
        return -((target * Math.Log(p)) + ((1 - target) * Math.Log(1 - p)));
    }

    private static double HuberByDefinition(double prediction, double target)
    {
        double d = Math.Abs(prediction - target);
        return d <= HuberDelta ? 0.5 * d * d : HuberDelta * (d - (0.5 * HuberDelta));
    }

    private static GradientCase OfFloatSpan(string name, int length, Func<float[], float> value, FloatSpanGradient gradient, Func<double[], double> reference)
        => new(
            name,
            Domains.AsFloats(Domains.Signed(length)),
            p => value(ToFloats(p)),
            (p, g, seed) =>
            {
                var floatGrad = new float[length];
                float result = gradient(ToFloats(p), floatGrad, (float)seed);
                AddInto(g, floatGrad, 0);
                return result;
            },
            length,
            reference,
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance);

    private static GradientCase OfTwoSpans(string name, int length, Func<double[], double[], double> value, TwoSpanGradient gradient, Gen<double[]>? domain = null)
        => Cases.Of(
            name,
            domain ?? Domains.Signed(2 * length),
            p => value(p[..length], p[length..]),
            (p, g, seed) => gradient(p.AsSpan(0, length), p.AsSpan(length), g.AsSpan(0, length), g.AsSpan(length), seed));

    private static GradientCase OfFloatTwoSpans(string name, int length, Func<float[], float[], float> value, FloatTwoSpanGradient gradient, Func<double[], double[], double> reference, Gen<double[]>? domain = null)
        => new(
            name,
            Domains.AsFloats(domain ?? Domains.Signed(2 * length)),
            p => value(ToFloats(p[..length]), ToFloats(p[length..])),
            (p, g, seed) =>
            {
                var aGrad = new float[length];
                var bGrad = new float[length];
                float result = gradient(ToFloats(p[..length]), ToFloats(p[length..]), aGrad, bGrad, (float)seed);
                AddInto(g, aGrad, 0);
                AddInto(g, bGrad, length);
                return result;
            },
            2 * length,
            p => reference(p[..length], p[length..]),
            GradientCase.FloatTolerance,
            ValueTolerance: GradientCase.FloatValueTolerance);

    private static float[] ToFloats(double[] values) => values.Select(v => (float)v).ToArray();

    private static void AddInto(double[] target, float[] values, int offset)
    {
        for (int i = 0; i < values.Length; i++)
        {
            target[offset + i] += values[i];
        }
    }
}
