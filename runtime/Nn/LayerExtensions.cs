using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>Batches through a per-sample <see cref="ILayer{T}"/> (PyTorch: <c>model(inputs)</c> on a batch).</summary>
public static class LayerExtensions
{
    /// <summary>
    /// Runs <paramref name="layer"/> on each of the <paramref name="count"/> rows of <paramref name="inputs"/>,
    /// writing the outputs row after row into <paramref name="outputs"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[count, outputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>The output width.</returns>
    /// <exception cref="ArgumentException">A length does not fit <paramref name="count"/> rows; the message names the shapes.</exception>
    public static int ForwardBatch<T>(this ILayer<T> layer, ReadOnlySpan<T> inputs, Span<T> outputs, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        int inputWidth = Shapes.Columns(inputs.Length, count, layer.GetType().Name, nameof(inputs));
        int outputWidth = layer.OutputLength(inputWidth);
        Shapes.Matrix(outputs.Length, count, outputWidth, layer.GetType().Name, nameof(outputs));
        if (layer is IBatchLayer<T> batch)
        {
            batch.ForwardBatch(inputs, count, outputs);
            return outputWidth;
        }

        for (int i = 0; i < count; i++)
        {
            layer.Forward(inputs.Slice(i * inputWidth, inputWidth), outputs.Slice(i * outputWidth, outputWidth));
        }

        return outputWidth;
    }

    /// <summary>As <see cref="ForwardBatch{T}(ILayer{T}, ReadOnlySpan{T}, Span{T}, int)"/>, into a new array.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>Row-major <c>[count, outputWidth]</c>.</returns>
    public static T[] ForwardBatch<T>(this ILayer<T> layer, ReadOnlySpan<T> inputs, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        int inputWidth = Shapes.Columns(inputs.Length, count, layer.GetType().Name, nameof(inputs));
        var outputs = new T[count * layer.OutputLength(inputWidth)];
        layer.ForwardBatch(inputs, outputs, count);
        return outputs;
    }
}
