using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>Parameter groups: inheritance of defaults, overrides, and the optimizer's own copies.</summary>
public sealed class ParameterGroupTests
{
    [Fact]
    public void A_group_inherits_every_hyperparameter_it_does_not_override()
    {
        var p = new Parameter<double>("p", 2);
        var q = new Parameter<double>("q", 2);
        var optimizer = new Adam<double>([new ParameterGroup<double>([p]), new ParameterGroup<double>([q]) { LearningRate = 0.005, Betas = (0.5, 0.9) }], lr: 0.01, eps: 1e-6, amsGrad: true);

        ParameterGroup<double> first = optimizer.ParameterGroups[0];
        ParameterGroup<double> second = optimizer.ParameterGroups[1];
        Assert.Equal((0.01, (0.9, 0.999), 1e-6, true), (first.LearningRate, first.Betas, first.Epsilon, first.AmsGrad));
        Assert.Equal((0.005, (0.5, 0.9), 1e-6, true), (second.LearningRate, second.Betas, second.Epsilon, second.AmsGrad));
        Assert.Equal([p, q], optimizer.Parameters);
    }

    [Fact]
    public void The_optimizer_fills_in_a_copy_and_leaves_the_callers_group_as_it_was()
    {
        var spec = new ParameterGroup<double>([new Parameter<double>("p", 1)]) { LearningRate = 0.3 };
        var optimizer = new Sgd<double>([spec], lr: 0.1, momentum: 0.9);

        Assert.Equal(0.9, optimizer.ParameterGroups[0].Momentum);
        Assert.NotSame(spec, optimizer.ParameterGroups[0]);
        Assert.Equal(["lr"], spec.Hyperparameters.Keys);
        var error = Assert.Throws<InvalidOperationException>(() => spec.Momentum);
        Assert.Contains("'momentum'", error.Message);
    }

    [Fact]
    public void Changing_a_groups_learning_rate_changes_the_next_step()
    {
        var p = new Parameter<double>("p", [1.0], 1);
        var optimizer = new Sgd<double>([p], lr: 0.1);
        p.Grad[0] = 1;
        optimizer.Step();
        optimizer.ParameterGroups[0].LearningRate = 0.5;
        optimizer.Step();
        Assert.Equal(1 - 0.1 - 0.5, p.Data[0], 15);
    }

    [Fact]
    public void Every_hyperparameter_changed_between_steps_reaches_the_next_step_though_steps_cache_them()
    {
        // Sgd: weight decay and maximize set after the first step (the cached constants must be rebuilt).
        var p = new Parameter<double>("p", [1.0], 1);
        var sgd = new Sgd<double>([p], lr: 0.1);
        p.Grad[0] = 2;
        sgd.Step();
        Assert.Equal(0.8, p.Data[0], 15);
        sgd.ParameterGroups[0].WeightDecay = 1;
        sgd.Step();
        Assert.Equal(0.8 - (0.1 * (2 + 0.8)), p.Data[0], 15);
        sgd.ParameterGroups[0].Maximize = true;
        double before = p.Data[0];
        sgd.Step();
        Assert.Equal(before + (0.1 * (2 - before)), p.Data[0], 15);

        // Adam: with a constant gradient every step moves by about lr; a new lr and eps show in the next step.
        var q = new Parameter<double>("q", [0.0], 1);
        var adam = new Adam<double>([q], lr: 0.01);
        q.Grad[0] = 3;
        adam.Step();
        Assert.Equal(-0.01, q.Data[0], 6);
        adam.ParameterGroups[0].LearningRate = 0.5;
        adam.Step();
        Assert.Equal(-0.51, q.Data[0], 6);
        adam.ParameterGroups[0].Epsilon = 3;
        before = q.Data[0];
        adam.Step();
        Assert.Equal(before - (0.5 * 3 / (3 + 3)), q.Data[0], 6);

        // RMSprop: a new lr shows in the next step (a constant gradient g moves by lr g / sqrt(v) with v its running average).
        var r = new Parameter<double>("r", [0.0], 1);
        var rmsProp = new RmsProp<double>([r], lr: 0.01, alpha: 0.5, eps: 0);
        r.Grad[0] = 2;
        rmsProp.Step();
        Assert.Equal(-0.01 * 2 / Math.Sqrt(0.5 * 4), r.Data[0], 12);
        rmsProp.ParameterGroups[0].LearningRate = 0.1;
        before = r.Data[0];
        rmsProp.Step();
        Assert.Equal(before - (0.1 * 2 / Math.Sqrt(0.75 * 4)), r.Data[0], 12);
    }

    [Fact]
    public void The_sample_call_shape_still_works()
    {
        var weight = new Parameter<double>("weight", [2.0], 1);
        var bias = new Parameter<double>("bias", [1.0], 1);
        var optimizer = new Sgd<double>(new[] { weight, bias }, lr: 0.01);
        weight.Grad[0] = 3;
        bias.Grad[0] = -1;
        optimizer.Step();
        Assert.Equal(2 - 0.03, weight.Data[0], 15);
        Assert.Equal(1 + 0.01, bias.Data[0], 15);
        optimizer.ZeroGrad();
        Assert.Equal(0, weight.Grad[0]);
        Assert.Equal(0, bias.Grad[0]);
    }

    [Fact]
    public void Parameters_that_do_not_require_gradients_are_not_updated()
    {
        var trained = new Parameter<double>("trained", [1.0, 1.0], 2);
        var frozen = new Parameter<double>("frozen", [1.0, 1.0], 2) { RequiresGrad = false };
        var optimizer = new Adam<double>([trained, frozen], lr: 0.1);
        trained.Grad.Fill(1);
        frozen.Grad.Fill(1);
        optimizer.Step();
        Assert.Equal([1.0, 1.0], frozen.Data.ToArray());
        Assert.NotEqual([1.0, 1.0], trained.Data.ToArray());
    }

    [Fact]
    public void A_group_added_later_is_trained_with_its_own_settings()
    {
        var p = new Parameter<double>("p", [1.0], 1);
        var q = new Parameter<double>("q", [1.0], 1);
        var optimizer = new Sgd<double>([p], lr: 0.1);
        optimizer.AddParameterGroup(new ParameterGroup<double>([q]) { LearningRate = 0.01 });
        p.Grad[0] = 1;
        q.Grad[0] = 1;
        optimizer.Step();
        Assert.Equal(0.9, p.Data[0], 15);
        Assert.Equal(0.99, q.Data[0], 15);
        Assert.Throws<ArgumentException>(() => optimizer.AddParameterGroup(new ParameterGroup<double>([p])));
    }

    [Fact]
    public void Maximize_ascends_the_gradient()
    {
        var p = new Parameter<double>("p", [0.0], 1);
        var optimizer = new Adagrad<double>([p], lr: 0.1, maximize: true);
        p.Grad[0] = 2;
        optimizer.Step();
        Assert.True(p.Data[0] > 0);
    }

    [Fact]
    public void Hyperparameters_are_listed_by_PyTorch_name()
    {
        var optimizer = new RmsProp<float>([new Parameter<float>("p", 1)], lr: 0.02, centered: true);
        Assert.Equal(["alpha", "centered", "eps", "lr", "maximize", "momentum", "weight_decay"], optimizer.ParameterGroups[0].Hyperparameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, optimizer.ParameterGroups[0].Hyperparameters["centered"]);
        Assert.Equal(optimizer.Defaults, optimizer.ParameterGroups[0].Hyperparameters);
    }
}
