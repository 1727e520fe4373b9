using System.Numerics;
using System.Runtime.CompilerServices;

namespace SharpGrad;

/// <summary>
/// Walks a module tree for <see cref="Module{T}.Parameters"/> and <see cref="Module{T}.Train"/>: each
/// <see cref="Module{T}.VisitMembers"/> reports its members here, nested modules are entered once with their
/// name added to the dotted prefix, and a parameter or module reached again (shared) is skipped, as PyTorch's
/// <c>named_parameters()</c> does.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ModuleVisitor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<string> _names = [];
    private readonly List<Parameter<T>> _parameters = [];
    private readonly HashSet<Parameter<T>> _seenParameters = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Module<T>> _seenModules = new(ReferenceEqualityComparer.Instance);
    private readonly List<Module<T>> _modules = [];
    private string _prefix = string.Empty;

    internal ModuleVisitor(Module<T> root)
    {
        _seenModules.Add(root);
        _modules.Add(root);
    }

    /// <summary>Every module reached, the root first, each once.</summary>
    internal IReadOnlyList<Module<T>> Modules => _modules;

    /// <summary>Reports a <c>[Parameter]</c> member.</summary>
    /// <param name="name">The member's name (the last part of the dotted name).</param>
    /// <param name="parameter">Its value.</param>
    /// <param name="member">The member as <c>Type.name</c>, for the message when it is null.</param>
    /// <exception cref="InvalidOperationException"><paramref name="parameter"/> is null.</exception>
    public void Parameter(string name, Parameter<T>? parameter, string member)
    {
        if (parameter is null)
        {
            throw new InvalidOperationException($"The [Parameter] '{member}' ({_prefix}{name}) is null; assign it (in the constructor or the initializer) before using the model.");
        }

        if (_seenParameters.Add(parameter))
        {
            _names.Add(_prefix + name);
            _parameters.Add(parameter);
        }
    }

    /// <summary>Reports a <c>[Module]</c> member and visits its members under <c>prefix + name + "."</c>.</summary>
    /// <param name="name">The member's name.</param>
    /// <param name="module">Its value.</param>
    /// <param name="member">The member as <c>Type.name</c>, for the message when it is null.</param>
    /// <exception cref="InvalidOperationException"><paramref name="module"/> is null.</exception>
    public void Module(string name, Module<T>? module, string member)
    {
        if (module is null)
        {
            throw new InvalidOperationException($"The [Module] '{member}' ({_prefix}{name}) is null; assign it (in the constructor or the initializer) before using the model.");
        }

        if (!_seenModules.Add(module))
        {
            return;
        }

        _modules.Add(module);
        string outer = _prefix;
        _prefix = outer + name + ".";
        try
        {
            module.Visit(this);
        }
        finally
        {
            _prefix = outer;
        }
    }

    /// <summary>The parameters found, each renamed to its dotted path.</summary>
    internal ModuleParameters<T> ToParameters()
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            _parameters[i].Name = _names[i];
        }

        return new ModuleParameters<T>([.. _names], [.. _parameters]);
    }
}
