using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Numerics;

/// <summary>
/// A stack of values that a generated gradient records during its forward sweep and reads back, last
/// first, during its reverse sweep: the values the reverse sweep needs but the forward sweep overwrote.
/// Each value takes its own type's size (a float 4 bytes, a branch flag 1), and the reverse sweep reads each back with
/// the type it was recorded with. Generated code rents one per call and returns it, so steady-state training allocates nothing.
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public sealed partial class Tape
{
    // Tapes given back on this thread, for reuse: a stack, because a gradient that calls another's (a layer
    // called per sample) holds its own tape while the callee rents one. Nesting deeper than this allocates.
    private const int PoolSize = 16;

    [ThreadStatic]
    private static Tape?[]? _pool;

    [ThreadStatic]
    private static int _pooled;

    private static long _memoryBudget = 256L << 20;

    // This thread's own budget (0: none), below the process-wide one.
    [ThreadStatic]
    private static long _threadBudget;

    // The values, each in its own type's size (a float 4 bytes, a flag 1), one after the other: pops mirror pushes
    // exactly, so each reads back the bytes its push wrote. Slots of 8 bytes let the tape pass 2 GiB.
    private ulong[] _slots = new ulong[32];

    // Bytes recorded and not yet read back.
    private nint _used;

    // The array's size in bytes, or less when the budget is smaller: the one bound a push checks.
    private nint _limit = 32 * sizeof(ulong);
    private string _owner = "a [Differentiable] method";

    private Tape()
    {
    }

    /// <summary>The bytes recorded and not yet read back.</summary>
    public long RecordedBytes => _used;

    /// <summary>
    /// The most memory, in bytes, one gradient call may record on its tape (a double or long takes 8 bytes, a float or int
    /// 4, a flag 1; default 256 MiB). Past half of it, a top-level loop that records switches to checkpoints (see
    /// <see cref="CheckpointThreshold"/>); a call that would record more even so throws <see cref="InvalidOperationException"/> naming its
    /// method, instead of exhausting memory or overflowing the tape's length. Applies to every thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is smaller than one double.</exception>
    public static long MemoryBudget
    {
        get => Volatile.Read(ref _memoryBudget);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, (long)sizeof(double));
            Volatile.Write(ref _memoryBudget, value);
        }
    }

    /// <summary>
    /// A smaller budget for the gradient calls this thread makes (null: <see cref="MemoryBudget"/> alone), for a thread
    /// that must stay within less memory than the others; the smaller of the two applies. It takes effect at a call's start.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is smaller than one double.</exception>
    public static long? ThreadMemoryBudget
    {
        get => _threadBudget == 0 ? null : _threadBudget;
        set
        {
            if (value is { } bytes)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(bytes, (long)sizeof(double));
            }

            _threadBudget = value ?? 0;
        }
    }

    /// <summary>Takes a tape this thread gave back, or a new one if all are in use (gradients calling gradients, deeper than the pool).</summary>
    public static Tape Rent() => Rent("a [Differentiable] method");

    /// <summary>As <see cref="Rent()"/>, for the gradient of <paramref name="method"/>, which errors name.</summary>
    public static Tape Rent(string method)
    {
        Tape? tape = null;
        if (_pooled > 0)
        {
            tape = _pool![--_pooled];
            _pool[_pooled] = null;
        }

        tape ??= new Tape();

        tape._owner = method;
        tape._limit = (nint)Math.Min(tape.Capacity, ByteLimit);
        return tape;
    }

    /// <summary>Gives a tape back for reuse, emptied.</summary>
    public static void Return(Tape tape)
    {
        ArgumentNullException.ThrowIfNull(tape);
        tape._used = 0;
        Tape?[] pool = _pool ??= new Tape?[PoolSize];
        if (_pooled < pool.Length)
        {
            pool[_pooled++] = tape;
        }
    }

    /// <summary>Records a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value) => PushValue(value);

    /// <summary>Reads back the most recently recorded value, a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pop() => PopValue<double>();

    /// <summary>Records a float (4 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushSingle(float value) => PushValue(value);

    /// <summary>Reads back the most recently recorded value, a float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float PopSingle() => PopValue<float>();

    /// <summary>Records an int (4 bytes; a uint by its bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushInt32(int value) => PushValue(value);

    /// <summary>Reads back the most recently recorded value, an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PopInt32() => PopValue<int>();

    /// <summary>Records a long (8 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushInt64(long value) => PushValue(value);

    /// <summary>Reads back the most recently recorded value, a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PopInt64() => PopValue<long>();

    /// <summary>Records a branch flag (1 byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushFlag(bool value) => PushValue(value ? (byte)1 : (byte)0);

    /// <summary>Reads back the most recently recorded value, a flag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool PopFlag() => PopValue<byte>() != 0;

    private long Capacity => (long)_slots.Length * sizeof(ulong);

    // The most bytes a tape may hold: the budget, or what an array of slots can.
    private static long ByteLimit => Math.Min(Budget, (long)Array.MaxLength * sizeof(ulong));

    // The budget on this thread.
    private static long Budget => _threadBudget == 0 ? MemoryBudget : Math.Min(_threadBudget, MemoryBudget);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushValue<T>(T value)
        where T : unmanaged
    {
        nint size = Unsafe.SizeOf<T>();
        if (_used > _limit - size)
        {
            Grow(size);
        }

        Unsafe.WriteUnaligned(ref Unsafe.AddByteOffset(ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetArrayDataReference(_slots)), _used), value);
        _used += size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T PopValue<T>()
        where T : unmanaged
    {
        nint size = Unsafe.SizeOf<T>();
        if (_used < size)
        {
            ThrowEmpty();
        }

        _used -= size;
        return Unsafe.ReadUnaligned<T>(ref Unsafe.AddByteOffset(ref Unsafe.As<ulong, byte>(ref MemoryMarshal.GetArrayDataReference(_slots)), _used));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(nint size)
    {
        long limit = ByteLimit;
        if (_used + size > limit)
        {
            // The budget that set the limit, which is the one to raise (none when an array of slots is the bound).
            string? budget = limit == _threadBudget ? "Tape.ThreadMemoryBudget" : limit == MemoryBudget ? "Tape.MemoryBudget" : null;
            throw new InvalidOperationException(
                $"The gradient of {_owner} recorded more than {limit:N0} bytes on its tape, "
                + $"the most {(budget is null ? "an array can hold" : budget + " allows" + (budget == "Tape.MemoryBudget" ? "" : " on this thread"))}"
                + ". (A loop at the method's top level switches to checkpoints past half of that; this call needs more even so.) "
                + $"{(budget is null ? "Record less" : "Raise " + budget + ", or record less")}: fewer loop iterations per call, or smaller batches.");
        }

        if (_used + size > Capacity)
        {
            // Double, or more for a checkpoint of a large array, up to the limit.
            long needed = (_used + size + sizeof(ulong) - 1) / sizeof(ulong);
            long slots = Math.Min(Math.Max((long)_slots.Length * 2, needed), (limit + sizeof(ulong) - 1) / sizeof(ulong));
            Array.Resize(ref _slots, (int)slots);
        }

        _limit = (nint)Math.Min(Capacity, limit);
    }

    [DoesNotReturn]
    private void ThrowEmpty()
        => throw new InvalidOperationException($"The gradient of {_owner} read back more values than it recorded: this is a SharpGrad bug; please report it with the method.");
}
