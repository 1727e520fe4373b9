using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// Adam with decoupled weight decay: each step first shrinks the parameters by <c>1 - lr*weight_decay</c>
/// (PyTorch: <c>torch.optim.AdamW</c>). For weight decay as an L2 gradient term use <see cref="Adam{T}"/>.
/// </summary>
/// <example><code>
/// var optimizer = new AdamW&lt;float&gt;(model.Parameters, lr: 1e-3, weightDecay: 0.01);
/// </code></example>
public sealed class AdamW<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates AdamW over one group of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="betas">Decay rates of the moment estimates, each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">Decoupled weight decay, at least 0; default 0.01 as in PyTorch.</param>
    /// <param name="amsGrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public AdamW(IEnumerable<Parameter<T>> parameters, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8, double weightDecay = 1e-2, bool amsGrad = false, bool maximize = false)
        : this([new ParameterGroup<T>(parameters)], lr, betas, eps, weightDecay, amsGrad, maximize)
    {
    }

    /// <summary>Creates AdamW over <paramref name="parameterGroups"/>; the other arguments are the groups' defaults.</summary>
    /// <param name="parameterGroups">The groups, each overriding some defaults.</param>
    /// <param name="lr">Learning rate, at least 0.</param>
    /// <param name="betas">Decay rates of the moment estimates, each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">Decoupled weight decay, at least 0; default 0.01 as in PyTorch.</param>
    /// <param name="amsGrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public AdamW(IEnumerable<ParameterGroup<T>> parameterGroups, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8, double weightDecay = 1e-2, bool amsGrad = false, bool maximize = false)
        : base(parameterGroups, AdamUpdate.Defaults(lr, betas ?? (0.9, 0.999), eps, weightDecay, amsGrad, maximize))
    {
    }

    /// <inheritdoc/>
    public override string Name => "AdamW";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateBufferNames => AdamUpdate.BufferNames;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RequiredStateBuffers => AdamUpdate.RequiredBufferNames;

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (ParameterGroup<T> group in GroupSpan)
        {
            foreach (Parameter<T> parameter in group.ParameterSpan)
            {
                if (parameter.RequiresGrad)
                {
                    AdamUpdate.Apply(group, parameter, StateOf(parameter), decoupledWeightDecay: true);
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void ValidateHyperparameters(IReadOnlyDictionary<string, double> hyperparameters, string context) =>
        AdamUpdate.Validate(hyperparameters, context);
}
