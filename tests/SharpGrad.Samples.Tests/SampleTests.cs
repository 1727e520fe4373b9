namespace SharpGrad.Samples.Tests;

/// <summary>
/// Each sample in --quick mode: exit code 0, its final metric printed and meeting the sample's criterion, and its
/// PNGs written. The tests of one class run one after another, so the samples do not compete for the cores.
/// </summary>
public sealed class SampleTests
{
    private const string N = @"(-?[0-9]+(?:\.[0-9]+)?)";

    [Fact]
    public void LinearRegression_reaches_the_noise_floor()
    {
        SampleRun run = SampleRun.Quick("LinearRegression");
        run.AssertSucceeded();
        double[] mse = run.Numbers($@"^final validation MSE: {N} \({N} x the noise variance {N}\)");
        Assert.InRange(mse[0] / mse[2], 0.9, 1.1);
        double[] weightError = run.Numbers($@"^largest weight error: {N}");
        Assert.InRange(weightError[0], 0, 0.05);
        run.AssertPlots("loss.png");
        run.DeleteOutput();
    }

    [Fact]
    public void Iris_reaches_93_percent_validation_accuracy()
    {
        SampleRun run = SampleRun.Quick("Iris");
        run.AssertSucceeded();
        double[] counts = run.Numbers($@"^final validation accuracy: .*\({N} of {N}\)");
        Assert.True(counts[0] / counts[1] >= 0.93, $"{counts[0]} of {counts[1]} correct.\n{run.Describe()}");
        // Early stopping saved the best model by name and loaded it back before measuring.
        double[] stop = run.Numbers($@"^stopped after epoch {N}, best validation loss {N}, checkpoint ");
        Assert.InRange(stop[0], 1, 100);
        var model = new SharpGrad.Nn.Float64.Sequential(new SharpGrad.Nn.Float64.Linear(4, 16), new SharpGrad.Nn.Float64.ReLU(), new SharpGrad.Nn.Float64.Linear(16, 3));
        SharpGrad.Checkpoints.Checkpoint.Load(Path.Combine(run.OutputDirectory, "iris.sgck"), model);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.Parameters().Names);
        run.DeleteOutput();
    }

    [Fact]
    public void Perceptron_reaches_97_percent_validation_accuracy()
    {
        SampleRun run = SampleRun.Quick("Perceptron");
        run.AssertSucceeded();
        double[] counts = run.Numbers($@"^final validation accuracy: .*\({N} of {N}\)");
        Assert.True(counts[0] / counts[1] >= 0.97, $"{counts[0]} of {counts[1]} correct.\n{run.Describe()}");
        run.AssertPlots("loss.png", "decision-boundary.png");
        run.DeleteOutput();
    }

    [Fact]
    public void CurveFitting_recovers_the_parameters()
    {
        SampleRun run = SampleRun.Quick("CurveFitting");
        run.AssertSucceeded();
        // The sample's truth and tolerances, repeated here so that loosening them in the sample fails this test.
        (string Parameter, double True, double Tolerance)[] expected = [("A", 2.0, 0.06), ("d", 0.3, 0.015), ("w", 2.5, 0.015), ("phi", 0.6, 0.05)];
        foreach ((string parameter, double truth, double tolerance) in expected)
        {
            // " A (amplitude)         2.000    2.0035  0.0035   0.060": true, fitted, error, tolerance.
            double[] row = run.Numbers($@"^ {parameter} \([^)]*\)\s+{N}\s+{N}\s+{N}\s+{N}");
            Assert.Equal(truth, row[0], 1e-9);
            Assert.True(Math.Abs(row[1] - truth) <= tolerance, $"{parameter}: true {truth}, fitted {row[1]}, tolerance {tolerance}.\n{run.Describe()}");
        }

        double[] rmse = run.Numbers($@"^final validation RMSE: {N} \(noise std {N}\)");
        Assert.InRange(rmse[0], 0, 1.25 * rmse[1]);
        run.AssertPlots("loss.png", "fit.png");
        run.DeleteOutput();
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void Mnist_quick_run_reaches_85_percent_test_accuracy(string model)
    {
        // --quick trains on 2,000 of the 8,000 training digits for 2 epochs; the full run's bars (97% CNN, 95% MLP)
        // are in samples/Mnist/README.md.
        SampleRun run = SampleRun.Quick("Mnist", "--model", model);
        run.AssertSucceeded();
        Assert.Matches(@"^SharpGrad MNIST, .* 2000 training and 2000 test digits", run.StdOut.Split('\n')[0]);
        double[] counts = run.Numbers($@"^final test accuracy: .*\({N} of {N}\)");
        Assert.Equal(2000, counts[1]);
        Assert.True(counts[0] / counts[1] >= 0.85, $"{counts[0]} of {counts[1]} correct.\n{run.Describe()}");
        double[] speed = run.Numbers($@"^training: {N} s for {N} epochs, {N} samples/s");
        Assert.True(speed[2] > 0, run.Describe());
        Assert.Contains("confusion matrix on the test split", run.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^checkpoint: (conv1|fc1)\.weight, .* saved to .*; loaded into a new model: identical test logits", run.StdOut);
        run.AssertPlots($"{model}-loss.png", $"{model}-confusion.png", $"{model}-misclassified.png");
        run.DeleteOutput();
    }
}
