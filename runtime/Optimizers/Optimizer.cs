using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// Base of every optimizer: holds the parameters it updates and clears their gradients
/// (PyTorch: <c>torch.optim.Optimizer</c>).
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;

    /// <summary>Creates an optimizer over <paramref name="parameters"/>.</summary>
    protected Optimizer(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        if (_parameters.Length == 0)
        {
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));
        }
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>Sets every parameter's gradient to zero (PyTorch: <c>optimizer.zero_grad()</c>).</summary>
    public void ZeroGrad()
    {
        foreach (Parameter<T> parameter in _parameters)
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>Updates the parameters from their gradients (PyTorch: <c>optimizer.step()</c>).</summary>
    public abstract void Step();
}
