using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Applies several batch transforms in order (torchvision: <c>transforms.Compose([...])</c>).
/// </summary>
public sealed class ComposedTransform<T> : IBatchTransform<T> where T : unmanaged, INumberBase<T>
{
    private readonly IBatchTransform<T>[] _transforms;

    /// <summary>Creates a transform that applies <paramref name="transforms"/> first to last.</summary>
    public ComposedTransform(params IBatchTransform<T>[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
        {
            if (transforms[i] is null)
            {
                throw new ArgumentException($"transforms[{i}] is null.", nameof(transforms));
            }
        }

        _transforms = (IBatchTransform<T>[])transforms.Clone();
    }

    /// <inheritdoc/>
    public void Apply(Span<T> features, Span<T> targets, int count)
    {
        foreach (IBatchTransform<T> transform in _transforms)
        {
            transform.Apply(features, targets, count);
        }
    }
}
