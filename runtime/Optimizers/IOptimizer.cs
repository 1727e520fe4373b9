namespace SharpGrad.Optimizers;

/// <summary>
/// An optimizer seen without its element type, so that learning-rate schedulers and checkpoints work the
/// same for float and double models. <see cref="Optimizer{T}"/> implements it.
/// </summary>
public interface IOptimizer
{
    /// <summary>PyTorch's class name of the algorithm, for example <c>"Adam"</c>; saved state records it.</summary>
    string Name { get; }

    /// <summary>The parameter groups in order (<c>optimizer.param_groups</c>).</summary>
    IReadOnlyList<IParameterGroup> ParameterGroups { get; }

    /// <summary>Sets every parameter's gradient to zero (<c>optimizer.zero_grad()</c>).</summary>
    void ZeroGrad();

    /// <summary>Updates the parameters from their gradients (<c>optimizer.step()</c>).</summary>
    void Step();

    /// <summary>Snapshots hyperparameters and per-parameter state (<c>optimizer.state_dict()</c>).</summary>
    OptimizerState GetState();

    /// <summary>Restores a snapshot taken by <see cref="GetState"/> (<c>optimizer.load_state_dict()</c>).</summary>
    void LoadState(OptimizerState state);
}
