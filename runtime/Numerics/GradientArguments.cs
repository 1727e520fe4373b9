using System.Diagnostics.CodeAnalysis;

namespace SharpGrad.Numerics;

/// <summary>
/// The argument checks a generated gradient makes on entry, and the exceptions they throw. Kept out of the
/// generated method so its hot loops are not compiled beside message-formatting code.
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public static class GradientArguments
{
    /// <summary>Throws the error for a gradient buffer whose length differs from its parameter's.</summary>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string buffer, int bufferLength, string parameter, int parameterLength)
        => throw new ArgumentException($"The gradient buffer '{buffer}' has length {bufferLength} but '{parameter}' has length {parameterLength}; they must match.", buffer);

    /// <summary>Throws <see cref="ArgumentException"/> when the gradient buffer <paramref name="buffer"/> shares memory with the argument <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">They overlap.</exception>
    public static void ThrowIfOverlapping(ReadOnlySpan<float> buffer, ReadOnlySpan<float> other, string bufferName, string otherName)
    {
        if (buffer.Overlaps(other))
        {
            ThrowOverlap(bufferName, otherName);
        }
    }

    /// <inheritdoc cref="ThrowIfOverlapping(ReadOnlySpan{float}, ReadOnlySpan{float}, string, string)"/>
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
}
