namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// A method the probe can call: <c>V{Index}(x)</c> runs it and <c>G{Index}(x, pre, seed, grad, mode)</c>
/// its companion (mode 0 without the seed, 1 with it, 2 with a wrong-length buffer, 3 with <c>accumulate: false</c>), where <c>x</c> holds the differentiated inputs, scalars and elements in parameter order.
/// </summary>
/// <param name="Index">Its number in the probe class.</param>
/// <param name="Display">The method's signature, for reports.</param>
/// <param name="Inputs">How many numbers <c>x</c> holds.</param>
/// <param name="IsFloat">Whether the method returns or takes a float (looser tolerances).</param>
/// <param name="HasArrayGradient">Whether a gradient buffer is a span (so a wrong length must be rejected).</param>
/// <param name="HasTwin">Whether <c>T{Index}(x)</c> runs the program's <see cref="StopTwin"/> for finite differences.</param>
/// <param name="MayRoundToFloat">Whether anything in the program is float (then even a double method may round to float inside).</param>
/// <param name="Vectorized">Whether its companion (or one it calls) runs a vectorized loop, whose sums may differ in the last bits.</param>
/// <param name="Overwrites">Whether its companion has the overload with <c>accumulate</c> (mode 3 passes false: the buffers must end as seed * gradient, whatever they held).</param>
/// <param name="OverwritingLoop">Whether that overload has a loop that writes a buffer over its old contents instead of clearing it first (FirstWriteOverwrite).</param>
internal sealed record ProbeMethod(int Index, string Display, int Inputs, bool IsFloat, bool HasArrayGradient, bool HasTwin, bool MayRoundToFloat, bool Vectorized = false, bool Overwrites = false, bool OverwritingLoop = false);
