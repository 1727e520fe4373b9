using System.Runtime.CompilerServices;

namespace SharpGrad.Numerics;

/// <summary>
/// Zeroed working memory for a generated gradient's local arrays and their adjoints, taken from a per-thread
/// arena instead of the heap, so that a training step allocates nothing once the arena has grown to fit.
/// A gradient takes <see cref="Mark"/> on entry, rents what it needs, and releases back to the mark when it
/// returns (in a <c>finally</c>); a gradient it calls does the same above it, so the use is strictly nested.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public static class Scratch<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? _arena;

    [ThreadStatic]
    private static int _top;

    /// <summary>The current top of this thread's arena, to release back to.</summary>
    public static int Mark => _top;

    /// <summary>
    /// <paramref name="length"/> zeroed elements, valid until the caller releases past them. When the arena is
    /// full, a larger one replaces it; memory already rented stays valid (it lives in the old array).
    /// </summary>
    /// <exception cref="OverflowException"><paramref name="length"/> is negative, as for <c>new T[length]</c>.</exception>
    public static Span<T> Rent(int length)
    {
        if (length < 0)
        {
            throw new OverflowException($"A local array's length is {length}; it cannot be negative.");
        }

        T[]? arena = _arena;
        int top = _top;
        if (arena is null || arena.Length - top < length)
        {
            arena = Grow(top, length);
        }

        Span<T> rented = arena.AsSpan(top, length);
        rented.Clear();
        _top = top + length;
        return rented;
    }

    /// <summary>Gives back everything rented since <paramref name="mark"/>.</summary>
    public static void Release(int mark) => _top = mark;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow(int top, int length)
    {
        long wanted = Math.Max(256, Math.Max((long)(_arena?.Length ?? 0) * 2, (long)top + length));
        if (wanted > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"Generated gradients on this thread need {(long)top + length:N0} elements of scratch memory at once, more than an array can hold.");
        }

        return _arena = new T[wanted];
    }
}
