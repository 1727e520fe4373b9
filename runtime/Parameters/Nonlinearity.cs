namespace SharpGrad;

/// <summary>
/// The activation that follows a layer, used to pick the initialization gain
/// (PyTorch: the <c>nonlinearity</c> string of <c>torch.nn.init.calculate_gain</c>).
/// </summary>
public enum Nonlinearity
{
    /// <summary>No activation, gain 1 (PyTorch: <c>'linear'</c>; also the gain PyTorch uses for <c>'conv1d'</c> ... <c>'conv_transpose3d'</c>).</summary>
    Linear,

    /// <summary>Logistic sigmoid, gain 1 (PyTorch: <c>'sigmoid'</c>).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent, gain 5/3 (PyTorch: <c>'tanh'</c>).</summary>
    Tanh,

    /// <summary>Rectified linear unit, gain √2 (PyTorch: <c>'relu'</c>).</summary>
    Relu,

    /// <summary>Leaky ReLU with negative slope <c>a</c>, gain √(2 / (1 + a²)) (PyTorch: <c>'leaky_relu'</c>).</summary>
    LeakyRelu,

    /// <summary>Scaled exponential linear unit, gain 3/4 (PyTorch: <c>'selu'</c>).</summary>
    Selu,
}
