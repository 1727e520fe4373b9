using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Runtime.Tests.Schedules;

/// <summary>Schedule behaviour beyond the recorded runs: other modes, chaining, float optimizers, misuse.</summary>
public sealed class SchedulerBehaviorTests
{
    private static Sgd<double> TwoGroupSgd(double lr = 0.1) =>
        new([new ParameterGroup<double>([new Parameter<double>("p", 1)]), new ParameterGroup<double>([new Parameter<double>("q", 1)]) { LearningRate = lr / 2 }], lr: lr);

    [Fact]
    public void The_recursive_forms_stay_close_to_the_closed_forms()
    {
        var cosineOptimizer = TwoGroupSgd();
        var cosine = new CosineAnnealingLR(cosineOptimizer, tMax: 7, etaMin: 0.002);
        var exponentialOptimizer = TwoGroupSgd();
        var exponential = new ExponentialLR(exponentialOptimizer, gamma: 0.95);
        for (int epoch = 1; epoch <= 50; epoch++)
        {
            cosine.Step();
            exponential.Step();
            double closedCosine = 0.002 + ((0.1 - 0.002) * (1 + Math.Cos(Math.PI * epoch / 7)) / 2);
            Assert.Equal(closedCosine, cosine.LastLearningRates[0], 1e-14);
            Assert.Equal(0.1 * Math.Pow(0.95, epoch), exponential.LastLearningRates[0], 1e-14);
            Assert.Equal(0.05 * Math.Pow(0.95, epoch), exponentialOptimizer.ParameterGroups[1].LearningRate, 1e-14);
        }
    }

    [Fact]
    public void Two_chained_schedulers_compose_as_in_PyTorch()
    {
        // Warm-up and decay on the same optimizer: each multiplies the rate the other left.
        Sgd<double> optimizer = TwoGroupSgd();
        var warmUp = new LinearLR(optimizer, startFactor: 0.5, totalIters: 2);
        var decay = new ExponentialLR(optimizer, gamma: 0.9);
        Assert.Equal(0.05, optimizer.ParameterGroups[0].LearningRate, 1e-15);
        Assert.Equal([0.1, 0.05], decay.BaseLearningRates); // initial_lr is recorded once, by the first scheduler
        warmUp.Step();
        decay.Step();
        Assert.Equal(0.1 * 0.5 * 1.5 * 0.9, optimizer.ParameterGroups[0].LearningRate, 1e-15);
        Assert.Equal(0.1, optimizer.ParameterGroups[0].InitialLearningRate);
    }

    [Fact]
    public void Schedulers_drive_float_optimizers_too()
    {
        var optimizer = new Adam<float>([new Parameter<float>("w", 3)], lr: 0.01);
        var scheduler = new StepLR(optimizer, stepSize: 2, gamma: 0.1);
        scheduler.Step();
        scheduler.Step();
        Assert.Equal(0.001, optimizer.ParameterGroups[0].LearningRate, 1e-15);
        Assert.Equal(2, scheduler.LastEpoch);
    }

    [Fact]
    public void A_milestone_listed_twice_decays_twice()
    {
        Sgd<double> optimizer = TwoGroupSgd();
        var scheduler = new MultiStepLR(optimizer, [2, 2, 1], gamma: 0.5);
        scheduler.Step();
        Assert.Equal(0.05, scheduler.LastLearningRates[0], 1e-15);
        scheduler.Step();
        Assert.Equal(0.0125, scheduler.LastLearningRates[0], 1e-15);
        Assert.Equal([1, 2], scheduler.Milestones);
    }

    [Fact]
    public void Plateau_in_max_mode_with_absolute_threshold_cooldown_and_floor()
    {
        Sgd<double> optimizer = TwoGroupSgd(lr: 1);
        var scheduler = new ReduceLROnPlateau(optimizer, [0.3, 0.2], PlateauMode.Max, factor: 0.5, patience: 1, threshold: 0.1, thresholdMode: ThresholdMode.Absolute, cooldown: 1);
        double[] accuracies = [0.5, 0.55, 0.58, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
        double[][] expected =
        [
            [1, 0.5], [1, 0.5],        // 0.55 is not 0.1 better than 0.5: one bad epoch
            [0.5, 0.25],               // second bad epoch > patience: halve, cooldown 1
            [0.5, 0.25],               // 0.7 improves (best 0.7)
            [0.5, 0.25], [0.3, 0.2],   // two bad epochs: halve, clamped to the floors
            [0.3, 0.2], [0.3, 0.2], [0.3, 0.2], // at the floor nothing changes
        ];
        for (int epoch = 0; epoch < accuracies.Length; epoch++)
        {
            scheduler.Step(accuracies[epoch]);
            Assert.Equal(expected[epoch], scheduler.LastLearningRates);
        }

        Assert.Equal(0.7, scheduler.Best);
    }

    [Fact]
    public void Plateau_ignores_bad_epochs_during_cooldown()
    {
        Sgd<double> optimizer = TwoGroupSgd(lr: 1);
        var scheduler = new ReduceLROnPlateau(optimizer, factor: 0.5, patience: 0, cooldown: 2);
        scheduler.Step(1);   // best
        scheduler.Step(1);   // bad > patience 0: reduce to 0.5, cooldown 2
        Assert.Equal(0.5, optimizer.ParameterGroups[0].LearningRate);
        scheduler.Step(1);   // cooldown
        scheduler.Step(1);   // cooldown
        Assert.Equal(0.5, optimizer.ParameterGroups[0].LearningRate);
        Assert.False(scheduler.InCooldown);
        scheduler.Step(1);   // counted again: reduce
        Assert.Equal(0.25, optimizer.ParameterGroups[0].LearningRate);
    }

    [Fact]
    public void Plateau_skips_reductions_smaller_than_eps()
    {
        Sgd<double> optimizer = TwoGroupSgd(lr: 1e-9);
        var scheduler = new ReduceLROnPlateau(optimizer, factor: 0.5, patience: 0);
        scheduler.Step(1);
        scheduler.Step(2);
        Assert.Equal(1e-9, optimizer.ParameterGroups[0].LearningRate);
    }

    [Fact]
    public void Stepping_after_the_optimizer_gained_a_group_is_an_error()
    {
        Sgd<double> optimizer = TwoGroupSgd();
        var scheduler = new StepLR(optimizer, stepSize: 1);
        optimizer.AddParameterGroup(new ParameterGroup<double>([new Parameter<double>("r", 1)]));
        var error = Assert.Throws<InvalidOperationException>(scheduler.Step);
        Assert.Contains("3 parameter groups but had 2", error.Message);
    }

    private static readonly Dictionary<string, (Action Construct, string Message)> InvalidCases = new()
    {
        ["StepLR step_size 0"] = (() => _ = new StepLR(TwoGroupSgd(), stepSize: 0), "stepSize"),
        ["StepLR negative gamma"] = (() => _ = new StepLR(TwoGroupSgd(), stepSize: 1, gamma: -0.1), "Invalid gamma value: -0.1"),
        ["MultiStepLR milestone 0"] = (() => _ = new MultiStepLR(TwoGroupSgd(), [0, 3]), "milestones"),
        ["ExponentialLR NaN gamma"] = (() => _ = new ExponentialLR(TwoGroupSgd(), double.NaN), "Invalid gamma value: NaN"),
        ["CosineAnnealingLR T_max 0"] = (() => _ = new CosineAnnealingLR(TwoGroupSgd(), tMax: 0), "tMax"),
        ["CosineAnnealingLR negative eta_min"] = (() => _ = new CosineAnnealingLR(TwoGroupSgd(), tMax: 3, etaMin: -1), "Invalid etaMin value: -1"),
        ["LinearLR start_factor 0"] = (() => _ = new LinearLR(TwoGroupSgd(), startFactor: 0), "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."),
        ["LinearLR start_factor above 1"] = (() => _ = new LinearLR(TwoGroupSgd(), startFactor: 1.5), "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."),
        ["LinearLR end_factor above 1"] = (() => _ = new LinearLR(TwoGroupSgd(), endFactor: 1.5), "Ending multiplicative factor expected to be between 0 and 1."),
        ["LinearLR total_iters 0"] = (() => _ = new LinearLR(TwoGroupSgd(), totalIters: 0), "totalIters"),
        ["ReduceLROnPlateau factor 1"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), factor: 1), "Factor should be < 1.0"),
        ["ReduceLROnPlateau unknown mode"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), mode: (PlateauMode)7), "mode 7 is unknown!"),
        ["ReduceLROnPlateau unknown threshold mode"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), thresholdMode: (ThresholdMode)7), "threshold mode 7 is unknown!"),
        ["ReduceLROnPlateau min_lrs count"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), [0.1]), "expected 2 min_lrs, got 1"),
        ["ReduceLROnPlateau negative patience"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), patience: -1), "patience"),
        ["ReduceLROnPlateau negative min_lr"] = (() => _ = new ReduceLROnPlateau(TwoGroupSgd(), minLr: -1), "Invalid minLr value: -1"),
    };

    public static TheoryData<string> InvalidCaseNames => new(InvalidCases.Keys);

    [Theory]
    [MemberData(nameof(InvalidCaseNames))]
    public void Invalid_schedule_arguments_are_rejected(string name)
    {
        (Action construct, string message) = InvalidCases[name];
        var error = Assert.ThrowsAny<ArgumentException>(construct);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
