namespace SharpGrad.Nn;

/// <summary>The generated companion of a <see cref="LossFunction{T}"/>: adds d(loss)/d(outputs) · outputGradient into <paramref name="outputsGrad"/>.</summary>
/// <param name="outputs">The model's outputs.</param>
/// <param name="targets">The targets.</param>
/// <param name="outputsGrad">Receives the gradient.</param>
/// <param name="outputGradient">The scale of the gradient.</param>
/// <returns>The loss.</returns>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public delegate T LossGradient<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputsGrad, T outputGradient);
