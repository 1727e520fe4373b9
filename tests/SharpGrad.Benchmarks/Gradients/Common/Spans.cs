using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// Views a span of T as the float or double span it is, so that generic wrappers can call a loss's float or double
/// overload (the generator differentiates non-generic methods). The JIT removes the type tests for each T.
/// </summary>
public static class Spans
{
    public static bool IsFloat<T>() => typeof(T) == typeof(float);

    /// <summary>"float" or "double", for names and messages.</summary>
    public static string Name<T>() => IsFloat<T>() ? "float" : "double";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<float> Float<T>(Span<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<double> Double<T>(Span<T> values) where T : unmanaged => MemoryMarshal.Cast<T, double>(values);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<float> Float<T>(ReadOnlySpan<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<double> Double<T>(ReadOnlySpan<T> values) where T : unmanaged => MemoryMarshal.Cast<T, double>(values);

    /// <summary>Converts seeded double data to T (the data is generated float-representable, so this is exact).</summary>
    public static T[] To<T>(double[] values) where T : INumberBase<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }

        return result;
    }
}
