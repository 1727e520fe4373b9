using System.Collections;
using System.Numerics;

namespace SharpGrad;

/// <summary>
/// A module's parameters with their dotted names, in a stable order (PyTorch: <c>model.named_parameters()</c>;
/// enumerating it gives <c>model.parameters()</c>). Every API that takes parameters accepts it.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ModuleParameters<T> : IReadOnlyList<Parameter<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string[] _names;
    private readonly Parameter<T>[] _parameters;

    internal ModuleParameters(string[] names, Parameter<T>[] parameters)
    {
        _names = names;
        _parameters = parameters;
    }

    /// <summary>The dotted names, in order (<c>fc1.weight</c>, <c>fc1.bias</c>, ...).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Length;

    /// <summary>The total number of trainable values (PyTorch: <c>sum(p.numel() for p in model.parameters())</c>).</summary>
    public long ElementCount
    {
        get
        {
            long total = 0;
            foreach (Parameter<T> parameter in _parameters)
            {
                total += parameter.Length;
            }

            return total;
        }
    }

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public Parameter<T> this[int index] => _parameters[index];

    /// <summary>The parameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name; the message lists the names.</exception>
    public Parameter<T> this[string name]
        => TryGet(name, out Parameter<T>? parameter)
            ? parameter
            : throw new KeyNotFoundException($"The model has no parameter '{name}'; its parameters are {string.Join(", ", _names)}.");

    /// <summary>Finds the parameter named <paramref name="name"/>.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Parameter<T>? parameter)
    {
        int index = Array.IndexOf(_names, name);
        parameter = index >= 0 ? _parameters[index] : null;
        return parameter is not null;
    }

    /// <summary>The parameters as a span, for APIs that take <c>params ReadOnlySpan&lt;Parameter&lt;T&gt;&gt;</c>.</summary>
    public ReadOnlySpan<Parameter<T>> AsSpan() => _parameters;

    /// <inheritdoc/>
    public IEnumerator<Parameter<T>> GetEnumerator() => ((IEnumerable<Parameter<T>>)_parameters).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _parameters.Select(p => p.ToString()));
}
