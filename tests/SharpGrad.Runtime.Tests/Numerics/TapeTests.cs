using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// The typed tape: values of mixed types read back last first, each bit for bit with the type it was recorded with,
/// across growth from the first array to millions of bytes; each type's size counted against the memory budget
/// exactly (<see cref="TapeBudgetTests"/>); reading back more than was recorded is an error; a returned tape comes back empty.
/// </summary>
public sealed class TapeTests
{
    private sealed record Entry(int Kind, double Double, float Single, int Int, long Long, bool Flag);

    private static readonly Gen<Entry> _entries = Gen.Select(Gen.Int[0, 4], Gen.Double, Gen.Float, Gen.Int, Gen.Long, Gen.Bool,
        (kind, d, f, i, l, b) => new Entry(kind, d, f, i, l, b));

    [Fact]
    public void MixedValues_ReadBackLastFirst_BitForBit()
        => _entries.Array[0, 3000].Sample(entries =>
        {
            Tape tape = Tape.Rent("TapeTests");
            try
            {
                foreach (Entry e in entries)
                {
                    switch (e.Kind)
                    {
                        case 0: tape.Push(e.Double); break;
                        case 1: tape.PushSingle(e.Single); break;
                        case 2: tape.PushInt32(e.Int); break;
                        case 3: tape.PushInt64(e.Long); break;
                        default: tape.PushFlag(e.Flag); break;
                    }
                }

                Assert.Equal(entries.Sum(e => e.Kind switch { 0 or 3 => 8L, 1 or 2 => 4L, _ => 1L }), tape.RecordedBytes);
                for (int k = entries.Length - 1; k >= 0; k--)
                {
                    Entry e = entries[k];
                    switch (e.Kind)
                    {
                        case 0: Assert.Equal(BitConverter.DoubleToInt64Bits(e.Double), BitConverter.DoubleToInt64Bits(tape.Pop())); break;
                        case 1: Assert.Equal(BitConverter.SingleToInt32Bits(e.Single), BitConverter.SingleToInt32Bits(tape.PopSingle())); break;
                        case 2: Assert.Equal(e.Int, tape.PopInt32()); break;
                        case 3: Assert.Equal(e.Long, tape.PopInt64()); break;
                        default: Assert.Equal(e.Flag, tape.PopFlag()); break;
                    }
                }

                Assert.Equal(0, tape.RecordedBytes);
            }
            finally
            {
                Tape.Return(tape);
            }
        });

    [Fact]
    public void ManyFloats_GrowTheTape_AndComeBackInOrder()
    {
        Tape tape = Tape.Rent("TapeTests");
        try
        {
            const int count = 3_000_000;
            for (int i = 0; i < count; i++)
            {
                tape.PushSingle(i);
            }

            Assert.Equal(4L * count, tape.RecordedBytes);
            for (int i = count - 1; i >= 0; i--)
            {
                Assert.Equal(i, tape.PopSingle());
            }
        }
        finally
        {
            Tape.Return(tape);
        }
    }

    [Fact]
    public void ReadingBackMoreThanRecorded_IsAnError_NamingTheMethod()
    {
        Tape tape = Tape.Rent("TapeTests.Underflow");
        try
        {
            tape.PushSingle(1);
            var error = Assert.Throws<InvalidOperationException>(() => tape.Pop());
            Assert.Contains("TapeTests.Underflow", error.Message);
            Assert.Equal(1, tape.PopSingle());
        }
        finally
        {
            Tape.Return(tape);
        }
    }

    [Fact]
    public void ReturnedTape_ComesBackEmpty()
    {
        Tape tape = Tape.Rent("TapeTests");
        tape.Push(1.5);
        tape.PushFlag(true);
        Tape.Return(tape);
        Tape again = Tape.Rent("TapeTests");
        try
        {
            Assert.Equal(0, again.RecordedBytes);
        }
        finally
        {
            Tape.Return(again);
        }
    }
}

/// <summary>The tape budget is process-wide, so this test runs alone.</summary>
[CollectionDefinition(nameof(TapeBudgetTests), DisableParallelization = true)]
public sealed class TapeBudgetCollection;

/// <summary>The memory budget counts each recorded type's size, exactly.</summary>
[Collection(nameof(TapeBudgetTests))]
public sealed class TapeBudgetTests
{
    [Fact]
    public void Budget_CountsEachTypesSize()
    {
        long budget = Tape.MemoryBudget;
        Tape tape = Tape.Rent("TapeTests.Budgeted");
        try
        {
            Tape.MemoryBudget = 100;
            Tape.Return(tape);
            tape = Tape.Rent("TapeTests.Budgeted");
            for (int i = 0; i < 24; i++)
            {
                tape.PushSingle(i); // 96 bytes
            }

            tape.PushFlag(true);
            tape.PushFlag(false);
            tape.PushFlag(true);
            tape.PushFlag(true); // 100 bytes: the whole budget
            var error = Assert.Throws<InvalidOperationException>(() => tape.PushFlag(false));
            Assert.Contains("TapeTests.Budgeted", error.Message);
            Assert.Contains("100 bytes", error.Message);
            Assert.Contains("Raise Tape.MemoryBudget", error.Message);
            Assert.Equal(100, tape.RecordedBytes);
            Assert.True(tape.PopFlag());
        }
        finally
        {
            Tape.MemoryBudget = budget;
            Tape.Return(tape);
        }
    }
}
