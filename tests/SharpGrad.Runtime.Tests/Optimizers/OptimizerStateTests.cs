using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>GetState/LoadState: exact resumption, and failures that leave the optimizer untouched.</summary>
public sealed class OptimizerStateTests
{
    private const int StepsBeforeSave = 10;

    public static TheoryData<string> Configurations => new(PyTorchReference.Optimizers.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Restoring_into_a_fresh_optimizer_resumes_bit_for_bit_in_double(string configuration) =>
        AssertRoundTrip<double>(configuration);

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Restoring_into_a_fresh_optimizer_resumes_bit_for_bit_in_float(string configuration) =>
        AssertRoundTrip<float>(configuration);

    [Fact]
    public void The_state_uses_PyTorchs_names_and_the_documented_keys()
    {
        var weight = new Parameter<double>("weight", [1.0, 2.0], 2);
        var optimizer = new Adam<double>([weight], lr: 0.01, amsGrad: true);
        weight.Grad.Fill(0.5);
        optimizer.Step();
        optimizer.Step();

        OptimizerState state = optimizer.GetState();
        Assert.Equal("Adam", state.OptimizerName);
        Assert.Equal(2, state.Scalars["step:weight"]);
        Assert.Equal(1, state.Scalars["groups"]);
        Assert.Equal(1, state.Scalars["group0.params"]);
        Assert.Equal(0.01, state.Scalars["group0.lr"]);
        Assert.Equal(0.999, state.Scalars["group0.beta2"]);
        Assert.Equal(1, state.Scalars["group0.amsgrad"]);
        Assert.Equal(["exp_avg:weight", "exp_avg_sq:weight", "max_exp_avg_sq:weight"], state.Buffers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, state.Buffers["exp_avg:weight"].Length);
    }

    [Fact]
    public void A_parameter_that_was_never_stepped_has_no_state_entries()
    {
        var weight = new Parameter<double>("weight", 3);
        var frozen = new Parameter<double>("frozen", 3) { RequiresGrad = false };
        var optimizer = new Sgd<double>([weight, frozen], lr: 0.1, momentum: 0.9);
        optimizer.Step();

        OptimizerState state = optimizer.GetState();
        Assert.Equal(["momentum_buffer:weight"], state.Buffers.Keys);
        Assert.DoesNotContain(state.Scalars.Keys, key => key.StartsWith("step:", StringComparison.Ordinal));
    }

    [Fact]
    public void Adagrad_state_exists_before_the_first_step_as_in_PyTorch()
    {
        var weight = new Parameter<double>("weight", 2);
        var optimizer = new Adagrad<double>([weight], initialAccumulatorValue: 0.25);
        OptimizerState state = optimizer.GetState();
        Assert.Equal([0.25, 0.25], state.Buffers["sum:weight"]);
        Assert.Equal(0, state.Scalars["step:weight"]);
    }

    [Fact]
    public void The_snapshot_does_not_change_when_training_continues()
    {
        var weight = new Parameter<double>("weight", [1.0, -1.0], 2);
        var optimizer = new Sgd<double>([weight], lr: 0.1, momentum: 0.9);
        weight.Grad.Fill(1);
        optimizer.Step();
        OptimizerState state = optimizer.GetState();
        double[] saved = [.. state.Buffers["momentum_buffer:weight"]];
        optimizer.Step();
        optimizer.ParameterGroups[0].LearningRate = 0.5;
        Assert.Equal(saved, state.Buffers["momentum_buffer:weight"]);
        Assert.Equal(0.1, state.Scalars["group0.lr"]);
    }

    [Fact]
    public void Restoring_also_restores_the_hyperparameters()
    {
        var source = new RmsProp<double>([new Parameter<double>("w", 2)], lr: 0.02, alpha: 0.9, momentum: 0.5);
        source.ParameterGroups[0].LearningRate = 0.007;
        var target = new RmsProp<double>([new Parameter<double>("w", 2)], lr: 0.5);
        target.LoadState(source.GetState());
        Assert.Equal(0.007, target.ParameterGroups[0].LearningRate);
        Assert.Equal(0.9, target.ParameterGroups[0].Alpha);
        Assert.Equal(0.5, target.ParameterGroups[0].Momentum);
    }

    [Fact]
    public void Restoring_state_of_another_algorithm_is_rejected_with_both_names()
    {
        var adam = new Adam<double>([new Parameter<double>("w", 2)]);
        var sgd = new Sgd<double>([new Parameter<double>("w", 2)], lr: 0.1);
        var error = Assert.Throws<ArgumentException>(() => sgd.LoadState(adam.GetState()));
        Assert.Contains("Adam", error.Message);
        Assert.Contains("SGD", error.Message);
    }

    public static TheoryData<string> CorruptStates => new(CorruptedStates.Keys);

    [Theory]
    [MemberData(nameof(CorruptStates))]
    public void A_corrupt_state_is_rejected_with_a_clear_message_and_changes_nothing(string corruption)
    {
        (Adam<double> optimizer, Parameter<double> weight, Parameter<double> bias) = SteppedAdam(steps: 3, lr: 0.01);
        (Adam<double> other, _, _) = SteppedAdam(steps: 5, lr: 0.02);
        (string expectedMessage, OptimizerState corrupt) = CorruptedStates[corruption](other.GetState());
        OptimizerState before = optimizer.GetState();

        var error = Assert.Throws<ArgumentException>(() => optimizer.LoadState(corrupt));

        Assert.Contains(expectedMessage, error.Message);
        AssertSameState(before, optimizer.GetState());

        // And it still trains exactly like an optimizer that never saw the bad state.
        (Adam<double> twin, Parameter<double> twinWeight, Parameter<double> twinBias) = SteppedAdam(steps: 3, lr: 0.01);
        foreach ((Adam<double> o, Parameter<double> w, Parameter<double> b) in new[] { (optimizer, weight, bias), (twin, twinWeight, twinBias) })
        {
            w.Grad.Fill(0.3);
            b.Grad.Fill(-0.2);
            o.Step();
        }

        Assert.Equal(twinWeight.Data.ToArray(), weight.Data.ToArray());
        Assert.Equal(twinBias.Data.ToArray(), bias.Data.ToArray());
    }

    [Fact]
    public void Duplicate_parameter_names_cannot_be_saved()
    {
        var optimizer = new Sgd<double>([new Parameter<double>("w", 2), new Parameter<double>("w", 3)], lr: 0.1);
        var error = Assert.Throws<InvalidOperationException>(optimizer.GetState);
        Assert.Contains("'w'", error.Message);
    }

    private static readonly Dictionary<string, Func<OptimizerState, (string Message, OptimizerState State)>> CorruptedStates = new()
    {
        ["wrong buffer length"] = s => ("'exp_avg_sq:bias' holds 2 values but parameter 'bias' [3] has 3",
            With(s, buffers: b => b["exp_avg_sq:bias"] = [1.0, 2.0])),
        ["missing required buffer"] = s => ("no buffer 'exp_avg:bias'",
            With(s, buffers: b => b.Remove("exp_avg:bias"))),
        ["missing step count"] = s => ("no 'step:weight'",
            With(s, scalars: x => x.Remove("step:weight"))),
        ["fractional step count"] = s => ("'step:weight' is 2.5",
            With(s, scalars: x => x["step:weight"] = 2.5)),
        ["renamed parameter"] = s => ("does not know (renamed parameters?): exp_avg:kernel",
            With(s, buffers: b => b["exp_avg:kernel"] = [0.0, 0.0])),
        ["extra scalar"] = s => ("group0.alpha",
            With(s, scalars: x => x["group0.alpha"] = 0.9)),
        ["missing hyperparameter"] = s => ("no 'group0.eps'",
            With(s, scalars: x => x.Remove("group0.eps"))),
        ["invalid hyperparameter"] = s => ("Invalid beta parameter at index 1: 1.5 in saved parameter group 0",
            With(s, scalars: x => x["group0.beta2"] = 1.5)),
        ["other group count"] = s => ("2 parameter groups but this optimizer has 1",
            With(s, scalars: x => x["groups"] = 2)),
        ["other group size"] = s => ("3 parameters in group 0 but this optimizer has 2",
            With(s, scalars: x => x["group0.params"] = 3)),
    };

    private static OptimizerState With(OptimizerState state, Action<Dictionary<string, double>>? scalars = null, Action<Dictionary<string, double[]>>? buffers = null)
    {
        var newScalars = new Dictionary<string, double>(state.Scalars);
        var newBuffers = new Dictionary<string, double[]>(state.Buffers);
        scalars?.Invoke(newScalars);
        buffers?.Invoke(newBuffers);
        return new OptimizerState(state.OptimizerName, newScalars, newBuffers);
    }

    private static (Adam<double> Optimizer, Parameter<double> Weight, Parameter<double> Bias) SteppedAdam(int steps, double lr)
    {
        var weight = new Parameter<double>("weight", [0.5, -0.25], 2);
        var bias = new Parameter<double>("bias", [0.1, 0.2, 0.3], 3);
        var optimizer = new Adam<double>([weight, bias], lr: lr);
        for (int k = 0; k < steps; k++)
        {
            weight.Grad.Fill(k + 1);
            bias.Grad.Fill(-k);
            optimizer.Step();
        }

        return (optimizer, weight, bias);
    }

    private static void AssertSameState(OptimizerState expected, OptimizerState actual)
    {
        Assert.Equal(expected.OptimizerName, actual.OptimizerName);
        Assert.Equal(expected.Scalars.OrderBy(x => x.Key, StringComparer.Ordinal), actual.Scalars.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Buffers.Keys.Order(StringComparer.Ordinal), actual.Buffers.Keys.Order(StringComparer.Ordinal));
        foreach ((string key, double[] values) in expected.Buffers)
        {
            Assert.Equal(values, actual.Buffers[key]);
        }
    }

    private static void AssertRoundTrip<T>(string configuration)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        OptimizerCase c = PyTorchReference.Optimizer(configuration);
        (Parameter<T> p, Parameter<T> q) = ReferenceOptimizers.InitialParameters<T>(c);
        Optimizer<T> original = ReferenceOptimizers.Create(c, p, q);
        IReadOnlyList<ReferenceStep> steps = c.Steps;
        for (int k = 0; k < StepsBeforeSave; k++)
        {
            ReferenceOptimizers.SetRecordedGradients(steps[k], p, q);
            original.Step();
        }

        OptimizerState saved = original.GetState();
        T[] savedP = p.Data.ToArray();
        T[] savedQ = q.Data.ToArray();
        for (int k = StepsBeforeSave; k < steps.Count; k++)
        {
            ReferenceOptimizers.SetRecordedGradients(steps[k], p, q);
            original.Step();
        }

        // A fresh optimizer built with other learning rates: LoadState must bring back state and hyperparameters.
        var resumedP = new Parameter<T>("p", savedP, 7);
        var resumedQ = new Parameter<T>("q", savedQ, 2, 3);
        Optimizer<T> resumed = ReferenceOptimizers.Create(c, resumedP, resumedQ);
        resumed.ParameterGroups[0].LearningRate = 0.123;
        resumed.ParameterGroups[1].LearningRate = 0.456;
        resumed.LoadState(saved);
        for (int k = StepsBeforeSave; k < steps.Count; k++)
        {
            ReferenceOptimizers.SetRecordedGradients(steps[k], resumedP, resumedQ);
            resumed.Step();
        }

        Assert.Equal(p.Data.ToArray(), resumedP.Data.ToArray());
        Assert.Equal(q.Data.ToArray(), resumedQ.Data.ToArray());
        Assert.NotEqual(savedP, p.Data.ToArray()); // training did move on after the save
    }
}
