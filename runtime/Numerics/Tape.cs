using System.Runtime.CompilerServices;

namespace SharpGrad.Numerics;

/// <summary>
/// A stack of values that a generated gradient records during its forward sweep and reads back, last
/// first, during its reverse sweep: the values the reverse sweep needs but the forward sweep overwrote.
/// Generated code rents one per call and returns it, so steady-state training allocates nothing.
/// </summary>
/// <remarks>Generated code uses this type; user code has no reason to.</remarks>
public sealed class Tape
{
    // Tapes given back on this thread, for reuse: a stack, because a gradient that calls another's (a layer
    // called per sample) holds its own tape while the callee rents one. Nesting deeper than this allocates.
    private const int PoolSize = 16;

    [ThreadStatic]
    private static Tape?[]? _pool;

    [ThreadStatic]
    private static int _pooled;

    private static long _memoryBudget = 4L << 30;

    private double[] _values = new double[256];
    private int _count;

    // The array's length, or less when the budget is smaller: the one bound Push checks.
    private int _limit = 256;
    private string _owner = "a [Differentiable] method";

    private Tape()
    {
    }

    /// <summary>The number of values recorded and not yet read back.</summary>
    public int Count => _count;

    /// <summary>
    /// The most memory, in bytes, one gradient call may record on its tape (8 bytes a value; default 4 GiB).
    /// A call that would record more throws <see cref="InvalidOperationException"/> naming its method, instead
    /// of exhausting memory or overflowing the tape's length. Applies to every thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is smaller than one value.</exception>
    public static long MemoryBudget
    {
        get => Volatile.Read(ref _memoryBudget);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, (long)sizeof(double));
            Volatile.Write(ref _memoryBudget, value);
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
        tape._limit = (int)Math.Min(tape._values.Length, EntryLimit);
        return tape;
    }

    /// <summary>Gives a tape back for reuse, emptied.</summary>
    public static void Return(Tape tape)
    {
        ArgumentNullException.ThrowIfNull(tape);
        tape._count = 0;
        Tape?[] pool = _pool ??= new Tape?[PoolSize];
        if (_pooled < pool.Length)
        {
            pool[_pooled++] = tape;
        }
    }

    /// <summary>Records a value. Floats and ints are stored exactly as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value)
    {
        if (_count == _limit)
        {
            Grow();
        }

        _values[_count++] = value;
    }

    /// <summary>Reads back the most recently recorded value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pop() => _values[--_count];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        long limit = EntryLimit;
        if (_count >= limit)
        {
            throw new InvalidOperationException(
                $"The gradient of {_owner} recorded more than {limit:N0} values ({limit * sizeof(double):N0} bytes) on its tape, "
                + $"the most {(limit == Array.MaxLength ? "an array can hold" : "Tape.MemoryBudget allows")}. "
                + "Raise Tape.MemoryBudget, or record less: fewer loop iterations per call, or smaller batches.");
        }

        if (_count == _values.Length)
        {
            Array.Resize(ref _values, (int)Math.Min((long)_values.Length * 2, limit));
        }

        _limit = (int)Math.Min(_values.Length, limit);
    }

    private static long EntryLimit => Math.Min(MemoryBudget / sizeof(double), Array.MaxLength);
}
