namespace SharpGrad.Runtime.Tests.Parameters;

public sealed class InitTests
{
    // Large enough that sample statistics sit well inside the tolerances below for any seed.
    private const int Rows = 500;
    private const int Columns = 400;

    [Fact]
    public void ZerosOnesAndConstantSetEveryValue()
    {
        var parameter = new Parameter<float>("w", [1f, 2f, 3f, 4f], 2, 2);
        Assert.Same(parameter, Init.Zeros(parameter));
        Assert.All(parameter.Data.ToArray(), v => Assert.Equal(0f, v));
        Init.Ones(parameter);
        Assert.All(parameter.Data.ToArray(), v => Assert.Equal(1f, v));
        Init.Constant(parameter, 0.25);
        Assert.All(parameter.Data.ToArray(), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void InitializersLeaveTheGradientAlone()
    {
        var parameter = new Parameter<double>("w", 3, 2);
        parameter.Grad.Fill(7);
        Init.XavierUniform(parameter, new Random(1));
        Assert.All(parameter.Grad.ToArray(), g => Assert.Equal(7, g));
    }

    [Fact]
    public void UniformStaysInBoundsWithTheRightMoments()
    {
        var parameter = Init.Uniform(new Parameter<double>("w", Rows, Columns), new Random(1), -2, 3);
        double[] values = parameter.Data.ToArray();
        Assert.All(values, v => Assert.InRange(v, -2, 3));
        AssertMoments(values, expectedMean: 0.5, expectedVariance: 25.0 / 12.0);
    }

    [Fact]
    public void NormalHasTheRightMomentsAndShape()
    {
        var parameter = Init.Normal(new Parameter<double>("w", Rows, Columns), new Random(2), mean: 1.5, std: 0.5);
        double[] values = parameter.Data.ToArray();
        AssertMoments(values, expectedMean: 1.5, expectedVariance: 0.25);

        // About 68.27% of a normal sample lies within one standard deviation of the mean.
        double withinOneStd = values.Count(v => Math.Abs(v - 1.5) < 0.5) / (double)values.Length;
        Assert.InRange(withinOneStd, 0.6777, 0.6877);
    }

    [Fact]
    public void NormalFillsAnOddLength()
    {
        var parameter = Init.Normal(new Parameter<float>("b", 7), new Random(3), mean: 10, std: 1);
        Assert.All(parameter.Data.ToArray(), v => Assert.InRange(v, 0f, 20f));
    }

    [Fact]
    public void XavierUniformUsesBothFans()
    {
        var parameter = Init.XavierUniform(new Parameter<double>("w", Rows, Columns), new Random(4), gain: 2);
        double bound = 2 * Math.Sqrt(6.0 / (Rows + Columns));
        double[] values = parameter.Data.ToArray();
        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        Assert.True(values.Max() > 0.99 * bound, "the bound should be nearly reached");
        AssertMoments(values, expectedMean: 0, expectedVariance: 4 * 2.0 / (Rows + Columns));
    }

    [Fact]
    public void XavierNormalUsesBothFans()
    {
        var parameter = Init.XavierNormal(new Parameter<float>("w", Rows, Columns), new Random(5));
        AssertMoments(ToDoubles(parameter), expectedMean: 0, expectedVariance: 2.0 / (Rows + Columns));
    }

    [Fact]
    public void KaimingUniformDefaultsToReluGainAndFanIn()
    {
        var parameter = Init.KaimingUniform(new Parameter<double>("w", Rows, Columns), new Random(6));
        double bound = Math.Sqrt(2) * Math.Sqrt(3.0 / Columns);
        double[] values = parameter.Data.ToArray();
        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        AssertMoments(values, expectedMean: 0, expectedVariance: 2.0 / Columns);
    }

    [Fact]
    public void KaimingNormalWithFanOutAndTanh()
    {
        var parameter = Init.KaimingNormal(new Parameter<double>("w", Rows, Columns), new Random(7), mode: FanMode.FanOut, nonlinearity: Nonlinearity.Tanh);
        double gain = 5.0 / 3.0;
        AssertMoments(parameter.Data.ToArray(), expectedMean: 0, expectedVariance: gain * gain / Rows);
    }

    [Fact]
    public void KaimingUsesTheLeakyReluSlope()
    {
        var parameter = Init.KaimingNormal(new Parameter<double>("w", Rows, Columns), new Random(8), a: 0.5);
        AssertMoments(parameter.Data.ToArray(), expectedMean: 0, expectedVariance: 2.0 / (1 + 0.25) / Columns);
    }

    [Fact]
    public void KaimingWithLinearHasGainOne()
    {
        var parameter = Init.KaimingUniform(new Parameter<double>("w", Rows, Columns), new Random(9), nonlinearity: Nonlinearity.Linear);
        AssertMoments(parameter.Data.ToArray(), expectedMean: 0, expectedVariance: 1.0 / Columns);
    }

    [Fact]
    public void SameSeedGivesSameValuesAndOtherSeedsDiffer()
    {
        float[] first = Init.KaimingNormal(new Parameter<float>("w", 8, 5), new Random(42)).Data.ToArray();
        float[] again = Init.KaimingNormal(new Parameter<float>("w", 8, 5), new Random(42)).Data.ToArray();
        float[] other = Init.KaimingNormal(new Parameter<float>("w", 8, 5), new Random(43)).Data.ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ConsecutiveCallsContinueTheSameGenerator()
    {
        var random = new Random(10);
        float[] a = Init.Uniform(new Parameter<float>("a", 16), random).Data.ToArray();
        float[] b = Init.Uniform(new Parameter<float>("b", 16), random).Data.ToArray();
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(new[] { 10, 3 }, 3, 10)]
    [InlineData(new[] { 16, 8, 3, 3 }, 72, 144)]
    [InlineData(new[] { 4, 2, 5 }, 10, 20)]
    public void FansFollowPyTorch(int[] shape, int fanIn, int fanOut)
    {
        Assert.Equal((fanIn, fanOut), Init.CalculateFanInAndFanOut(shape));
    }

    [Fact]
    public void FansOfAOneDimensionalParameterAreAnError()
    {
        var bias = new Parameter<float>("bias", 10);
        var error = Assert.Throws<ArgumentException>(() => Init.XavierUniform(bias, new Random(0)));
        Assert.Contains("fewer than 2 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bias'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Init.KaimingNormal(bias, new Random(0)));
        Assert.Throws<ArgumentException>(() => Init.CalculateFanInAndFanOut([10]));
    }

    [Fact]
    public void GainsMatchPyTorch()
    {
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Linear));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Sigmoid));
        Assert.Equal(5.0 / 3.0, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2.0), Init.CalculateGain(Nonlinearity.Relu));
        Assert.Equal(Math.Sqrt(2.0 / (1 + (0.01 * 0.01))), Init.CalculateGain(Nonlinearity.LeakyRelu));
        Assert.Equal(Math.Sqrt(2.0 / 1.04), Init.CalculateGain(Nonlinearity.LeakyRelu, 0.2), 15);
        Assert.Equal(0.75, Init.CalculateGain(Nonlinearity.Selu));
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        var parameter = new Parameter<float>("w", 3, 3);
        var random = new Random(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(parameter, random, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(parameter, random, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(parameter, random, std: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(parameter, random, std: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.XavierNormal(parameter, random, gain: -1));
        Assert.Throws<ArgumentNullException>(() => Init.Normal(parameter, null!));
    }

    private static double[] ToDoubles(Parameter<float> parameter) => [.. parameter.Data.ToArray().Select(v => (double)v)];

    // Tolerances of about five standard errors: the mean's error is σ/√n and the variance's is about σ²·√(2/n).
    private static void AssertMoments(double[] values, double expectedMean, double expectedVariance)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        double n = values.Length;
        Assert.InRange(mean, expectedMean - (5 * Math.Sqrt(expectedVariance / n)), expectedMean + (5 * Math.Sqrt(expectedVariance / n)));
        double varianceTolerance = 5 * expectedVariance * Math.Sqrt(2 / n);
        Assert.InRange(variance, expectedVariance - varianceTolerance, expectedVariance + varianceTolerance);
    }
}
