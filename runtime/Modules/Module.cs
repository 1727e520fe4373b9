using System.Numerics;

namespace SharpGrad;

/// <summary>
/// The base of a model class (PyTorch: <c>torch.nn.Module</c>). Declare the class <c>partial</c>, mark its
/// parameters <see cref="ParameterAttribute">[Parameter]</see> and its submodules
/// <see cref="ModuleAttribute">[Module]</see>, and write its computations as <c>[Differentiable]</c> instance
/// methods that read them. SharpGrad generates <see cref="VisitMembers"/>, the gradient storage of plain array
/// parameters, and an instance <c>...WithGradient</c> companion per method that adds into this module's gradients.
/// </summary>
/// <example><code>
/// public sealed partial class Regression : Module&lt;float&gt;
/// {
///     [Parameter] public Parameter&lt;float&gt; Weight { get; } = new("weight", 10);
///     [Parameter] public float[] Bias { get; } = new float[1];
///
///     [Differentiable]
///     public float Loss(ReadOnlySpan&lt;float&gt; x, ReadOnlySpan&lt;float&gt; y) { /* reads Weight.Data[j], Bias[0] */ }
/// }
///
/// var optimizer = new Adam&lt;float&gt;(model.Parameters(), lr: 1e-3);
/// optimizer.ZeroGrad();
/// float loss = model.LossWithGradient(x, y);
/// optimizer.Step();
/// </code></example>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the element type of every parameter.</typeparam>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the module is in training mode (PyTorch: <c>module.training</c>); true until <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Every parameter of this module and its submodules, each once, in declaration order (depth first), named by
    /// its dotted path from this module (PyTorch: <c>named_parameters()</c>): <c>fc1.weight</c>, <c>fc1.bias</c>, ...
    /// A parameter or module reachable twice (shared) is listed at its first place only.
    /// </summary>
    /// <remarks>
    /// Each parameter's <see cref="Parameter{T}.Name"/> is set to that path, so optimizer state, checkpoints and
    /// error messages use it. Pass the result to any optimizer, <see cref="Optimizers.GradientClipping"/>,
    /// <see cref="Checkpoints.Checkpoint"/> or <see cref="Training.NonFiniteException.ThrowIfNotFinite{T}(double, ModuleParameters{T})"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A <c>[Parameter]</c> or <c>[Module]</c> member is null; the message names it.</exception>
    public ModuleParameters<T> Parameters()
    {
        var visitor = new ModuleVisitor<T>(this);
        Visit(visitor);
        return visitor.ToParameters();
    }

    /// <summary>Sets every parameter's gradient to zero (PyTorch: <c>module.zero_grad()</c>).</summary>
    public void ZeroGrad()
    {
        foreach (Parameter<T> parameter in Parameters())
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>Sets training mode on this module and every submodule (PyTorch: <c>module.train(mode)</c>).</summary>
    /// <param name="mode">True for training (Dropout active), false for evaluation.</param>
    /// <returns>This module.</returns>
    public Module<T> Train(bool mode = true)
    {
        var visitor = new ModuleVisitor<T>(this);
        Visit(visitor);
        foreach (Module<T> module in visitor.Modules)
        {
            module.IsTraining = mode;
        }

        return this;
    }

    /// <summary>Sets evaluation mode on this module and every submodule (PyTorch: <c>module.eval()</c>).</summary>
    /// <returns>This module.</returns>
    public Module<T> Eval() => Train(false);

    /// <summary>
    /// Lists this module's <c>[Parameter]</c> and <c>[Module]</c> members, in declaration order, to
    /// <paramref name="visitor"/>. SharpGrad generates the override for every class with such members; a
    /// hand-written module may override it too (call <c>base.VisitMembers(visitor)</c> first).
    /// </summary>
    /// <param name="visitor">Receives each member with its name.</param>
    protected virtual void VisitMembers(ModuleVisitor<T> visitor)
    {
    }

    /// <summary>For <see cref="ModuleVisitor{T}"/>: <see cref="VisitMembers"/> is protected.</summary>
    internal void Visit(ModuleVisitor<T> visitor) => VisitMembers(visitor);

    /// <summary>
    /// The parameter that gives a plain array parameter its gradient storage: created on first use, kept in
    /// <paramref name="cache"/>, and created again (with a zero gradient) if the member now holds another array.
    /// Generated code calls it; the parameter shares the array, so an optimizer's step changes the member's values.
    /// </summary>
    /// <param name="cache">The generated field that keeps the parameter.</param>
    /// <param name="array">The member's current array.</param>
    /// <param name="member">The member, <c>Type.name</c>, for the message when it is null.</param>
    /// <returns>The parameter over <paramref name="array"/>.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="array"/> is null or empty.</exception>
    protected static Parameter<T> ArrayParameter(ref Parameter<T>? cache, T[]? array, string member)
    {
        if (array is null || array.Length == 0)
        {
            throw new InvalidOperationException($"The [Parameter] '{member}' is {(array is null ? "null" : "an empty array")}; assign it an array of the parameter's length (in the constructor or the initializer) before using the model.");
        }

        if (cache is null || !cache.Shares(array))
        {
            cache = new Parameter<T>(member.Substring(member.LastIndexOf('.') + 1), array, shareArray: true);
        }

        return cache;
    }
}
