namespace SharpGrad;

/// <summary>Controls how gradients flow inside a <see cref="DifferentiableAttribute">[Differentiable]</see> method.</summary>
public static class Gradient
{
    /// <summary>
    /// Returns <paramref name="value"/> unchanged but blocks its gradient: the generated derivative treats it
    /// as a constant (PyTorch: <c>tensor.detach()</c>; JAX: <c>stop_gradient</c>).
    /// </summary>
    public static double Stop(double value) => value;

    /// <inheritdoc cref="Stop(double)"/>
    public static float Stop(float value) => value;
}

/// <summary>
/// Gives a method a hand-written gradient that SharpGrad uses whenever a
/// <see cref="DifferentiableAttribute">[Differentiable]</see> method calls it (ChainRules: an <c>rrule</c>).
/// </summary>
/// <remarks>
/// The named method lives in the same type, is static, and has the signature SharpGrad would generate:
/// the original parameters, then a gradient buffer for each floating-point parameter not marked
/// <see cref="NoGradAttribute"/> (<c>ref T</c> for a scalar, <c>Span&lt;T&gt;</c> for an array or span),
/// then <c>T outputGradient</c>. It returns the value and adds <c>outputGradient</c> times each partial
/// derivative into the buffers. The signature is checked at compile time (SG0014).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CustomGradientAttribute : Attribute
{
    /// <summary>Names the method that computes the value and its gradient (use <c>nameof</c>).</summary>
    public CustomGradientAttribute(string gradientMethod) => GradientMethod = gradientMethod;

    /// <summary>The method that computes the value and its gradient.</summary>
    public string GradientMethod { get; }

    /// <summary>
    /// Optionally, for a method with outputs (a layer's batch forward): the method that adds the gradient given the
    /// outputs the call already wrote, instead of computing them again as <see cref="GradientMethod"/> does (use
    /// <c>nameof</c>). It has the gradient method's signature, receives the outputs with the values the forward call
    /// left in them, must not change them, and must not depend on what <see cref="GradientMethod"/> would write there.
    /// The reverse sweep then calls it before it restores the outputs' previous contents, and skips the forward work.
    /// </summary>
    public string? Backward { get; init; }
}
