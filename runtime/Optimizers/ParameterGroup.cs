using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// Parameters that share hyperparameters (PyTorch: one entry of <c>param_groups</c>, e.g.
/// <c>{'params': [q], 'lr': 0.005}</c>).
/// </summary>
/// <remarks>
/// <para>Set only what this group overrides; every other hyperparameter comes from the optimizer's
/// constructor arguments. The optimizer keeps its own copy of each group with every value filled in,
/// <see cref="Optimizer{T}.ParameterGroups"/>; change that copy (for example its
/// <see cref="LearningRate"/>) to affect training.</para>
/// <para>Reading a hyperparameter this group has not been given throws, so a value is never silently
/// invented. Setting one the optimizer does not use (for example <see cref="Alpha"/> for Adam) is rejected
/// when the group is passed to it.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ParameterGroup<T> : IParameterGroup where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly Dictionary<string, double> _hyperparameters = new(StringComparer.Ordinal);
    private int _version;
    private object? _derived;
    private Delegate? _derivedBy;
    private int _derivedVersion;

    /// <summary>Creates a group of <paramref name="parameters"/> that overrides nothing yet.</summary>
    public ParameterGroup(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        foreach (Parameter<T> parameter in _parameters)
        {
            if (parameter is null)
            {
                throw new ArgumentException("A parameter group contains a null parameter.", nameof(parameters));
            }
        }
    }

    /// <summary>The parameters of this group (<c>group['params']</c>).</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The parameters as a span, for optimizer steps that must not allocate an enumerator.</summary>
    internal ReadOnlySpan<Parameter<T>> ParameterSpan => _parameters;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Hyperparameters => _hyperparameters;

    /// <summary>Learning rate (<c>lr</c>). Must not be negative.</summary>
    public double LearningRate
    {
        get => Get(HyperparameterNames.LearningRate);
        set
        {
            // Schedulers and users write this between steps; a negative or NaN rate is always a bug.
            if (!(value >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, HyperparameterRules.Invariant($"Invalid learning rate: {value}"));
            }

            Set(HyperparameterNames.LearningRate, value);
        }
    }

    /// <inheritdoc/>
    public double? InitialLearningRate
    {
        get => _hyperparameters.TryGetValue(HyperparameterNames.InitialLearningRate, out double value) ? value : null;
        set
        {
            if (value is { } rate)
            {
                Set(HyperparameterNames.InitialLearningRate, rate);
            }
            else
            {
                _hyperparameters.Remove(HyperparameterNames.InitialLearningRate);
                _version++;
            }
        }
    }

    /// <summary>Momentum factor (<c>momentum</c>; SGD, RMSprop).</summary>
    public double Momentum
    {
        get => Get(HyperparameterNames.Momentum);
        set => Set(HyperparameterNames.Momentum, value);
    }

    /// <summary>Momentum dampening (<c>dampening</c>; SGD).</summary>
    public double Dampening
    {
        get => Get(HyperparameterNames.Dampening);
        set => Set(HyperparameterNames.Dampening, value);
    }

    /// <summary>Nesterov momentum (<c>nesterov</c>; SGD).</summary>
    public bool Nesterov
    {
        get => GetSwitch(HyperparameterNames.Nesterov);
        set => SetSwitch(HyperparameterNames.Nesterov, value);
    }

    /// <summary>Weight decay (<c>weight_decay</c>; every optimizer).</summary>
    public double WeightDecay
    {
        get => Get(HyperparameterNames.WeightDecay);
        set => Set(HyperparameterNames.WeightDecay, value);
    }

    /// <summary>Maximize the objective instead of minimizing it (<c>maximize</c>; every optimizer).</summary>
    public bool Maximize
    {
        get => GetSwitch(HyperparameterNames.Maximize);
        set => SetSwitch(HyperparameterNames.Maximize, value);
    }

    /// <summary>Decay rates of the first and second moment estimates (<c>betas</c>; Adam, AdamW).</summary>
    public (double Beta1, double Beta2) Betas
    {
        get => (Get(HyperparameterNames.Beta1), Get(HyperparameterNames.Beta2));
        set
        {
            Set(HyperparameterNames.Beta1, value.Beta1);
            Set(HyperparameterNames.Beta2, value.Beta2);
        }
    }

    /// <summary>Term added to the denominator for numerical stability (<c>eps</c>; Adam, AdamW, RMSprop, Adagrad).</summary>
    public double Epsilon
    {
        get => Get(HyperparameterNames.Epsilon);
        set => Set(HyperparameterNames.Epsilon, value);
    }

    /// <summary>Use the AMSGrad variant (<c>amsgrad</c>; Adam, AdamW).</summary>
    public bool AmsGrad
    {
        get => GetSwitch(HyperparameterNames.AmsGrad);
        set => SetSwitch(HyperparameterNames.AmsGrad, value);
    }

    /// <summary>Smoothing constant of the squared-gradient average (<c>alpha</c>; RMSprop).</summary>
    public double Alpha
    {
        get => Get(HyperparameterNames.Alpha);
        set => Set(HyperparameterNames.Alpha, value);
    }

    /// <summary>Normalize by the estimated gradient variance (<c>centered</c>; RMSprop).</summary>
    public bool Centered
    {
        get => GetSwitch(HyperparameterNames.Centered);
        set => SetSwitch(HyperparameterNames.Centered, value);
    }

    /// <summary>Learning-rate decay (<c>lr_decay</c>; Adagrad).</summary>
    public double LearningRateDecay
    {
        get => Get(HyperparameterNames.LearningRateDecay);
        set => Set(HyperparameterNames.LearningRateDecay, value);
    }

    /// <summary>Starting value of the squared-gradient sum (<c>initial_accumulator_value</c>; Adagrad).</summary>
    public double InitialAccumulatorValue
    {
        get => Get(HyperparameterNames.InitialAccumulatorValue);
        set => Set(HyperparameterNames.InitialAccumulatorValue, value);
    }

    /// <summary>A copy of this group with every missing value taken from <paramref name="defaults"/>.</summary>
    internal ParameterGroup<T> WithDefaults(IReadOnlyDictionary<string, double> defaults)
    {
        var resolved = new ParameterGroup<T>(_parameters);
        foreach ((string name, double value) in _hyperparameters)
        {
            resolved._hyperparameters[name] = value;
        }

        foreach ((string name, double value) in defaults)
        {
            resolved._hyperparameters.TryAdd(name, value);
        }

        return resolved;
    }

    /// <summary>Replaces every hyperparameter at once (restoring saved state).</summary>
    internal void ReplaceHyperparameters(IReadOnlyDictionary<string, double> hyperparameters)
    {
        _hyperparameters.Clear();
        foreach ((string name, double value) in hyperparameters)
        {
            _hyperparameters[name] = value;
        }

        _version++;
    }

    /// <summary>
    /// What <paramref name="build"/> derives from this group's hyperparameters (an optimizer's per-group constants),
    /// built again only after a hyperparameter changes: a step then reads no hyperparameter by name, which costs a
    /// string hash each (measured at about a tenth of the seed model's whole training step).
    /// </summary>
    internal TDerived Derived<TDerived>(Func<ParameterGroup<T>, TDerived> build)
        where TDerived : struct
    {
        if (_derived is TDerived cached && ReferenceEquals(_derivedBy, build) && _derivedVersion == _version)
        {
            return cached;
        }

        TDerived built = build(this);
        (_derived, _derivedBy, _derivedVersion) = (built, build, _version);
        return built;
    }

    private double Get(string name) =>
        _hyperparameters.TryGetValue(name, out double value)
            ? value
            : throw new InvalidOperationException($"This parameter group has no '{name}'. A group only holds what it overrides until it is passed to an optimizer that uses '{name}'; read the optimizer's ParameterGroups instead.");

    private bool GetSwitch(string name) => Get(name) != 0;

    private void SetSwitch(string name, bool value) => Set(name, value ? 1 : 0);

    private void Set(string name, double value)
    {
        _hyperparameters[name] = value;
        _version++;
    }
}
