using System.Numerics;
using static SharpGrad.Optimizers.HyperparameterNames;

namespace SharpGrad.Optimizers;

/// <summary>
/// RMSprop: divides the gradient by a running root mean square, optionally centered and with momentum
/// (PyTorch: <c>torch.optim.RMSprop</c>).
/// </summary>
/// <example><code>
/// var optimizer = new RmsProp&lt;double&gt;(parameters, lr: 0.01, alpha: 0.99, momentum: 0.9);
/// </code></example>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string SquareAverage = "square_avg";
    private const string MomentumBuffer = "momentum_buffer";
    private const string GradientAverage = "grad_avg";
    private static readonly string[] Buffers = [SquareAverage, MomentumBuffer, GradientAverage];
    private static readonly string[] Required = [SquareAverage];

    /// <summary>Creates RMSprop over one group of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="alpha">Smoothing constant of the squared-gradient average, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="momentum">Momentum factor, at least 0.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient instead of its second moment.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public RmsProp(IEnumerable<Parameter<T>> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : this([new ParameterGroup<T>(parameters)], lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    /// <summary>Creates RMSprop over <paramref name="parameterGroups"/>; the other arguments are the groups' defaults.</summary>
    /// <param name="parameterGroups">The groups, each overriding some defaults.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="alpha">Smoothing constant of the squared-gradient average, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, at least 0.</param>
    /// <param name="momentum">Momentum factor, at least 0.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient instead of its second moment.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public RmsProp(IEnumerable<ParameterGroup<T>> parameterGroups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(parameterGroups, new Dictionary<string, double>
        {
            [LearningRate] = lr,
            [Alpha] = alpha,
            [Epsilon] = eps,
            [WeightDecay] = weightDecay,
            [Momentum] = momentum,
            [Centered] = centered ? 1 : 0,
            [Maximize] = maximize ? 1 : 0,
        })
    {
    }

    /// <inheritdoc/>
    public override string Name => "RMSprop";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => Buffers;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RequiredStateBuffers => Required;

    /// <summary>A group's constants for the kernel, rebuilt only when one of its hyperparameters changes.</summary>
    private static readonly Func<ParameterGroup<T>, RmsPropKernel.Settings<T>> _settingsOf = static group => new RmsPropKernel.Settings<T>(
        NegativeLearningRate: T.CreateTruncating(-group.LearningRate),
        Alpha: T.CreateTruncating(group.Alpha),
        OneMinusAlpha: T.CreateTruncating(1 - group.Alpha),
        GradientAverage: new Lerp<T>(1 - group.Alpha),
        Epsilon: T.CreateTruncating(group.Epsilon),
        Momentum: T.CreateTruncating(group.Momentum),
        WeightDecay: T.CreateTruncating(group.WeightDecay),
        Maximize: group.Maximize,
        HasWeightDecay: group.WeightDecay != 0,
        Centered: group.Centered,
        HasMomentum: group.Momentum > 0);

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (ParameterGroup<T> group in GroupSpan)
        {
            RmsPropKernel.Settings<T> settings = group.Derived(_settingsOf);
            foreach (Parameter<T> parameter in group.ParameterSpan)
            {
                if (!parameter.RequiresGrad)
                {
                    continue;
                }

                ParameterState<T> state = StateOf(parameter);
                T[] squareAverage = state.GetOrAddBuffer(SquareAverage, T.Zero);
                Span<T> momentumBuffer = settings.HasMomentum ? state.GetOrAddBuffer(MomentumBuffer, T.Zero) : default;
                Span<T> gradientAverage = settings.Centered ? state.GetOrAddBuffer(GradientAverage, T.Zero) : default;
                state.Step++;
                RmsPropKernel.Update(parameter.Data, parameter.Grad, squareAverage, gradientAverage, momentumBuffer, settings);
            }
        }
    }

    /// <inheritdoc/>
    protected override void ValidateHyperparameters(IReadOnlyDictionary<string, double> hyperparameters, string context)
    {
        HyperparameterRules.LearningRate(hyperparameters, context);
        HyperparameterRules.Epsilon(hyperparameters, context);
        HyperparameterRules.NonNegativeValue(hyperparameters, Momentum, "momentum", context);
        HyperparameterRules.NonNegativeValue(hyperparameters, WeightDecay, "weightDecay", context);
        HyperparameterRules.NonNegativeValue(hyperparameters, Alpha, "alpha", context);
        HyperparameterRules.Switch(hyperparameters, Centered, context);
        HyperparameterRules.Switch(hyperparameters, Maximize, context);
    }
}
