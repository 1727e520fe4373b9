// Written by single-from-double.py from its Float64 twin: edit that file, not this one.
namespace SharpGrad.Nn.Float32;

/// <inheritdoc cref="Sequential{T}"/>
public sealed class Sequential : Sequential<float>
{
    /// <inheritdoc cref="Sequential{T}.Sequential(ILayer{T}[])"/>
    public Sequential(params ILayer<float>[] layers)
        : base(layers)
    {
    }
}
