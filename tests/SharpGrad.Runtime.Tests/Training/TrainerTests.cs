using SharpGrad.Data;
using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Runtime.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void LossDecreasesAndTheLineIsFound()
    {
        var problem = new LinearProblem();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient) { Progress = ProgressDisplay.None };

        TrainingHistory history = trainer.Fit(problem.Loader(batchSize: 8), epochs: 30);

        double[] losses = history.TrainLoss();
        Assert.Equal(30, losses.Length);
        for (int epoch = 1; epoch < losses.Length; epoch++)
        {
            Assert.True(losses[epoch] < losses[epoch - 1], $"the loss rose from epoch {epoch} to {epoch + 1}: {losses[epoch - 1]} -> {losses[epoch]}");
        }

        Assert.True(losses[^1] < 1e-4 * losses[0]);
        Assert.Equal(2, problem.Weight.Data[0], 2);
        Assert.Equal(-1, problem.Bias.Data[0], 2);
    }

    [Fact]
    public void TheTrainerMatchesTheExplicitLoop()
    {
        var byTrainer = new LinearProblem();
        new Trainer<double>(new Sgd<double>(byTrainer.Parameters, lr: 0.05), byTrainer.Gradient) { Progress = ProgressDisplay.None }
            .Fit(byTrainer.Loader(batchSize: 5), epochs: 3);

        var byHand = new LinearProblem();
        var optimizer = new Sgd<double>(byHand.Parameters, lr: 0.05);
        DataLoader<double> loader = byHand.Loader(batchSize: 5);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            foreach (Batch<double> batch in loader)
            {
                optimizer.ZeroGrad();
                byHand.Gradient(batch);
                optimizer.Step();
            }
        }

        Assert.Equal(byHand.Weight.Data[0], byTrainer.Weight.Data[0]);
        Assert.Equal(byHand.Bias.Data[0], byTrainer.Bias.Data[0]);
    }

    [Fact]
    public void HistoryRecordsEveryEpoch()
    {
        var problem = new LinearProblem(samples: 30);
        var sgd = new Sgd<double>(problem.Parameters, lr: 0.1);
        var trainer = new Trainer<double>(sgd, problem.Gradient)
        {
            Evaluation = problem.Evaluate,
            AfterEpoch = (_, _) => sgd.ParameterGroups[0].LearningRate /= 2, // a step schedule
            Progress = ProgressDisplay.None,
        };

        TrainingHistory history = trainer.Fit(problem.Loader(batchSize: 8), epochs: 4, validation: problem.Loader(batchSize: 7));

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal([1.0, 2, 3, 4], history.EpochNumbers());
        Assert.Equal([0.1, 0.05, 0.025, 0.0125], history.LearningRate());
        Assert.All(history.Epochs, e =>
        {
            Assert.Equal(4, e.Steps);
            Assert.Equal(30, e.Samples);
            Assert.True(e.Seconds > 0);
            Assert.True(e.SamplesPerSecond > 0);
            Assert.NotNull(e.ValidationLoss);
            Assert.Equal(["mae"], e.Metrics.Keys);
        });
        Assert.False(history.StoppedEarly);
        Assert.Null(history.BestEpoch);

        // The validation loss is the whole set's MSE after the epoch, whatever the batch sizes.
        Span<double> predictions = stackalloc double[30];
        problem.Predict(problem.Dataset.Features, predictions);
        Assert.Equal(Metrics.MeanSquaredError<double>(predictions, problem.Dataset.Targets), history.ValidationLoss()[^1], 12);
        Assert.Equal(Metrics.MeanAbsoluteError<double>(predictions, problem.Dataset.Targets), history.Metric("mae")[^1], 12);
        Assert.Equal([double.NaN, double.NaN, double.NaN, double.NaN], history.Metric("missing"));
    }

    [Fact]
    public void TrainLossIsTheSampleWeightedMeanOfBatchLosses()
    {
        var problem = new LinearProblem(samples: 10);
        int call = 0;
        double[] batchLosses = [1, 2, 10];
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0), _ => batchLosses[call++]) { Progress = ProgressDisplay.None };

        TrainingHistory history = trainer.Fit(problem.Loader(batchSize: 4), epochs: 1);

        // Batches of 4, 4 and 2 samples.
        Assert.Equal(((4 * 1) + (4 * 2) + (2 * 10)) / 10.0, history.TrainLoss()[0]);
    }

    [Fact]
    public void CsvHasAHeaderAndOneRowPerEpoch()
    {
        var problem = new LinearProblem();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = problem.Evaluate,
            LearningRateSource = () => 0.1,
            Progress = ProgressDisplay.None,
        };

        string[] lines = trainer.Fit(problem.Loader(8), epochs: 2, validation: problem.Loader(8)).ToCsv().TrimEnd('\n').Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal("epoch,train_loss,val_loss,lr,seconds,mae", lines[0]);
        Assert.StartsWith("1,", lines[1], StringComparison.Ordinal);
        Assert.Equal(6, lines[2].Split(',').Length);
        Assert.Equal("0.1", lines[2].Split(',')[3]);
    }

    [Fact]
    public void HooksRunInOrder()
    {
        var problem = new LinearProblem(samples: 12);
        var events = new List<string>();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), batch =>
        {
            events.Add("gradient");
            return problem.Gradient(batch);
        })
        {
            BeforeStep = () =>
            {
                // The gradient is computed and not yet applied.
                Assert.NotEqual(0, problem.Bias.Grad[0]);
                events.Add("before-step");
            },
            AfterEpoch = (epoch, result) =>
            {
                Assert.Equal(epoch, result.Epoch);
                events.Add($"epoch {epoch}");
            },
            Progress = ProgressDisplay.None,
        };

        trainer.Fit(problem.Loader(batchSize: 6), epochs: 2);

        Assert.Equal(
            ["gradient", "before-step", "gradient", "before-step", "epoch 1", "gradient", "before-step", "gradient", "before-step", "epoch 2"],
            events);
    }

    [Fact]
    public void ALearningRateSourceOverridesTheFirstGroup()
    {
        var problem = new LinearProblem(samples: 8);
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            LearningRateSource = () => 42,
            Progress = ProgressDisplay.None,
        };

        Assert.Equal([42.0], trainer.Fit(problem.Loader(8), epochs: 1).LearningRate());
    }

    [Fact]
    public void BeforeStepCanClipGradients()
    {
        var weight = new Parameter<double>("w", 2);
        var trainer = new Trainer<double>(new Sgd<double>([weight], lr: 1), _ =>
        {
            weight.Grad[0] = 300;
            weight.Grad[1] = -400;
            return 0;
        })
        {
            BeforeStep = () => GradientClipping.ClipGradNorm([weight], maxNorm: 1),
            Progress = ProgressDisplay.None,
        };

        trainer.Fit(new LinearProblem(samples: 2).Loader(2), epochs: 1);

        // The gradient (300, -400) has norm 500; clipped to norm 1 it is (0.6, -0.8).
        Assert.Equal(-0.6, weight.Data[0], 6);
        Assert.Equal(0.8, weight.Data[1], 6);
    }

    [Fact]
    public void GradientsAreZeroedBeforeEveryBatch()
    {
        var problem = new LinearProblem(samples: 8);
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0), batch =>
        {
            Assert.Equal(0, problem.Weight.Grad[0]);
            Assert.Equal(0, problem.Bias.Grad[0]);
            return problem.Gradient(batch);
        })
        { Progress = ProgressDisplay.None };

        trainer.Fit(problem.Loader(batchSize: 2), epochs: 2);
    }

    [Fact]
    public void EvaluateAveragesOverSamples()
    {
        var problem = new LinearProblem(samples: 5);
        int call = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0), problem.Gradient)
        {
            Evaluation = (batch, metrics) =>
            {
                call++;
                metrics.Record("score", call);
                return call * 10;
            },
        };

        // Batches of 3 and 2 samples.
        EvaluationResult result = trainer.Evaluate(problem.Loader(batchSize: 3));

        Assert.Equal(((3 * 10) + (2 * 20)) / 5.0, result.Loss);
        Assert.Equal(((3 * 1) + (2 * 2)) / 5.0, result.Metrics["score"]);
        Assert.Equal(5, result.Samples);
    }

    [Fact]
    public void ValidationNeedsAnEvaluationDelegate()
    {
        var problem = new LinearProblem();
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient);

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(problem.Loader(8), 1, validation: problem.Loader(8)));
        Assert.Contains("Evaluation", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => trainer.Evaluate(problem.Loader(8)));
    }

    [Fact]
    public void CancellationStopsBeforeTheNextBatch()
    {
        var problem = new LinearProblem(samples: 16);
        using var cancellation = new CancellationTokenSource();
        int batches = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), batch =>
        {
            if (++batches == 3)
            {
                cancellation.Cancel();
            }

            return problem.Gradient(batch);
        })
        { Progress = ProgressDisplay.None };

        Assert.Throws<OperationCanceledException>(() => trainer.Fit(problem.Loader(4), epochs: 5, cancellationToken: cancellation.Token));
        Assert.Equal(3, batches);
    }
}
