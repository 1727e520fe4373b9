namespace SharpGrad;

/// <summary>
/// Which fan Kaiming initialization preserves the variance of (PyTorch: the <c>mode</c> argument of
/// <c>kaiming_uniform_</c> and <c>kaiming_normal_</c>).
/// </summary>
public enum FanMode
{
    /// <summary>Preserves the variance of activations in the forward pass (PyTorch: <c>'fan_in'</c>, the default).</summary>
    FanIn,

    /// <summary>Preserves the variance of gradients in the backward pass (PyTorch: <c>'fan_out'</c>).</summary>
    FanOut,
}
