using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SharpGrad.Data;

/// <summary>Copies of short rows whose length is only known at run time.</summary>
internal static class RowCopy
{
    /// <summary>Copies <paramref name="bytes"/> bytes; the regions must not overlap.</summary>
    /// <remarks>
    /// A gather copies one short row per sample, and a call to the general memmove costs about as much as moving
    /// a 128-byte row. Inline 32-byte vector moves avoid the call; the last move is aligned to the row's end and
    /// may overlap the previous one, which is harmless because source and destination are distinct.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref byte destination, ref byte source, nuint bytes)
    {
        if (Vector256.IsHardwareAccelerated && bytes >= (nuint)Vector256<byte>.Count && bytes <= 1024)
        {
            nuint last = bytes - (nuint)Vector256<byte>.Count;
            for (nuint offset = 0; offset < last; offset += (nuint)Vector256<byte>.Count)
            {
                Vector256.LoadUnsafe(ref source, offset).StoreUnsafe(ref destination, offset);
            }

            Vector256.LoadUnsafe(ref source, last).StoreUnsafe(ref destination, last);
            return;
        }

        Unsafe.CopyBlockUnaligned(ref destination, ref source, (uint)bytes);
    }
}
