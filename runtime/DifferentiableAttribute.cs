namespace SharpGrad;

/// <summary>
/// Marks a method whose gradient SharpGrad generates at compile time. The generator emits a companion
/// method <c>{Name}WithGradient</c> in the same (partial) type that returns the method's value and
/// <em>adds</em> the gradient of that value with respect to each differentiated parameter into a
/// caller-provided buffer, like PyTorch's <c>.grad</c> accumulation.
/// </summary>
/// <remarks>
/// By default every floating-point parameter (a <see cref="float"/> or <see cref="double"/> scalar, array or
/// span) is differentiated. Name the parameters in <see cref="Wrt"/> to differentiate only those, or mark
/// individual parameters with <see cref="NoGradAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
    /// <summary>Differentiates with respect to every floating-point parameter not marked <see cref="NoGradAttribute"/>.</summary>
    public DifferentiableAttribute() => Wrt = [];

    /// <summary>Differentiates with respect to the named parameters only (use <c>nameof</c>).</summary>
    /// <param name="wrt">The parameters to differentiate with respect to.</param>
    public DifferentiableAttribute(params string[] wrt) => Wrt = wrt;

    /// <summary>The parameters to differentiate with respect to; empty means every floating-point parameter.</summary>
    public string[] Wrt { get; }
}

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute">[Differentiable]</see> method as constant data:
/// no gradient is computed for it (PyTorch: a tensor with <c>requires_grad=False</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoGradAttribute : Attribute
{
}

/// <summary>
/// Marks a <see cref="Span{T}"/> parameter of a <see cref="DifferentiableAttribute">[Differentiable]</see>
/// method as an output: a result the method writes, like its return value (PyTorch: a non-scalar result).
/// The generated companion takes a <see cref="ReadOnlySpan{T}"/> seed for it (<c>y.backward(gradient)</c>)
/// and adds the vector-Jacobian product into the input gradients. In a method that returns <c>void</c>,
/// every <see cref="Span{T}"/> parameter not marked <see cref="NoGradAttribute"/> is an output without this
/// attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
}
