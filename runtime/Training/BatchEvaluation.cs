using SharpGrad.Data;

namespace SharpGrad.Training;

/// <summary>
/// Evaluates the model on one validation batch without touching gradients (PyTorch: the body of a
/// <c>with torch.no_grad():</c> validation loop, or Lightning's <c>validation_step</c>).
/// </summary>
/// <remarks>
/// Compute the predictions, return the batch's mean loss, and record any further metrics with
/// <see cref="MetricRecorder.Record"/>, for example
/// <c>metrics.Record("accuracy", Metrics.Accuracy(logits, batch.Targets, batch.Count))</c>.
/// </remarks>
/// <param name="batch">The batch; its spans are valid only during the call.</param>
/// <param name="metrics">Collects the batch's metric values.</param>
/// <returns>The batch's mean loss; the trainer weights it by <see cref="Batch{T}.Count"/>.</returns>
public delegate double BatchEvaluation<T>(Batch<T> batch, MetricRecorder metrics);
