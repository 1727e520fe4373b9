using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// Base of every optimizer (PyTorch: <c>torch.optim.Optimizer</c>): parameter groups with their resolved
/// hyperparameters, per-parameter state, <see cref="ZeroGrad"/>, <see cref="Step"/> and state save/restore.
/// </summary>
/// <remarks>
/// Parameters whose <see cref="Parameter{T}.RequiresGrad"/> is false are skipped by <see cref="Step"/>,
/// as PyTorch skips parameters without a gradient.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>. Hyperparameters are always double.</typeparam>
public abstract partial class Optimizer<T> : IOptimizer where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, double> _defaults;
    private readonly List<ParameterGroup<T>> _groups = [];
    private readonly List<Parameter<T>> _parameters = [];
    private readonly HashSet<Parameter<T>> _parameterSet = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Parameter<T>, ParameterState<T>> _state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an optimizer over <paramref name="parameterGroups"/>.</summary>
    /// <param name="parameterGroups">The groups; each overrides some of <paramref name="defaults"/>.</param>
    /// <param name="defaults">Every hyperparameter the algorithm uses, by PyTorch name (<see cref="HyperparameterNames"/>).</param>
    protected Optimizer(IEnumerable<ParameterGroup<T>> parameterGroups, IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentNullException.ThrowIfNull(parameterGroups);
        ArgumentNullException.ThrowIfNull(defaults);
        _defaults = new Dictionary<string, double>(defaults, StringComparer.Ordinal);
        ValidateHyperparameters(_defaults, context: "");
        foreach (ParameterGroup<T> group in parameterGroups)
        {
            AddParameterGroup(group);
        }

        if (_parameters.Count == 0)
        {
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameterGroups));
        }
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The constructor's hyperparameters, which groups inherit (<c>optimizer.defaults</c>).</summary>
    public IReadOnlyDictionary<string, double> Defaults => _defaults;

    /// <summary>The groups with every hyperparameter filled in (<c>optimizer.param_groups</c>); set a group's
    /// <see cref="ParameterGroup{T}.LearningRate"/> here to change it between steps.</summary>
    public IReadOnlyList<ParameterGroup<T>> ParameterGroups => _groups;

    IReadOnlyList<IParameterGroup> IOptimizer.ParameterGroups => _groups;

    /// <summary>Every parameter of every group, in group order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The groups as a span, for <see cref="Step"/> loops: a <c>foreach</c> over it allocates no
    /// enumerator (one over <see cref="ParameterGroups"/> boxes one per step).</summary>
    protected ReadOnlySpan<ParameterGroup<T>> GroupSpan => global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_groups);

    /// <summary>Adds a group, for example layers unfrozen during fine-tuning (<c>optimizer.add_param_group()</c>).</summary>
    /// <exception cref="ArgumentException">The group sets a hyperparameter this optimizer does not use, repeats a
    /// parameter that is already optimized, or has an invalid value.</exception>
    public void AddParameterGroup(ParameterGroup<T> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        int index = _groups.Count;
        foreach (string name in group.Hyperparameters.Keys)
        {
            if (!_defaults.ContainsKey(name) && name != HyperparameterNames.InitialLearningRate)
            {
                throw new ArgumentException($"Parameter group {index} sets '{name}', which {Name} does not use.", nameof(group));
            }
        }

        var seen = new HashSet<Parameter<T>>(ReferenceEqualityComparer.Instance);
        foreach (Parameter<T> parameter in group.Parameters)
        {
            if (_parameterSet.Contains(parameter) || !seen.Add(parameter))
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' appears more than once; some parameters appear in more than one parameter group.", nameof(group));
            }
        }

        ParameterGroup<T> resolved = group.WithDefaults(_defaults);
        ValidateHyperparameters(resolved.Hyperparameters, $" in parameter group {index}");
        _groups.Add(resolved);
        _parameters.AddRange(resolved.Parameters);
        _parameterSet.UnionWith(resolved.Parameters);
        OnParameterGroupAdded(resolved);
    }

    /// <summary>Sets every parameter's gradient to zero (<c>optimizer.zero_grad()</c>; SharpGrad zeroes the
    /// buffer instead of setting it to <c>None</c>).</summary>
    public void ZeroGrad()
    {
        foreach (Parameter<T> parameter in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_parameters))
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>Updates the parameters from their gradients (<c>optimizer.step()</c>).</summary>
    public abstract void Step();

    /// <summary>Throws if any hyperparameter breaks the algorithm's rules (PyTorch's constructor checks).</summary>
    /// <param name="hyperparameters">A complete set of the algorithm's hyperparameters.</param>
    /// <param name="context">Appended to messages: empty for the constructor's values, else where the values came from.</param>
    protected abstract void ValidateHyperparameters(IReadOnlyDictionary<string, double> hyperparameters, string context);

    /// <summary>Called after a group joins, for optimizers that set up state eagerly (Adagrad).
    /// Runs during the base constructor, so it must not read the derived class's fields.</summary>
    protected virtual void OnParameterGroupAdded(ParameterGroup<T> group)
    {
    }

    /// <summary>The state of <paramref name="parameter"/>, created empty on first use.</summary>
    protected ParameterState<T> StateOf(Parameter<T> parameter)
    {
        if (!_state.TryGetValue(parameter, out ParameterState<T>? state))
        {
            state = new ParameterState<T>(parameter.Length);
            _state.Add(parameter, state);
        }

        return state;
    }
}
