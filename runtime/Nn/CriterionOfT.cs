using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// A loss applied to a per-sample model over a batch (PyTorch: <c>criterion = nn.CrossEntropyLoss()</c>, then
/// <c>criterion(model(inputs), targets)</c> and <c>loss.backward()</c>): <see cref="LossWithGradient"/> runs the model
/// on every sample, takes the loss's generated gradient with respect to the outputs, and carries it back through the
/// model's generated companion into its parameters' gradients. No tape: two generated functions, composed.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the losses are on <c>SharpGrad.Nn.Float32.Criterion</c> and <c>SharpGrad.Nn.Float64.Criterion</c>.</typeparam>
public class Criterion<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _outputs = [];
    private T[] _outputsGrad = [];

    /// <summary>Wraps a loss and its generated companion.</summary>
    /// <param name="name">The loss, as messages name it.</param>
    /// <param name="value">The loss.</param>
    /// <param name="gradient">Its companion.</param>
    public Criterion(string name, LossFunction<T> value, LossGradient<T> gradient)
    {
        Name = name;
        Value = value;
        Gradient = gradient;
    }

    /// <summary>The loss's name.</summary>
    public string Name { get; }

    /// <summary>The loss.</summary>
    public LossFunction<T> Value { get; }

    /// <summary>Its companion.</summary>
    public LossGradient<T> Gradient { get; }

    /// <summary>The loss of <paramref name="model"/>'s outputs on <paramref name="count"/> samples (no gradient).</summary>
    /// <param name="model">The per-sample model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="targets">The targets of the batch.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>The loss.</returns>
    public T Loss(ILayer<T> model, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int count)
    {
        Span<T> outputs = Outputs(model, inputs, count);
        return Value(outputs, targets);
    }

    /// <summary>
    /// The loss of <paramref name="model"/>'s outputs on <paramref name="count"/> samples, adding its gradient into
    /// every parameter's <c>Grad</c> (<c>loss.backward()</c>); clear them first (<c>optimizer.ZeroGrad()</c>).
    /// </summary>
    /// <param name="model">The per-sample model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="targets">The targets of the batch.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>The loss.</returns>
    public T LossWithGradient(ILayer<T> model, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int count)
    {
        Span<T> outputs = Outputs(model, inputs, count);
        int inputWidth = inputs.Length / count;
        int outputWidth = outputs.Length / count;
        if (_outputsGrad.Length < outputs.Length)
        {
            _outputsGrad = new T[outputs.Length];
        }

        Span<T> outputsGrad = _outputsGrad.AsSpan(0, outputs.Length);
        outputsGrad.Clear();
        T loss = Gradient(outputs, targets, outputsGrad, T.One);
        if (model is IBatchLayer<T> batch)
        {
            batch.ForwardBatchWithGradient(inputs, count, outputs, (ReadOnlySpan<T>)outputsGrad);
            return loss;
        }

        for (int i = 0; i < count; i++)
        {
            model.ForwardWithGradient(inputs.Slice(i * inputWidth, inputWidth), outputs.Slice(i * outputWidth, outputWidth), (ReadOnlySpan<T>)outputsGrad.Slice(i * outputWidth, outputWidth));
        }

        return loss;
    }

    /// <summary>Runs the model on the batch into the kept output buffer.</summary>
    private Span<T> Outputs(ILayer<T> model, ReadOnlySpan<T> inputs, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        int inputWidth = Shapes.Columns(inputs.Length, count, Name, "inputs");
        int length = count * model.OutputLength(inputWidth);
        if (_outputs.Length < length)
        {
            _outputs = new T[length]; // grows to the largest batch; a smaller last batch uses a slice
        }

        Span<T> outputs = _outputs.AsSpan(0, length);
        model.ForwardBatch(inputs, outputs, count);
        return outputs;
    }
}
