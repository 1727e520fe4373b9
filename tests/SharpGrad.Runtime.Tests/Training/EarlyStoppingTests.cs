using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Runtime.Tests.Training;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void StopsPatienceEpochsAfterTheBest()
    {
        // Best at epoch 3; epochs 4, 5 and 6 do not improve, so patience 3 stops after epoch 6.
        TrainingHistory history = Run([5, 4, 3, 3.5, 3.2, 3.1, 1, 0.5], new EarlyStopping(patience: 3));

        Assert.Equal(6, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.BestEpoch);
        Assert.Equal("val_loss", history.MonitoredQuantity);
    }

    [Fact]
    public void ImprovementsSmallerThanMinDeltaDoNotCount()
    {
        // 0.95 and 0.92 are within 0.1 of the best (1.0), so they are not improvements.
        TrainingHistory history = Run([1.0, 0.95, 0.92, 0.5], new EarlyStopping(patience: 2, minDelta: 0.1));

        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(1, history.BestEpoch);
    }

    [Fact]
    public void AnImprovementResetsThePatience()
    {
        TrainingHistory history = Run([3, 4, 2, 4, 4, 4, 4], new EarlyStopping(patience: 2));

        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(3, history.BestEpoch);
    }

    [Fact]
    public void RunsEveryEpochWhileImproving()
    {
        TrainingHistory history = Run([5, 4, 3, 2], new EarlyStopping(patience: 1));

        Assert.Equal(4, history.Epochs.Count);
        Assert.False(history.StoppedEarly);
        Assert.Equal(4, history.BestEpoch);
    }

    [Fact]
    public void CanMaximizeAMetric()
    {
        var problem = new LinearProblem(samples: 8);
        double[] accuracy = [0.5, 0.7, 0.6, 0.65, 0.9];
        int epoch = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = (_, metrics) =>
            {
                metrics.Record("accuracy", accuracy[epoch]);
                return 1;
            },
            AfterEpoch = (_, _) => epoch++,
            EarlyStopping = new EarlyStopping(patience: 2) { Metric = "accuracy", Maximize = true },
            Progress = ProgressDisplay.None,
        };

        TrainingHistory history = trainer.Fit(problem.Loader(8), epochs: 5, validation: problem.Loader(8));

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(2, history.BestEpoch);
        Assert.Equal("accuracy", history.MonitoredQuantity);
    }

    [Fact]
    public void MonitorsTheTrainingLossWithoutValidation()
    {
        var problem = new LinearProblem(samples: 4);
        double[] losses = [2, 1, 1, 1, 0];
        int epoch = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0), _ => losses[epoch])
        {
            AfterEpoch = (_, _) => epoch++,
            EarlyStopping = new EarlyStopping(patience: 2),
            Progress = ProgressDisplay.None,
        };

        TrainingHistory history = trainer.Fit(problem.Loader(4), epochs: 5);

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal("train_loss", history.MonitoredQuantity);
    }

    [Fact]
    public void RestoresTheBestParameters()
    {
        var problem = new LinearProblem(samples: 8);
        double[] validationLosses = [3, 1, 2, 2, 2];
        var weightAfterEpoch = new List<double>();
        int epoch = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = (_, _) => validationLosses[epoch],
            AfterEpoch = (_, _) =>
            {
                weightAfterEpoch.Add(problem.Weight.Data[0]);
                epoch++;
            },
            EarlyStopping = new EarlyStopping(patience: 2) { RestoreBestParameters = true },
            Progress = ProgressDisplay.None,
        };

        TrainingHistory history = trainer.Fit(problem.Loader(4), epochs: 5, validation: problem.Loader(8));

        Assert.Equal(4, history.Epochs.Count);
        Assert.True(history.RestoredBestParameters);
        Assert.NotEqual(weightAfterEpoch[1], weightAfterEpoch[3]);
        Assert.Equal(weightAfterEpoch[1], problem.Weight.Data[0]);
    }

    [Fact]
    public void AMissingMonitoredMetricIsAClearError()
    {
        var problem = new LinearProblem(samples: 4);
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = problem.Evaluate,
            EarlyStopping = new EarlyStopping(patience: 2) { Metric = "accuracy" },
            Progress = ProgressDisplay.None,
        };

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(problem.Loader(4), 3, validation: problem.Loader(4)));
        Assert.Contains("'accuracy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("mae", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 1, minDelta: -1));
    }

    // Trains the linear problem while the evaluation reports the scripted validation losses, one per epoch.
    private static TrainingHistory Run(double[] validationLosses, EarlyStopping earlyStopping)
    {
        var problem = new LinearProblem(samples: 8);
        int epoch = 0;
        var trainer = new Trainer<double>(new Sgd<double>(problem.Parameters, lr: 0.1), problem.Gradient)
        {
            Evaluation = (_, _) => validationLosses[epoch],
            AfterEpoch = (_, _) => epoch++,
            EarlyStopping = earlyStopping,
            Progress = ProgressDisplay.None,
        };

        return trainer.Fit(problem.Loader(4), epochs: validationLosses.Length, validation: problem.Loader(8));
    }
}
