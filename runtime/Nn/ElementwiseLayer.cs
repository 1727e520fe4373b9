using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// The base of a layer that maps each value on its own (ReLU, Tanh, ...): a batch is one long vector to it, so its
/// batch form is its per-sample <c>Forward</c> (and generated companions) on the whole span, and its output is as
/// long as its input. The derived class declares the <c>[Differentiable] Forward</c> and implements
/// <see cref="IBatchLayer{T}"/>; these public methods complete it.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class ElementwiseLayer<T> : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The output is as long as the input.</summary>
    /// <param name="inputLength">The input's length.</param>
    /// <returns><paramref name="inputLength"/>.</returns>
    public int OutputLength(int inputLength) => inputLength;

    /// <inheritdoc cref="IBatchLayer{T}.ForwardBatch"/>
    public void ForwardBatch(ReadOnlySpan<T> inputs, int count, Span<T> outputs) => Layer.Forward(inputs, outputs);

    /// <inheritdoc cref="IBatchLayer{T}.ForwardBatchWithGradient(ReadOnlySpan{T}, int, Span{T}, Span{T}, ReadOnlySpan{T}, Span{T})"/>
    public void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, Span<T> inputsGrad, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default)
        => Layer.ForwardWithGradient(inputs, outputs, inputsGrad, outputsGrad, outputsInitialGrad);

    /// <inheritdoc cref="IBatchLayer{T}.ForwardBatchWithGradient(ReadOnlySpan{T}, int, Span{T}, ReadOnlySpan{T}, Span{T})"/>
    public void ForwardBatchWithGradient(ReadOnlySpan<T> inputs, int count, Span<T> outputs, ReadOnlySpan<T> outputsGrad, Span<T> outputsInitialGrad = default)
        => Layer.ForwardWithGradient(inputs, outputs, outputsGrad, outputsInitialGrad);

    private ILayer<T> Layer => this as ILayer<T> ?? throw new InvalidOperationException($"{GetType().Name} derives from ElementwiseLayer but does not implement ILayer<{typeof(T).Name}>.");
}
