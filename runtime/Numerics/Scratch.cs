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
    // One thread-static reference to this thread's arena and its top: each call reads thread-local storage once.
    [ThreadStatic]
    private static Arena? _current;

    private static Arena Current => _current ??= new Arena();

    /// <summary>The current top of this thread's arena, to release back to.</summary>
    public static int Mark => Current.Top;

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

        Arena arena = Current;
        int top = arena.Top;
        if (arena.Buffer.Length - top < length)
        {
            Grow(arena, top, length);
        }

        Span<T> rented = arena.Buffer.AsSpan(top, length);
        rented.Clear();
        arena.Top = top + length;
        return rented;
    }

    /// <summary>Gives back everything rented since <paramref name="mark"/> was taken.</summary>
    public static void Release(int mark) => Current.Top = mark;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow(Arena arena, int top, int length)
    {
        long wanted = Math.Max(256, Math.Max((long)arena.Buffer.Length * 2, (long)top + length));
        if (wanted > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"Generated gradients on this thread need {(long)top + length:N0} elements of scratch memory at once, more than an array can hold.");
        }

        arena.Buffer = new T[wanted];
    }

    /// <summary>A thread's arena: the array rented from and how much of it is in use.</summary>
    private sealed class Arena
    {
        public T[] Buffer = [];

        public int Top;
    }
}
