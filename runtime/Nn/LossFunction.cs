namespace SharpGrad.Nn;

/// <summary>A batch loss of a model's outputs: its value, and its value with the gradient (generated) of the outputs.</summary>
/// <param name="outputs">The model's outputs, row-major.</param>
/// <param name="targets">The targets.</param>
/// <returns>The loss.</returns>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public delegate T LossFunction<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets);
