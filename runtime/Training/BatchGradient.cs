using SharpGrad.Data;

namespace SharpGrad.Training;

/// <summary>
/// Computes the loss of one training batch and <em>adds</em> its gradient into the parameters'
/// <see cref="Parameter{T}.Grad"/> buffers (PyTorch: the <c>loss = criterion(model(x), y); loss.backward()</c>
/// part of a training step, or Lightning's <c>training_step</c>).
/// </summary>
/// <remarks>
/// The <see cref="Trainer{T}"/> zeroes the gradients before calling it and steps the optimizer afterwards.
/// A generated <c>{Name}WithGradient</c> method usually does all the work.
/// </remarks>
/// <param name="batch">The batch; its spans are valid only during the call.</param>
/// <returns>The batch's mean loss; the trainer weights it by <see cref="Batch{T}.Count"/> for the epoch's mean.</returns>
public delegate double BatchGradient<T>(Batch<T> batch);
