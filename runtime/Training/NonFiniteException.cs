using System.Numerics;

namespace SharpGrad.Training;

/// <summary>
/// Thrown when a loss or gradient becomes NaN or infinite during training (PyTorch: what
/// <c>torch.autograd.detect_anomaly()</c> or Lightning's <c>Trainer(detect_anomaly=True)</c> report). The message
/// names the step, the epoch and, for a gradient, the parameter and the first bad index.
/// </summary>
public sealed class NonFiniteException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="epoch">The epoch, starting at 1.</param>
    /// <param name="step">The optimizer step counted from the start of training, starting at 1.</param>
    /// <param name="parameterName">The parameter whose gradient is not finite, or <see langword="null"/> for a loss.</param>
    /// <param name="index">The first non-finite element of that gradient, row-major; -1 for a loss.</param>
    public NonFiniteException(string message, int epoch, long step, string? parameterName = null, int index = -1)
        : base(message)
    {
        Epoch = epoch;
        Step = step;
        ParameterName = parameterName;
        Index = index;
    }

    /// <summary>The epoch in which the value appeared, starting at 1; 0 from <see cref="ThrowIfNotFinite{T}(double, ReadOnlySpan{Parameter{T}})"/>.</summary>
    public int Epoch { get; }

    /// <summary>The optimizer step in which the value appeared, counted from the start of training, starting at 1; 0 from <see cref="ThrowIfNotFinite{T}(double, ReadOnlySpan{Parameter{T}})"/>.</summary>
    public long Step { get; }

    /// <summary>The parameter whose gradient holds the value, or <see langword="null"/> when the loss is not finite.</summary>
    public string? ParameterName { get; }

    /// <summary>The row-major index of the first non-finite gradient element; -1 for a loss.</summary>
    public int Index { get; }

    /// <summary>
    /// The trainer's non-finite check for a hand-written loop: throws if <paramref name="loss"/> or any element of
    /// a parameter's gradient is NaN or infinite (PyTorch: <c>torch.isfinite(loss)</c> and
    /// <c>torch.isfinite(p.grad).all()</c>, or <c>torch.autograd.detect_anomaly()</c>). Call it between the
    /// gradient and <c>optimizer.Step()</c>, so the parameters keep their last finite values.
    /// </summary>
    /// <remarks>One vectorized pass per gradient; nothing is allocated unless it throws. Outside the trainer the
    /// position is unknown: the exception's <see cref="Epoch"/> and <see cref="Step"/> are 0.</remarks>
    /// <example><code>
    /// double loss = Model.LossWithGradient(weight.Data, bias.Data, batch.Features, batch.Targets, weight.Grad, bias.Grad);
    /// NonFiniteException.ThrowIfNotFinite(loss, weight, bias);
    /// optimizer.Step();
    /// </code></example>
    /// <param name="loss">The batch's loss.</param>
    /// <param name="parameters">The parameters whose gradients to check.</param>
    /// <exception cref="NonFiniteException">The loss (checked first) or a gradient is not finite; the message names the
    /// parameter, the first bad index and how many values are bad.</exception>
    public static void ThrowIfNotFinite<T>(double loss, params ReadOnlySpan<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        => NonFiniteCheck.LossAndGradients(loss, parameters);

    /// <summary>As <see cref="ThrowIfNotFinite{T}(double, ReadOnlySpan{Parameter{T}})"/>, for a module's parameters (<c>model.Parameters()</c>).</summary>
    /// <param name="loss">The batch's loss.</param>
    /// <param name="parameters">The parameters whose gradients to check.</param>
    /// <exception cref="NonFiniteException">The loss or a gradient is not finite; the message names the parameter by its dotted name.</exception>
    public static void ThrowIfNotFinite<T>(double loss, ModuleParameters<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        NonFiniteCheck.LossAndGradients(loss, parameters.AsSpan());
    }
}
