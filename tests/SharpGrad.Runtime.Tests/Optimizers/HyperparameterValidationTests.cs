using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>Every constructor check PyTorch makes, with its message naming the offending value.</summary>
public sealed class HyperparameterValidationTests
{
    private static Parameter<double>[] Weights => [new Parameter<double>("w", 3)];

    private static readonly Dictionary<string, (Func<object> Construct, Type Exception, string Message)> Cases = new()
    {
        ["SGD negative lr"] = (() => new Sgd<double>(Weights, lr: -1), typeof(ArgumentOutOfRangeException), "Invalid learning rate: -1"),
        ["SGD NaN lr"] = (() => new Sgd<double>(Weights, lr: double.NaN), typeof(ArgumentOutOfRangeException), "Invalid learning rate: NaN"),
        ["SGD negative momentum"] = (() => new Sgd<double>(Weights, lr: 0.1, momentum: -1), typeof(ArgumentOutOfRangeException), "Invalid momentum value: -1"),
        ["SGD negative weight_decay"] = (() => new Sgd<double>(Weights, lr: 0.1, weightDecay: -0.5), typeof(ArgumentOutOfRangeException), "Invalid weight_decay value: -0.5"),
        ["SGD NaN dampening"] = (() => new Sgd<double>(Weights, lr: 0.1, dampening: double.NaN), typeof(ArgumentOutOfRangeException), "Invalid dampening value: NaN"),
        ["SGD Nesterov without momentum"] = (() => new Sgd<double>(Weights, lr: 0.1, nesterov: true), typeof(ArgumentException), "Nesterov momentum requires a momentum and zero dampening"),
        ["SGD Nesterov with dampening"] = (() => new Sgd<double>(Weights, lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true), typeof(ArgumentException), "Nesterov momentum requires a momentum and zero dampening"),
        ["Adam negative lr"] = (() => new Adam<double>(Weights, lr: -0.001), typeof(ArgumentOutOfRangeException), "Invalid learning rate: -0.001"),
        ["Adam negative eps"] = (() => new Adam<double>(Weights, eps: -1e-8), typeof(ArgumentOutOfRangeException), "Invalid epsilon value: -1E-08"),
        ["Adam beta1 of 1"] = (() => new Adam<double>(Weights, betas: (1.0, 0.999)), typeof(ArgumentOutOfRangeException), "Invalid beta parameter at index 0: 1"),
        ["Adam negative beta1"] = (() => new Adam<double>(Weights, betas: (-0.1, 0.999)), typeof(ArgumentOutOfRangeException), "Invalid beta parameter at index 0: -0.1"),
        ["Adam beta2 above 1"] = (() => new Adam<double>(Weights, betas: (0.9, 1.5)), typeof(ArgumentOutOfRangeException), "Invalid beta parameter at index 1: 1.5"),
        ["Adam negative weight_decay"] = (() => new Adam<double>(Weights, weightDecay: -1), typeof(ArgumentOutOfRangeException), "Invalid weight_decay value: -1"),
        ["AdamW negative lr"] = (() => new AdamW<double>(Weights, lr: -1), typeof(ArgumentOutOfRangeException), "Invalid learning rate: -1"),
        ["AdamW negative eps"] = (() => new AdamW<double>(Weights, eps: -1), typeof(ArgumentOutOfRangeException), "Invalid epsilon value: -1"),
        ["AdamW beta2 of 1"] = (() => new AdamW<double>(Weights, betas: (0.9, 1.0)), typeof(ArgumentOutOfRangeException), "Invalid beta parameter at index 1: 1"),
        ["AdamW negative weight_decay"] = (() => new AdamW<double>(Weights, weightDecay: -0.01), typeof(ArgumentOutOfRangeException), "Invalid weight_decay value: -0.01"),
        ["RMSprop negative lr"] = (() => new RmsProp<double>(Weights, lr: -1), typeof(ArgumentOutOfRangeException), "Invalid learning rate: -1"),
        ["RMSprop negative eps"] = (() => new RmsProp<double>(Weights, eps: -1), typeof(ArgumentOutOfRangeException), "Invalid epsilon value: -1"),
        ["RMSprop negative momentum"] = (() => new RmsProp<double>(Weights, momentum: -0.9), typeof(ArgumentOutOfRangeException), "Invalid momentum value: -0.9"),
        ["RMSprop negative weight_decay"] = (() => new RmsProp<double>(Weights, weightDecay: -1), typeof(ArgumentOutOfRangeException), "Invalid weight_decay value: -1"),
        ["RMSprop negative alpha"] = (() => new RmsProp<double>(Weights, alpha: -0.5), typeof(ArgumentOutOfRangeException), "Invalid alpha value: -0.5"),
        ["Adagrad negative lr"] = (() => new Adagrad<double>(Weights, lr: -1), typeof(ArgumentOutOfRangeException), "Invalid learning rate: -1"),
        ["Adagrad negative lr_decay"] = (() => new Adagrad<double>(Weights, lrDecay: -1), typeof(ArgumentOutOfRangeException), "Invalid lr_decay value: -1"),
        ["Adagrad negative weight_decay"] = (() => new Adagrad<double>(Weights, weightDecay: -1), typeof(ArgumentOutOfRangeException), "Invalid weight_decay value: -1"),
        ["Adagrad negative initial_accumulator_value"] = (() => new Adagrad<double>(Weights, initialAccumulatorValue: -1), typeof(ArgumentOutOfRangeException), "Invalid initial_accumulator_value value: -1"),
        ["Adagrad negative eps"] = (() => new Adagrad<double>(Weights, eps: -1), typeof(ArgumentOutOfRangeException), "Invalid epsilon value: -1"),
        ["group override with an invalid momentum"] = (() => new Sgd<double>([new ParameterGroup<double>(Weights), new ParameterGroup<double>([new Parameter<double>("b", 1)]) { Momentum = -1 }], lr: 0.1), typeof(ArgumentOutOfRangeException), "Invalid momentum value: -1 in parameter group 1"),
        ["group override with invalid betas"] = (() => new Adam<double>([new ParameterGroup<double>(Weights) { Betas = (0.9, 1.0) }]), typeof(ArgumentOutOfRangeException), "Invalid beta parameter at index 1: 1 in parameter group 0"),
        ["group override making Nesterov invalid"] = (() => new Sgd<double>([new ParameterGroup<double>(Weights) { Dampening = 0.5 }], lr: 0.1, momentum: 0.9, nesterov: true), typeof(ArgumentException), "Nesterov momentum requires a momentum and zero dampening in parameter group 0"),
        ["group override the algorithm does not use"] = (() => new Adam<double>([new ParameterGroup<double>(Weights) { Alpha = 0.9 }]), typeof(ArgumentException), "Parameter group 0 sets 'alpha', which Adam does not use."),
        ["empty parameter list"] = (() => new Adam<double>(Array.Empty<Parameter<double>>()), typeof(ArgumentException), "The optimizer got an empty parameter list."),
        ["parameter in two groups"] = (() => SameParameterInTwoGroups(), typeof(ArgumentException), "Parameter 'shared' appears more than once"),
        ["parameter twice in one group"] = (() => new Sgd<double>(Enumerable.Repeat(Weights[0], 2), lr: 0.1), typeof(ArgumentException), "Parameter 'w' appears more than once"),
        ["negative lr set on a group"] = (() => new Sgd<double>(Weights, lr: 0.1).ParameterGroups[0].LearningRate = -0.5, typeof(ArgumentOutOfRangeException), "Invalid learning rate: -0.5"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Invalid_hyperparameters_are_rejected_with_PyTorchs_message(string name)
    {
        (Func<object> construct, Type exceptionType, string message) = Cases[name];
        Exception error = Assert.Throws(exceptionType, () => construct());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boundary_values_PyTorch_accepts_are_accepted()
    {
        // Zero is valid everywhere PyTorch checks "0 <= value", and beta may be 0.
        _ = new Sgd<double>(Weights, lr: 0, momentum: 0, weightDecay: 0);
        _ = new Sgd<double>(Weights, lr: 0.1, momentum: 0.9, nesterov: true);
        _ = new Adam<double>(Weights, lr: 0, betas: (0, 0), eps: 0, weightDecay: 0);
        _ = new RmsProp<double>(Weights, lr: 0, alpha: 0, eps: 0, momentum: 0);
        _ = new Adagrad<double>(Weights, lr: 0, lrDecay: 0, initialAccumulatorValue: 0, eps: 0);
    }

    [Fact]
    public void A_rejected_value_names_its_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>(Weights, lr: 0.1, momentum: -1));
        Assert.Equal("momentum", error.ParamName);
        Assert.Equal(-1.0, error.ActualValue);
    }

    private static Sgd<double> SameParameterInTwoGroups()
    {
        var shared = new Parameter<double>("shared", 2);
        return new Sgd<double>([new ParameterGroup<double>([shared]), new ParameterGroup<double>([shared])], lr: 0.1);
    }
}
