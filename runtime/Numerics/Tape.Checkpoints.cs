using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Numerics;

/// <summary>
/// Checkpointing: how a generated gradient keeps its tape within <see cref="MemoryBudget"/> for a loop that records
/// every iteration. The loop records while the tape holds at most <see cref="CheckpointThreshold"/> bytes; the
/// iterations after that run without recording, and every <see cref="CheckpointSegment"/> iterations push a
/// checkpoint (what the iterations carry to the next: its scalars and whole arrays, <see cref="PushSpan{T}"/>).
/// The reverse sweep takes the segments last first: it pops a checkpoint, re-runs that segment recording, and
/// reverses it, so the tape holds the recorded prefix, the checkpoints and one segment at a time.
/// </summary>
public sealed partial class Tape
{
    [ThreadStatic]
    private static long _checkpointedLoops;

    /// <summary>
    /// How many loops the gradients this thread ran have switched to checkpoints (each run of such a loop counts once): a
    /// count that grows during training means the tape budget is tight and those loops run their iterations twice.
    /// </summary>
    public static long ThreadCheckpointedLoops => _checkpointedLoops;

    /// <summary>
    /// The bytes past which a checkpointed loop stops recording: half of <see cref="MemoryBudget"/>, which leaves the
    /// other half for its checkpoints and the segment the reverse sweep re-runs.
    /// </summary>
    public long CheckpointThreshold => ByteLimit / 2;

    /// <summary>
    /// How many iterations one checkpoint covers: the length that keeps the tape smallest,
    /// <c>√(remaining · stateBytes / bytes per iteration)</c> (checkpoints take <c>remaining / length · stateBytes</c>,
    /// a re-run segment <c>length · bytes per iteration</c>), between 1 and <paramref name="remainingIterations"/>.
    /// </summary>
    /// <param name="recordedBytes">What the loop's recorded iterations took on the tape.</param>
    /// <param name="recordedIterations">How many iterations it recorded.</param>
    /// <param name="remainingIterations">The iterations left to run without recording.</param>
    /// <param name="stateBytes">The size of one checkpoint.</param>
    /// <remarks>Generated code calls it once per loop that switches, which <see cref="ThreadCheckpointedLoops"/> counts.</remarks>
    public static int CheckpointSegment(long recordedBytes, long recordedIterations, long remainingIterations, long stateBytes)
    {
        _checkpointedLoops++;
        if (remainingIterations <= 1)
        {
            return 1;
        }

        double perIteration = Math.Max(1.0, recordedBytes / (double)Math.Max(1, recordedIterations));
        double length = Math.Ceiling(Math.Sqrt(remainingIterations * (double)Math.Max(0, stateBytes) / perIteration));
        return (int)Math.Clamp(length, 1, Math.Min(remainingIterations, int.MaxValue));
    }

    /// <summary>Records the elements of a span (an array in a checkpoint), each in its own type's size.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The elements.</param>
    public void PushSpan<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        if (_used > _limit - bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetArrayDataReference(_slots)), _used), bytes.Length));
        _used += bytes.Length;
    }

    /// <summary>Reads back into <paramref name="values"/> the most recently recorded span of their length.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">Where the elements go.</param>
    public void PopSpan<T>(Span<T> values)
        where T : unmanaged
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        if (_used < bytes.Length)
        {
            ThrowEmpty();
        }

        _used -= bytes.Length;
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetArrayDataReference(_slots)), _used), bytes.Length).CopyTo(bytes);
    }
}
