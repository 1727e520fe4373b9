namespace SharpGrad.Optimizers;

// Saving and restoring: the keys written here are the contract with checkpoints.
//   scalars  "groups"                number of parameter groups
//            "group{g}.params"       number of parameters in group g
//            "group{g}.{name}"       each hyperparameter of group g, by PyTorch name
//            "step:{parameter}"      the parameter's step count (optimizers that count steps)
//   buffers  "{kind}:{parameter}"    e.g. "exp_avg:weight"
// A parameter that has not been stepped yet has no entries, as in PyTorch.
public abstract partial class Optimizer<T>
{
    private const string GroupCountKey = "groups";

    /// <summary>Every buffer name the algorithm may keep per parameter (PyTorch's state keys).</summary>
    protected abstract IReadOnlyList<string> StateBufferNames { get; }

    /// <summary>The buffers a stepped parameter must have; the others are created when needed.</summary>
    protected abstract IReadOnlyList<string> RequiredStateBuffers { get; }

    /// <summary>Whether the algorithm keeps a per-parameter step count (SGD does not).</summary>
    protected virtual bool CountsSteps => true;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Two parameters share a name, so their state could not be told apart.</exception>
    public OptimizerState GetState()
    {
        EnsureUniqueParameterNames();
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal) { [GroupCountKey] = _groups.Count };
        var buffers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int g = 0; g < _groups.Count; g++)
        {
            ParameterGroup<T> group = _groups[g];
            scalars[GroupParameterCountKey(g)] = group.Parameters.Count;
            foreach ((string name, double value) in group.Hyperparameters)
            {
                scalars[GroupKey(g, name)] = value;
            }

            foreach (Parameter<T> parameter in group.Parameters)
            {
                if (!_state.TryGetValue(parameter, out ParameterState<T>? state) || state.IsEmpty)
                {
                    continue;
                }

                if (CountsSteps)
                {
                    scalars[ParameterKey("step", parameter)] = state.Step;
                }

                foreach ((string kind, T[] values) in state.Buffers)
                {
                    buffers[ParameterKey(kind, parameter)] = ToDoubles(values);
                }
            }
        }

        return new OptimizerState(Name, scalars, buffers);
    }

    /// <inheritdoc/>
    /// <remarks>Everything is checked before anything changes: on failure the optimizer is untouched.
    /// Parameter values are not part of the state; restore them separately.</remarks>
    /// <exception cref="ArgumentException">The state is from another algorithm, has another group structure,
    /// misses or has unknown entries, has a buffer of the wrong length or an invalid hyperparameter.</exception>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!string.Equals(state.OptimizerName, Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The state was saved by a {state.OptimizerName} optimizer and cannot be restored into {Name}.", nameof(state));
        }

        EnsureUniqueParameterNames();
        var knownScalars = new HashSet<string>(StringComparer.Ordinal) { GroupCountKey };
        var knownBuffers = new HashSet<string>(StringComparer.Ordinal);
        RequireCount(state, GroupCountKey, _groups.Count, "parameter groups");

        var stagedHyperparameters = new Dictionary<string, double>[_groups.Count];
        var stagedState = new Dictionary<Parameter<T>, ParameterState<T>>(ReferenceEqualityComparer.Instance);
        for (int g = 0; g < _groups.Count; g++)
        {
            ParameterGroup<T> group = _groups[g];
            knownScalars.Add(GroupParameterCountKey(g));
            RequireCount(state, GroupParameterCountKey(g), group.Parameters.Count, $"parameters in group {g}");
            stagedHyperparameters[g] = ReadGroupHyperparameters(state, g, knownScalars);
            foreach (Parameter<T> parameter in group.Parameters)
            {
                if (ReadParameterState(state, parameter, knownScalars, knownBuffers) is { } parameterState)
                {
                    stagedState.Add(parameter, parameterState);
                }
            }
        }

        RejectUnknown(state.Scalars.Keys, knownScalars, "scalars");
        RejectUnknown(state.Buffers.Keys, knownBuffers, "buffers");

        // Everything checked: apply.
        for (int g = 0; g < _groups.Count; g++)
        {
            _groups[g].ReplaceHyperparameters(stagedHyperparameters[g]);
        }

        _state.Clear();
        foreach ((Parameter<T> parameter, ParameterState<T> parameterState) in stagedState)
        {
            _state.Add(parameter, parameterState);
        }
    }

    private Dictionary<string, double> ReadGroupHyperparameters(OptimizerState state, int g, HashSet<string> knownScalars)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in _defaults.Keys)
        {
            string key = GroupKey(g, name);
            knownScalars.Add(key);
            values[name] = state.Scalars.TryGetValue(key, out double value)
                ? value
                : throw new ArgumentException($"The state has no '{key}'.", nameof(state));
        }

        string initialKey = GroupKey(g, HyperparameterNames.InitialLearningRate);
        knownScalars.Add(initialKey);
        if (state.Scalars.TryGetValue(initialKey, out double initial))
        {
            values[HyperparameterNames.InitialLearningRate] = initial;
        }

        try
        {
            ValidateHyperparameters(values, $" in saved parameter group {g}");
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"The state is invalid: {error.Message}", nameof(state), error);
        }

        return values;
    }

    private ParameterState<T>? ReadParameterState(OptimizerState state, Parameter<T> parameter, HashSet<string> knownScalars, HashSet<string> knownBuffers)
    {
        var restored = new ParameterState<T>(parameter.Length);
        bool present = false;
        if (CountsSteps)
        {
            string stepKey = ParameterKey("step", parameter);
            knownScalars.Add(stepKey);
            if (state.Scalars.TryGetValue(stepKey, out double step))
            {
                if (!(step >= 0 && step <= long.MaxValue && step == Math.Floor(step)))
                {
                    throw new ArgumentException(HyperparameterRules.Invariant($"The state's '{stepKey}' is {step}; a step count is a whole number of at least 0."), nameof(state));
                }

                restored.Step = (long)step;
                present = true;
            }
        }

        foreach (string kind in StateBufferNames)
        {
            string key = ParameterKey(kind, parameter);
            knownBuffers.Add(key);
            if (!state.Buffers.TryGetValue(key, out double[]? values))
            {
                continue;
            }

            if (values is null || values.Length != parameter.Length)
            {
                throw new ArgumentException($"The state's buffer '{key}' holds {values?.Length ?? 0} values but parameter '{parameter.Name}' {parameter.ShapeText} has {parameter.Length}.", nameof(state));
            }

            restored.SetBuffer(kind, FromDoubles(values));
            present = true;
        }

        if (!present)
        {
            return null;
        }

        if (CountsSteps && !state.Scalars.ContainsKey(ParameterKey("step", parameter)))
        {
            throw new ArgumentException($"The state has buffers for parameter '{parameter.Name}' but no '{ParameterKey("step", parameter)}'.", nameof(state));
        }

        foreach (string kind in RequiredStateBuffers)
        {
            if (restored.FindBuffer(kind) is null)
            {
                throw new ArgumentException($"The state has no buffer '{ParameterKey(kind, parameter)}', which {Name} needs for a parameter it has stepped.", nameof(state));
            }
        }

        return restored;
    }

    private void EnsureUniqueParameterNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Parameter<T> parameter in _parameters)
        {
            if (!names.Add(parameter.Name))
            {
                throw new InvalidOperationException($"Two parameters are named '{parameter.Name}'. Optimizer state is keyed by parameter name, so names must be unique to save or restore it.");
            }
        }
    }

    private static void RequireCount(OptimizerState state, string key, int expected, string what)
    {
        if (!state.Scalars.TryGetValue(key, out double saved))
        {
            throw new ArgumentException($"The state has no '{key}'.", nameof(state));
        }

        if (saved != expected)
        {
            throw new ArgumentException(HyperparameterRules.Invariant($"The state has {saved} {what} but this optimizer has {expected}."), nameof(state));
        }
    }

    private static void RejectUnknown(IEnumerable<string> keys, HashSet<string> known, string what)
    {
        string[] unknown = [.. keys.Where(key => !known.Contains(key)).Order(StringComparer.Ordinal)];
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"The state has {what} this optimizer does not know (renamed parameters?): {string.Join(", ", unknown)}.", "state");
        }
    }

    private static string GroupKey(int group, string name) => $"group{group}.{name}";

    private static string GroupParameterCountKey(int group) => $"group{group}.params";

    private static string ParameterKey(string kind, Parameter<T> parameter) => $"{kind}:{parameter.Name}";

    private static double[] ToDoubles(T[] values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    private static T[] FromDoubles(double[] values)
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }

        return result;
    }
}
