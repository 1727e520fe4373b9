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
    [ThreadStatic]
    private static Tape? _cached;

    private double[] _values = new double[256];
    private int _count;

    private Tape()
    {
    }

    /// <summary>The number of values recorded and not yet read back.</summary>
    public int Count => _count;

    /// <summary>Takes this thread's cached tape, or a new one if it is in use (a gradient that calls another).</summary>
    public static Tape Rent()
    {
        Tape? tape = _cached;
        if (tape is null)
        {
            return new Tape();
        }

        _cached = null;
        return tape;
    }

    /// <summary>Gives a tape back for reuse, emptied.</summary>
    public static void Return(Tape tape)
    {
        ArgumentNullException.ThrowIfNull(tape);
        tape._count = 0;
        _cached = tape;
    }

    /// <summary>Records a value. Floats and ints are stored exactly as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value)
    {
        if (_count == _values.Length)
        {
            Grow();
        }

        _values[_count++] = value;
    }

    /// <summary>Reads back the most recently recorded value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pop() => _values[--_count];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _values, _values.Length * 2);
}
