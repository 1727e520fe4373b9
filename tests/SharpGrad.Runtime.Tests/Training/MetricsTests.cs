using SharpGrad.Training;

namespace SharpGrad.Runtime.Tests.Training;

public sealed class MetricsTests
{
    [Fact]
    public void MeanSquaredErrorAndMeanAbsoluteError()
    {
        float[] predictions = [1, 2, 3, 4];
        float[] targets = [1, 0, 5, 3];

        // Errors 0, 2, -2, 1.
        Assert.Equal((0 + 4 + 4 + 1) / 4.0, Metrics.MeanSquaredError<float>(predictions, targets));
        Assert.Equal((0 + 2 + 2 + 1) / 4.0, Metrics.MeanAbsoluteError<float>(predictions, targets));
    }

    [Fact]
    public void AccuracyWithClassIndices()
    {
        double[] logits =
        [
            0.1, 0.7, 0.2, // predicts 1
            2.0, 1.0, 0.0, // predicts 0
            0.0, 0.0, 5.0, // predicts 2
            1.0, 1.0, 0.0, // tie: predicts the first, 0
        ];
        double[] targets = [1, 2, 2, 1];

        Assert.Equal(0.5, Metrics.Accuracy<double>(logits, targets, count: 4));
    }

    [Fact]
    public void AccuracyWithOneHotTargets()
    {
        double[] logits = [0.1, 0.9, 0.8, 0.2, 0.3, 0.7];
        double[] oneHot = [0, 1, 1, 0, 1, 0];

        Assert.Equal(2.0 / 3.0, Metrics.Accuracy<double>(logits, oneHot, count: 3));
    }

    [Fact]
    public void AccuracyWithOneLogitIsBinary()
    {
        double[] logits = [2.5, -1, 0.5, -0.1];
        double[] targets = [1, 0, 0, 0];

        Assert.Equal(0.75, Metrics.Accuracy<double>(logits, targets, count: 4));
    }

    [Fact]
    public void CrossEntropyWithClassIndices()
    {
        double[] logits = [1, 2, 3, 0, 0, 0];
        double[] targets = [2, 0];

        // −log softmax: sample 1 is log(e + e² + e³) − 3; sample 2 is log 3.
        double first = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        Assert.Equal((first + Math.Log(3)) / 2, Metrics.CrossEntropy<double>(logits, targets, count: 2), 12);
        Assert.Equal(0.40760596444438, first, 13);
    }

    [Fact]
    public void CrossEntropyWithProbabilityTargets()
    {
        double[] logits = [0, 0, 1, 2];
        double[] probabilities = [0.25, 0.75, 0, 1];

        double lse2 = Math.Log(Math.Exp(1) + Math.Exp(2));
        double expected = ((0.25 * Math.Log(2)) + (0.75 * Math.Log(2)) + (lse2 - 2)) / 2;
        Assert.Equal(expected, Metrics.CrossEntropy<double>(logits, probabilities, count: 2), 12);
    }

    [Fact]
    public void CrossEntropyDoesNotOverflowOnLargeLogits()
    {
        float[] logits = [1000, 0, -1000, 1000];

        double loss = Metrics.CrossEntropy<float>(logits, [0f, 0f], count: 2);

        // Sample 1 is almost certainly right (≈ e^-1000), sample 2 is wrong by 2000.
        Assert.Equal(1000, loss, 9);
    }

    [Fact]
    public void InvalidInputsAreClearErrors()
    {
        Assert.Throws<ArgumentException>(() => Metrics.MeanSquaredError<double>([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => Metrics.MeanAbsoluteError<double>([], []));
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy<double>([1, 2, 3], [0], count: 2));
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy<double>([1, 2, 3, 4], [0, 1, 2], count: 2));
        var error = Assert.Throws<ArgumentException>(() => Metrics.CrossEntropy<double>([1, 2, 3, 4], [0, 2], count: 2));
        Assert.Contains("targets[1] is 2, which is not a class index in [0, 2)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy<double>([1, 2, 3, 4], [0.5, 1], count: 2));
    }
}
