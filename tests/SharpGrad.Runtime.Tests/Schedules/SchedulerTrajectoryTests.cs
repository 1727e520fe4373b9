using SharpGrad.Optimizers;
using SharpGrad.Runtime.Tests.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Schedules;

/// <summary>Every recorded PyTorch scheduler, 30 epochs over SGD with two parameter groups.</summary>
public sealed class SchedulerTrajectoryTests
{
    public static TheoryData<string> Schedulers => new(PyTorchReference.Schedulers.Select(c => c.Name));

    [Fact]
    public void The_reference_data_has_every_scheduler_with_30_epochs()
    {
        Assert.Equal(["CosineAnnealingLR", "ExponentialLR", "LinearLR", "MultiStepLR", "ReduceLROnPlateau", "StepLR"], PyTorchReference.Schedulers.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(PyTorchReference.Schedulers, c => Assert.Equal(30, c.LearningRates.Count));
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void Learning_rates_and_parameters_follow_PyTorch_for_30_epochs(string name)
    {
        SchedulerCase c = PyTorchReference.Scheduler(name);
        (Sgd<double> optimizer, Parameter<double> p, Parameter<double> q) = SchedulerSgd();

        Func<double, IReadOnlyList<double>> step = Create(c, optimizer).Step;
        AssertRates(c.InitialLearningRates, optimizer, $"{name} after construction");

        foreach (SchedulerEpoch epoch in c.Epochs)
        {
            AssertRates(epoch.LearningRatesUsed, optimizer, $"{name} epoch {epoch.Epoch} before the step");
            epoch.GradP.CopyTo(p.Grad);
            epoch.GradQ.CopyTo(q.Grad);
            optimizer.Step();
            Tolerance.AssertClose(epoch.ParamsP, p.Data, Tolerance.Double, $"{name} epoch {epoch.Epoch} p");
            Tolerance.AssertClose(epoch.ParamsQ, q.Data, Tolerance.Double, $"{name} epoch {epoch.Epoch} q");

            IReadOnlyList<double> last = step(epoch.Metric ?? double.NaN);

            double[] expected = c.LearningRates[epoch.Epoch - 1];
            Tolerance.AssertClose(expected, [.. last], Tolerance.LearningRate, $"{name} LastLearningRates after epoch {epoch.Epoch}");
            AssertRates(expected, optimizer, $"{name} group lr after epoch {epoch.Epoch}");
        }
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void A_run_resumed_from_saved_optimizer_and_scheduler_state_follows_PyTorch(string name)
    {
        const int SavedAfterEpoch = 12;
        SchedulerCase c = PyTorchReference.Scheduler(name);
        (Sgd<double> optimizer, Parameter<double> p, Parameter<double> q) = SchedulerSgd();
        SchedulerDriver original = Create(c, optimizer);
        foreach (SchedulerEpoch epoch in c.Epochs.Take(SavedAfterEpoch))
        {
            epoch.GradP.CopyTo(p.Grad);
            epoch.GradQ.CopyTo(q.Grad);
            optimizer.Step();
            original.Step(epoch.Metric ?? double.NaN);
        }

        OptimizerState optimizerState = optimizer.GetState();
        IReadOnlyDictionary<string, double> schedulerState = original.GetState();

        // PyTorch's order: build optimizer and scheduler, then load both states (the scheduler's
        // construction step is undone by the optimizer's saved learning rates).
        (Sgd<double> resumed, Parameter<double> resumedP, Parameter<double> resumedQ) = SchedulerSgd();
        c.Epochs[SavedAfterEpoch - 1].ParamsP.CopyTo(resumedP.Data);
        c.Epochs[SavedAfterEpoch - 1].ParamsQ.CopyTo(resumedQ.Data);
        SchedulerDriver scheduler = Create(c, resumed);
        resumed.LoadState(optimizerState);
        scheduler.LoadState(schedulerState);
        Tolerance.AssertClose(c.LearningRates[SavedAfterEpoch - 1], [.. scheduler.GetState().Where(x => x.Key.StartsWith("last_lr.", StringComparison.Ordinal)).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Value)], Tolerance.LearningRate, $"{name} restored last_lr");

        foreach (SchedulerEpoch epoch in c.Epochs.Skip(SavedAfterEpoch))
        {
            AssertRates(epoch.LearningRatesUsed, resumed, $"{name} resumed epoch {epoch.Epoch} before the step");
            epoch.GradP.CopyTo(resumedP.Grad);
            epoch.GradQ.CopyTo(resumedQ.Grad);
            resumed.Step();
            Tolerance.AssertClose(epoch.ParamsP, resumedP.Data, Tolerance.Double, $"{name} resumed epoch {epoch.Epoch} p");
            IReadOnlyList<double> last = scheduler.Step(epoch.Metric ?? double.NaN);
            Tolerance.AssertClose(c.LearningRates[epoch.Epoch - 1], [.. last], Tolerance.LearningRate, $"{name} resumed LastLearningRates after epoch {epoch.Epoch}");
        }
    }

    [Fact]
    public void Restoring_scheduler_state_for_another_group_count_is_rejected()
    {
        (Sgd<double> optimizer, _, _) = SchedulerSgd();
        var scheduler = new StepLR(optimizer, stepSize: 3);
        var state = new Dictionary<string, double>(scheduler.GetState()) { ["groups"] = 3 };
        var error = Assert.Throws<ArgumentException>(() => scheduler.LoadState(state));
        Assert.Contains("3 parameter groups but the optimizer has 2", error.Message);
        state.Remove("groups");
        Assert.Contains("no 'groups'", Assert.Throws<ArgumentException>(() => scheduler.LoadState(state)).Message);
        Assert.Equal(0, scheduler.LastEpoch);
    }

    private static (Sgd<double> Optimizer, Parameter<double> P, Parameter<double> Q) SchedulerSgd()
    {
        (Parameter<double> p, Parameter<double> q) = ReferenceOptimizers.InitialParameters<double>(PyTorchReference.Optimizers[0]);
        return (new Sgd<double>([new ParameterGroup<double>([p]), new ParameterGroup<double>([q]) { LearningRate = 0.05 }], lr: 0.1), p, q);
    }

    /// <summary>One scheduler seen uniformly: step (the metric is ignored by epoch schedules), save, restore.</summary>
    private sealed record SchedulerDriver(
        Func<double, IReadOnlyList<double>> Step,
        Func<IReadOnlyDictionary<string, double>> GetState,
        Action<IReadOnlyDictionary<string, double>> LoadState);

    private static SchedulerDriver Create(SchedulerCase c, Sgd<double> optimizer)
    {
        LRScheduler scheduler;
        switch (c.Name)
        {
            case "StepLR":
                scheduler = new StepLR(optimizer, c.Integer("step_size"), c.Number("gamma"));
                break;
            case "MultiStepLR":
                scheduler = new MultiStepLR(optimizer, c.Args["milestones"]!.AsArray().Select(m => m!.GetValue<int>()), c.Number("gamma"));
                break;
            case "ExponentialLR":
                scheduler = new ExponentialLR(optimizer, c.Number("gamma"));
                break;
            case "CosineAnnealingLR":
                scheduler = new CosineAnnealingLR(optimizer, c.Integer("T_max"), c.Number("eta_min"));
                break;
            case "LinearLR":
                scheduler = new LinearLR(optimizer, c.Number("start_factor"), c.Number("end_factor"), c.Integer("total_iters"));
                break;
            case "ReduceLROnPlateau":
                var plateau = new ReduceLROnPlateau(
                    optimizer,
                    c.Text("mode") == "min" ? PlateauMode.Min : PlateauMode.Max,
                    c.Number("factor"),
                    c.Integer("patience"),
                    c.Number("threshold"),
                    c.Text("threshold_mode") == "rel" ? ThresholdMode.Relative : ThresholdMode.Absolute,
                    c.Integer("cooldown"),
                    c.Number("min_lr"),
                    c.Number("eps"));
                return new SchedulerDriver(metric => { plateau.Step(metric); return plateau.LastLearningRates; }, plateau.GetState, plateau.LoadState);
            default:
                throw new InvalidDataException($"Unknown scheduler {c.Name}");
        }

        return new SchedulerDriver(_ => { scheduler.Step(); return scheduler.LastLearningRates; }, scheduler.GetState, scheduler.LoadState);
    }

    private static void AssertRates(double[] expected, IOptimizer optimizer, string context) =>
        Tolerance.AssertClose(expected, [.. optimizer.ParameterGroups.Select(g => g.LearningRate)], Tolerance.LearningRate, context);
}
