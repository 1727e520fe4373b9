using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SharpGrad.Data;

/// <summary>Cache prefetch hints for gathers whose addresses are known ahead of time.</summary>
internal static class Prefetch
{
    // Enough lines to cover typical rows; past that the hardware's own sequential prefetcher takes over.
    private const nuint MaxLines = 8;
    private const nuint CacheLine = 64;

    /// <summary>Asks the CPU to start loading the cache lines holding <paramref name="bytes"/> bytes at <paramref name="start"/>.</summary>
    /// <remarks>
    /// A prefetch is only a hint: it never faults and never changes memory, so taking the address of unpinned
    /// array memory is harmless here even if the garbage collector moves the array right afterwards.
    /// On CPUs without SSE (e.g. Arm) this does nothing.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Range<T>(ref T start, nuint bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // Rows rarely start on a line boundary: visit each line the row touches, once.
        nuint first = (nuint)Unsafe.AsPointer(ref start) & ~(CacheLine - 1);
        nuint last = ((nuint)Unsafe.AsPointer(ref start) + bytes - 1) & ~(CacheLine - 1);
        last = Math.Min(last, first + ((MaxLines - 1) * CacheLine));
        for (nuint line = first; line <= last; line += CacheLine)
        {
            Sse.Prefetch0((void*)line);
        }
    }
}
