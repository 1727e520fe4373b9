using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// A layer that also takes a whole batch at once (PyTorch: a module applied to an <c>[N, ...]</c> tensor), which
/// <c>Sequential</c>, <c>Criterion</c> and <see cref="LayerExtensions.ForwardBatch{T}(ILayer{T}, ReadOnlySpan{T}, Span{T}, int)"/>
/// use instead of one call per sample: <c>Linear</c> and <c>Conv2d</c> (matrix products), the element-wise
/// activations and <c>Flatten</c> (the batch is one long vector to them), and <c>Sequential</c> itself.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IBatchLayer<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the outputs of <paramref name="count"/> samples, row after row.</summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives row-major <c>[count, outputWidth]</c>.</param>
    void ForwardBatch(ReadOnlySpan<T> inputs, int count, Span<T> outputs);

    /// <summary>Computes the outputs and adds the vector-Jacobian product of <paramref name="outputsGrad"/> into the parameters' gradients and <paramref name="inputsGrad"/>.</summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives the outputs.</param>
    /// <param name="inputsGrad">Receives d(loss)/d(inputs), added to its contents.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="outputs"/> on entry).</param>
    void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, Span<T> inputsGrad, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default);

    /// <summary>As the other overload, adding into the parameter gradients only.</summary>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="outputs">Receives the outputs.</param>
    /// <param name="outputsGrad">d(loss)/d(outputs).</param>
    /// <param name="outputsInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="outputs"/> on entry).</param>
    void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default);
}
