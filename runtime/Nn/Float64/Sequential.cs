namespace SharpGrad.Nn.Float64;

/// <inheritdoc cref="Sequential{T}"/>
public sealed class Sequential : Sequential<double>
{
    /// <inheritdoc cref="Sequential{T}.Sequential(ILayer{T}[])"/>
    public Sequential(params ILayer<double>[] layers)
        : base(layers)
    {
    }
}
