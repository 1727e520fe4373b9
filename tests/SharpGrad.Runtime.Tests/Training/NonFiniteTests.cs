using SharpGrad.Data;
using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Runtime.Tests.Training;

public sealed class NonFiniteTests
{
    [Fact]
    public void ANaNGradientNamesStepEpochParameterAndIndex()
    {
        // 20 batches per epoch, so step 37 is batch 17 of epoch 2.
        var weight = new Parameter<float>("weight", 1, 10);
        var bias = new Parameter<float>("bias", 1);
        int step = 0;
        var trainer = new Trainer<float>(new Sgd<float>([weight, bias], lr: 0.01), batch =>
        {
            step++;
            weight.Grad.Fill(0.5f);
            if (step == 37)
            {
                weight.Grad[4] = float.NaN;
                weight.Grad[7] = float.PositiveInfinity;
            }

            return 1;
        })
        { Progress = ProgressDisplay.None };

        var error = Assert.Throws<NonFiniteException>(() => trainer.Fit(Loader<float>(samples: 20, batchSize: 1), epochs: 3));

        Assert.Contains("step 37 (epoch 2, batch 17 of 20)", error.Message, StringComparison.Ordinal);
        Assert.Contains("gradient of 'weight' contains NaN at index 4 (element [0, 4])", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 10 values are not finite", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Epoch);
        Assert.Equal(37, error.Step);
        Assert.Equal("weight", error.ParameterName);
        Assert.Equal(4, error.Index);
    }

    [Fact]
    public void AnInfiniteGradientIsReportedBeforeTheStep()
    {
        var weight = new Parameter<double>("w", 3);
        bool beforeStepRan = false;
        var trainer = new Trainer<double>(new Sgd<double>([weight], lr: 0.1), _ =>
        {
            weight.Grad[2] = double.NegativeInfinity;
            return 0;
        })
        {
            BeforeStep = () => beforeStepRan = true,
            Progress = ProgressDisplay.None,
        };

        var error = Assert.Throws<NonFiniteException>(() => trainer.Fit(Loader(samples: 4, batchSize: 2), epochs: 1));

        Assert.Contains("step 1 (epoch 1, batch 1 of 2): gradient of 'w' contains -Infinity at index 2;", error.Message, StringComparison.Ordinal);
        Assert.False(beforeStepRan);
        Assert.Equal(0, weight.Data[2]);
    }

    [Fact]
    public void ANaNLossNamesStepAndEpoch()
    {
        var weight = new Parameter<double>("w", 2);
        int step = 0;
        var trainer = new Trainer<double>(new Sgd<double>([weight], lr: 0.1), _ => ++step == 7 ? double.NaN : 1) { Progress = ProgressDisplay.None };

        var error = Assert.Throws<NonFiniteException>(() => trainer.Fit(Loader(samples: 8, batchSize: 2), epochs: 3));

        Assert.Contains("step 7 (epoch 2, batch 3 of 4): the loss is NaN", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ParameterName);
        Assert.Equal(-1, error.Index);
        Assert.Equal(2, error.Epoch);
    }

    [Fact]
    public void AnInfiniteValidationLossIsReported()
    {
        var weight = new Parameter<double>("w", 2);
        var trainer = new Trainer<double>(new Sgd<double>([weight], lr: 0.1), _ => 1)
        {
            Evaluation = (_, _) => double.PositiveInfinity,
            Progress = ProgressDisplay.None,
        };

        var error = Assert.Throws<NonFiniteException>(() => trainer.Fit(Loader(samples: 4, batchSize: 2), epochs: 2, validation: Loader(4, 4)));

        Assert.Contains("after step 2 (epoch 1): the validation loss is +Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectionCanBeTurnedOff()
    {
        var weight = new Parameter<double>("w", 2);
        var trainer = new Trainer<double>(new Sgd<double>([weight], lr: 0.1), _ =>
        {
            weight.Grad[0] = double.NaN;
            return double.NaN;
        })
        {
            DetectNonFinite = false,
            Progress = ProgressDisplay.None,
        };

        TrainingHistory history = trainer.Fit(Loader(samples: 4, batchSize: 2), epochs: 1);

        Assert.True(double.IsNaN(history.TrainLoss()[0]));
        Assert.True(double.IsNaN(weight.Data[0]));
    }

    [Fact]
    public void TheLoopHelperNamesTheParameterAndTheFirstBadElement()
    {
        var weight = new Parameter<float>("weight", 2, 3);
        var bias = new Parameter<float>("bias", 2);
        weight.Grad[4] = float.PositiveInfinity;
        weight.Grad[5] = float.NaN;

        var error = Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNotFinite(0.5f, weight, bias));

        Assert.StartsWith("Training stopped: gradient of 'weight' contains +Infinity at index 4 (element [1, 1]); 2 of 6 values are not finite.", error.Message, StringComparison.Ordinal);
        Assert.Equal("weight", error.ParameterName);
        Assert.Equal(4, error.Index);
        Assert.Equal(0, error.Epoch);
        Assert.Equal(0, error.Step);
    }

    [Fact]
    public void TheLoopHelperChecksTheLossFirst_AndPassesFiniteValues()
    {
        var weight = new Parameter<double>("w", 3);
        NonFiniteException.ThrowIfNotFinite(1e300, weight);
        NonFiniteException.ThrowIfNotFinite<double>(0);

        weight.Grad[1] = double.NaN;
        var error = Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNotFinite(double.NegativeInfinity, weight));

        Assert.StartsWith("Training stopped: the loss is -Infinity.", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ParameterName);
        Assert.Equal(-1, error.Index);
        Assert.Contains("gradient of 'w' contains NaN at index 1;", Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNotFinite(2.0, weight)).Message, StringComparison.Ordinal);
    }

    private static DataLoader<T> Loader<T>(int samples, int batchSize)
        where T : unmanaged, System.Numerics.INumberBase<T> =>
        new(new ArrayDataset<T>(new T[samples], 1, new T[samples]), batchSize);

    private static DataLoader<double> Loader(int samples, int batchSize) => Loader<double>(samples, batchSize);
}
