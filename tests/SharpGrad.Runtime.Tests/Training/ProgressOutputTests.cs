using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Runtime.Tests.Training;

public sealed class ProgressOutputTests
{
    [Fact]
    public void AnInjectedWriterGetsOneLinePerEpoch()
    {
        var problem = new LinearProblem(samples: 16);
        using var output = new StringWriter();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = problem.Evaluate,
            LearningRateSource = () => 0.1,
            Output = output,
        };

        trainer.Fit(problem.Loader(4), epochs: 3, validation: problem.Loader(16));

        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            string line = lines[epoch - 1];
            Assert.StartsWith($"Epoch {epoch}/3: train_loss ", line, StringComparison.Ordinal);
            Assert.Contains(", val_loss ", line, StringComparison.Ordinal);
            Assert.Contains(", mae ", line, StringComparison.Ordinal);
            Assert.Contains(", lr 0.1, ", line, StringComparison.Ordinal);
            Assert.Contains(" samples/s, ", line, StringComparison.Ordinal);
            Assert.EndsWith(" s", line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EarlyStoppingAndRestoringAreAnnounced()
    {
        var problem = new LinearProblem(samples: 8);
        double[] validationLosses = [1, 2, 3];
        int epoch = 0;
        using var output = new StringWriter();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = (_, _) => validationLosses[epoch],
            AfterEpoch = (_, _) => epoch++,
            EarlyStopping = new EarlyStopping(patience: 2) { RestoreBestParameters = true },
            Progress = ProgressDisplay.Lines,
            Output = output,
        };

        trainer.Fit(problem.Loader(8), epochs: 10, validation: problem.Loader(8));

        string text = output.ToString();
        Assert.Contains("Epoch 3/10: ", text, StringComparison.Ordinal);
        Assert.Contains("Early stopping after epoch 3: val_loss has not improved by more than 0 for 2 epochs; the best was 1 at epoch 1.", text, StringComparison.Ordinal);
        Assert.Contains("Restored the parameters of epoch 1.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoneWritesNothing()
    {
        var problem = new LinearProblem(samples: 8);
        using var output = new StringWriter();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Progress = ProgressDisplay.None,
            Output = output,
        };

        trainer.Fit(problem.Loader(4), epochs: 2);

        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void TheBarRunsOnAnyWriter()
    {
        var problem = new LinearProblem(samples: 8);
        using var output = new StringWriter();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Progress = ProgressDisplay.Bar,
            Output = output,
            EarlyStopping = new EarlyStopping(patience: 1) { RestoreBestParameters = true },
        };

        TrainingHistory history = trainer.Fit(problem.Loader(4), epochs: 2);

        Assert.Equal(2, history.Epochs.Count);
        string text = output.ToString();
        Assert.Contains("Epoch 2/2: train_loss ", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);

        // Messages wait until the live display has finished, so they are not drawn over.
        Assert.EndsWith("Restored the parameters of epoch 2." + Environment.NewLine, text, StringComparison.Ordinal);
    }
}
