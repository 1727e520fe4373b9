using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SharpGrad.Numerics;

/// <summary>
/// The argument checks a generated gradient makes on entry, and the exceptions they throw. Kept out of the
/// generated method so its hot loops are not compiled beside message-formatting code.
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public static class GradientArguments
{
    /// <summary>
    /// Whether two gradient buffers are the same memory or share none of it: a vectorized loop that adds into both at
    /// one index checks this before it runs (a caller may pass one array for two parameters' gradients, but two
    /// buffers shifted against each other would see each other's lanes); otherwise the loop runs element by element.
    /// </summary>
    public static bool SameOrApart(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        => !a.Overlaps(b, out int offset) || offset == 0;

    /// <inheritdoc cref="SameOrApart(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static bool SameOrApart(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => !a.Overlaps(b, out int offset) || offset == 0;

    /// <summary>Throws the error for a gradient buffer whose length differs from its parameter's.</summary>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string buffer, int bufferLength, string parameter, int parameterLength)
        => throw new ArgumentException($"The gradient buffer '{buffer}' has length {bufferLength} but '{parameter}' has length {parameterLength}; they must match.", buffer);

    /// <summary>Throws <see cref="ArgumentException"/> when the gradient buffer <paramref name="buffer"/> shares memory with the argument <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">They overlap.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a few compares on entry; the throw stays out of line
    public static void ThrowIfOverlapping(ReadOnlySpan<float> buffer, ReadOnlySpan<float> other, string bufferName, string otherName)
    {
        if (buffer.Overlaps(other))
        {
            ThrowOverlap(bufferName, otherName);
        }
    }

    /// <inheritdoc cref="ThrowIfOverlapping(ReadOnlySpan{float}, ReadOnlySpan{float}, string, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a few compares on entry; the throw stays out of line
    public static void ThrowIfOverlapping(ReadOnlySpan<double> buffer, ReadOnlySpan<double> other, string bufferName, string otherName)
    {
        if (buffer.Overlaps(other))
        {
            ThrowOverlap(bufferName, otherName);
        }
    }

    /// <summary>
    /// Throws the error for a gradient buffer that shares memory with an array argument: the gradient would be
    /// added into values the gradient is still computed from.
    /// </summary>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowOverlap(string buffer, string other)
        => throw new ArgumentException($"The gradient buffer '{buffer}' overlaps '{other}' in memory; pass gradient buffers apart from the inputs.", buffer);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the output <paramref name="output"/> shares memory with the
    /// argument <paramref name="other"/>: the gradient treats them as distinct values, so writing one while
    /// reading the other would be differentiated wrongly.
    /// </summary>
    /// <exception cref="ArgumentException">They overlap.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a few compares on entry; the throw stays out of line
    public static void ThrowIfOutputOverlapping(ReadOnlySpan<float> output, ReadOnlySpan<float> other, string outputName, string otherName)
    {
        if (output.Overlaps(other))
        {
            ThrowOutputOverlap(outputName, otherName);
        }
    }

    /// <inheritdoc cref="ThrowIfOutputOverlapping(ReadOnlySpan{float}, ReadOnlySpan{float}, string, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a few compares on entry; the throw stays out of line
    public static void ThrowIfOutputOverlapping(ReadOnlySpan<double> output, ReadOnlySpan<double> other, string outputName, string otherName)
    {
        if (output.Overlaps(other))
        {
            ThrowOutputOverlap(outputName, otherName);
        }
    }

    /// <summary>Throws the error for an output that shares memory with another array argument.</summary>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowOutputOverlap(string output, string other)
        => throw new ArgumentException($"The output '{output}' overlaps '{other}' in memory; a differentiable method's outputs must be apart from its other array arguments.", output);
}
