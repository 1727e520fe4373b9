using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Changes each batch a <see cref="DataLoader{T}"/> yields, typically data augmentation
/// (PyTorch: a transform applied in <c>Dataset.__getitem__</c> or a custom <c>collate_fn</c>;
/// torchvision: <c>transforms.*</c>).
/// </summary>
/// <remarks>
/// The loader calls <see cref="Apply"/> on its own buffers, never on the dataset's memory, so a transform may
/// write freely. Implementations should not allocate: the loader is allocation-free per batch and a
/// transform is called once per batch.
/// </remarks>
public interface IBatchTransform<T> where T : unmanaged, INumberBase<T>
{
    /// <summary>Transforms one batch in place.</summary>
    /// <param name="features">Row-major features of <paramref name="count"/> samples.</param>
    /// <param name="targets">Row-major targets of <paramref name="count"/> samples.</param>
    /// <param name="count">The number of samples in the batch (at least 1).</param>
    void Apply(Span<T> features, Span<T> targets, int count);
}
