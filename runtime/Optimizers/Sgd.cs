using System.Numerics;
using static SharpGrad.Optimizers.HyperparameterNames;

namespace SharpGrad.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay
/// (PyTorch: <c>torch.optim.SGD</c>).
/// </summary>
/// <example><code>
/// var optimizer = new Sgd&lt;double&gt;([weight, bias], lr: 0.01, momentum: 0.9);
/// optimizer.ZeroGrad(); /* compute gradients */ optimizer.Step();
/// </code></example>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string MomentumBuffer = "momentum_buffer";
    private static readonly string[] Buffers = [MomentumBuffer];

    /// <summary>Creates SGD over one group of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="momentum">Momentum factor, at least 0.</param>
    /// <param name="dampening">Dampening of the gradient's contribution to momentum.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and zero dampening.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Sgd(IEnumerable<Parameter<T>> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : this([new ParameterGroup<T>(parameters)], lr, momentum, dampening, weightDecay, nesterov, maximize)
    {
    }

    /// <summary>Creates SGD over <paramref name="parameterGroups"/>; the other arguments are the groups' defaults.</summary>
    /// <param name="parameterGroups">The groups, each overriding some defaults.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="momentum">Momentum factor, at least 0.</param>
    /// <param name="dampening">Dampening of the gradient's contribution to momentum.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and zero dampening.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Sgd(IEnumerable<ParameterGroup<T>> parameterGroups, double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(parameterGroups, new Dictionary<string, double>
        {
            [LearningRate] = lr,
            [Momentum] = momentum,
            [Dampening] = dampening,
            [WeightDecay] = weightDecay,
            [Nesterov] = nesterov ? 1 : 0,
            [Maximize] = maximize ? 1 : 0,
        })
    {
    }

    /// <inheritdoc/>
    public override string Name => "SGD";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => Buffers;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RequiredStateBuffers => [];

    /// <inheritdoc/>
    protected override bool CountsSteps => false;

    /// <summary>A group's constants for the kernel, rebuilt only when one of its hyperparameters changes.</summary>
    private static readonly Func<ParameterGroup<T>, SgdKernel.Settings<T>> _settingsOf = static group => new SgdKernel.Settings<T>(
        NegativeLearningRate: T.CreateTruncating(-group.LearningRate),
        Momentum: T.CreateTruncating(group.Momentum),
        OneMinusDampening: T.CreateTruncating(1 - group.Dampening),
        WeightDecay: T.CreateTruncating(group.WeightDecay),
        HasMomentum: group.Momentum != 0,
        Nesterov: group.Nesterov,
        Maximize: group.Maximize,
        HasWeightDecay: group.WeightDecay != 0);

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (ParameterGroup<T> group in GroupSpan)
        {
            SgdKernel.Settings<T> settings = group.Derived(_settingsOf);
            foreach (Parameter<T> parameter in group.ParameterSpan)
            {
                if (!parameter.RequiresGrad)
                {
                    continue;
                }

                Span<T> buffer = default;
                bool firstStep = false;
                if (settings.HasMomentum)
                {
                    ParameterState<T> state = StateOf(parameter);
                    T[]? existing = state.FindBuffer(MomentumBuffer);
                    firstStep = existing is null;
                    buffer = existing ?? state.GetOrAddBuffer(MomentumBuffer, T.Zero);
                }

                SgdKernel.Update(parameter.Data, parameter.Grad, buffer, firstStep, settings);
            }
        }
    }

    /// <inheritdoc/>
    protected override void ValidateHyperparameters(IReadOnlyDictionary<string, double> hyperparameters, string context)
    {
        HyperparameterRules.LearningRate(hyperparameters, context);
        HyperparameterRules.NonNegativeValue(hyperparameters, Momentum, "momentum", context);
        HyperparameterRules.NonNegativeValue(hyperparameters, WeightDecay, "weightDecay", context);
        HyperparameterRules.NotNaN(hyperparameters, Dampening, "dampening", context);
        HyperparameterRules.Switch(hyperparameters, Nesterov, context);
        HyperparameterRules.Switch(hyperparameters, Maximize, context);
        if (hyperparameters[Nesterov] != 0 && (hyperparameters[Momentum] <= 0 || hyperparameters[Dampening] != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening" + context, "nesterov");
        }
    }
}
