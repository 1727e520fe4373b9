using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>
/// A layer that maps one sample's flat input to its flat output, as <c>Sequential</c> composes them
/// (PyTorch: a module with a one-tensor <c>forward</c>). Every layer of <c>SharpGrad.Nn.Float32</c> and
/// <c>SharpGrad.Nn.Float64</c> implements it: <see cref="Forward"/> is its <c>[Differentiable]</c> method and the two
/// <c>ForwardWithGradient</c> overloads are the companions SharpGrad generates for it.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The length of the output for an input of <paramref name="inputLength"/> values.</summary>
    /// <param name="inputLength">The input's length.</param>
    /// <returns>The output's length.</returns>
    /// <exception cref="ArgumentException">The layer cannot take an input of that length; the message names the layer and both shapes.</exception>
    int OutputLength(int inputLength);

    /// <summary>Computes the output of one sample.</summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives <see cref="OutputLength"/> values.</param>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// Computes the output and adds the vector-Jacobian product of <paramref name="outputGrad"/> into the layer's
    /// parameter gradients and into <paramref name="inputGrad"/>.
    /// </summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the output.</param>
    /// <param name="inputGrad">Receives d(loss)/d(input), added to its contents.</param>
    /// <param name="outputGrad">d(loss)/d(output).</param>
    /// <param name="outputInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="output"/> on entry); zero for a layer that overwrites its whole output.</param>
    void ForwardWithGradient(ReadOnlySpan<T> input, Span<T> output, Span<T> inputGrad, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad = default);

    /// <summary>As the other overload, adding into the parameter gradients only (the input carries no derivative).</summary>
    /// <param name="input">The sample.</param>
    /// <param name="output">Receives the output.</param>
    /// <param name="outputGrad">d(loss)/d(output).</param>
    /// <param name="outputInitialGrad">Optional: receives d(loss)/d(the contents of <paramref name="output"/> on entry).</param>
    void ForwardWithGradient(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> outputGrad, Span<T> outputInitialGrad = default);
}
