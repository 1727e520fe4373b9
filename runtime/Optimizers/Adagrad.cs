using System.Numerics;
using static SharpGrad.Optimizers.HyperparameterNames;

namespace SharpGrad.Optimizers;

/// <summary>
/// Adagrad: divides the gradient by the root of the running sum of squared gradients
/// (PyTorch: <c>torch.optim.Adagrad</c>).
/// </summary>
/// <remarks>As in PyTorch, the sum is created when a parameter joins the optimizer, filled with
/// <c>initial_accumulator_value</c>, so it is part of the saved state before the first step.</remarks>
/// <example><code>
/// var optimizer = new Adagrad&lt;double&gt;(parameters, lr: 0.1, lrDecay: 0.01);
/// </code></example>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Sum = "sum";
    private static readonly string[] Buffers = [Sum];

    /// <summary>Creates Adagrad over one group of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="lrDecay">Learning-rate decay: step k uses lr / (1 + (k-1)*lrDecay). At least 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="initialAccumulatorValue">Starting value of the squared-gradient sum, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adagrad(IEnumerable<Parameter<T>> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : this([new ParameterGroup<T>(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize)
    {
    }

    /// <summary>Creates Adagrad over <paramref name="parameterGroups"/>; the other arguments are the groups' defaults.</summary>
    /// <param name="parameterGroups">The groups, each overriding some defaults.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="lrDecay">Learning-rate decay: step k uses lr / (1 + (k-1)*lrDecay). At least 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="initialAccumulatorValue">Starting value of the squared-gradient sum, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adagrad(IEnumerable<ParameterGroup<T>> parameterGroups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(parameterGroups, new Dictionary<string, double>
        {
            [LearningRate] = lr,
            [LearningRateDecay] = lrDecay,
            [WeightDecay] = weightDecay,
            [InitialAccumulatorValue] = initialAccumulatorValue,
            [Epsilon] = eps,
            [Maximize] = maximize ? 1 : 0,
        })
    {
    }

    /// <inheritdoc/>
    public override string Name => "Adagrad";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => Buffers;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RequiredStateBuffers => Buffers;

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (ParameterGroup<T> group in GroupSpan)
        {
            double lr = group.LearningRate;
            double lrDecay = group.LearningRateDecay;
            double weightDecay = group.WeightDecay;
            foreach (Parameter<T> parameter in group.ParameterSpan)
            {
                if (!parameter.RequiresGrad)
                {
                    continue;
                }

                ParameterState<T> state = StateOf(parameter);
                T[] sum = state.GetOrAddBuffer(Sum, T.CreateTruncating(group.InitialAccumulatorValue));
                long step = ++state.Step;
                double decayedLr = lr / (1 + ((step - 1) * lrDecay));
                var settings = new AdagradKernel.Settings<T>(
                    NegativeDecayedLearningRate: T.CreateTruncating(-decayedLr),
                    Epsilon: T.CreateTruncating(group.Epsilon),
                    WeightDecay: T.CreateTruncating(weightDecay),
                    Maximize: group.Maximize,
                    HasWeightDecay: weightDecay != 0);
                AdagradKernel.Update(parameter.Data, parameter.Grad, sum, settings);
            }
        }
    }

    /// <inheritdoc/>
    protected override void ValidateHyperparameters(IReadOnlyDictionary<string, double> hyperparameters, string context)
    {
        HyperparameterRules.LearningRate(hyperparameters, context);
        HyperparameterRules.NonNegativeValue(hyperparameters, LearningRateDecay, "lrDecay", context);
        HyperparameterRules.NonNegativeValue(hyperparameters, WeightDecay, "weightDecay", context);
        HyperparameterRules.NonNegativeValue(hyperparameters, InitialAccumulatorValue, "initialAccumulatorValue", context);
        HyperparameterRules.Epsilon(hyperparameters, context);
        HyperparameterRules.Switch(hyperparameters, Maximize, context);
    }

    /// <inheritdoc/>
    protected override void OnParameterGroupAdded(ParameterGroup<T> group)
    {
        T initial = T.CreateTruncating(group.InitialAccumulatorValue);
        foreach (Parameter<T> parameter in group.Parameters)
        {
            StateOf(parameter).GetOrAddBuffer(Sum, initial);
        }
    }
}
