using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// What checkpointed loops use from the tape: spans (the arrays of a checkpoint) read back bit for bit among single
/// values at any byte offset and across growth; the segment length that keeps the tape near its smallest; a budget
/// per thread, the smaller of it and the process-wide one applying, and half of it the threshold.
/// </summary>
public sealed class TapeCheckpointTests
{
    [Fact]
    public void Spans_AmongSingleValues_ReadBackBitForBit()
        => Gen.Select(Gen.Double.Array[0, 300], Gen.Float.Array[0, 5000], Gen.Bool, Gen.Int).Sample((doubles, floats, flag, count) =>
        {
            Tape tape = Tape.Rent("TapeCheckpointTests");
            try
            {
                // A flag first, so the spans start at odd byte offsets.
                tape.PushFlag(flag);
                tape.PushSpan<double>(doubles);
                tape.PushInt32(count);
                tape.PushSpan<float>(floats);
                Assert.Equal(1 + (8L * doubles.Length) + 4 + (4L * floats.Length), tape.RecordedBytes);

                var floatsBack = new float[floats.Length];
                tape.PopSpan<float>(floatsBack);
                Assert.Equal(count, tape.PopInt32());
                var doublesBack = new double[doubles.Length];
                tape.PopSpan<double>(doublesBack);
                Assert.Equal(flag, tape.PopFlag());
                Assert.Equal(floats.Select(BitConverter.SingleToInt32Bits), floatsBack.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), doublesBack.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(0, tape.RecordedBytes);
            }
            finally
            {
                Tape.Return(tape);
            }
        });

    [Fact]
    public void Span_LargerThanTheTapesDoubling_GrowsTheTapeToFit()
    {
        Tape tape = Tape.Rent("TapeCheckpointTests");
        try
        {
            // One push of 8 MB onto a fresh tape: far more than twice its first array.
            double[] values = Enumerable.Range(0, 1 << 20).Select(i => Math.Sin(i)).ToArray();
            tape.PushSingle(1.5f);
            tape.PushSpan<double>(values);
            var back = new double[values.Length];
            tape.PopSpan<double>(back);
            Assert.Equal(values, back);
            Assert.Equal(1.5f, tape.PopSingle());
        }
        finally
        {
            Tape.Return(tape);
        }
    }

    [Fact]
    public void PoppingASpanLongerThanTheTape_IsAnError()
    {
        Tape tape = Tape.Rent("TapeCheckpointTests");
        try
        {
            tape.PushSpan<float>([1f, 2f]);
            Assert.Throws<InvalidOperationException>(() => tape.PopSpan<double>(new double[2]));
        }
        finally
        {
            Tape.Return(tape);
        }
    }

    [Fact]
    public void CheckpointSegment_IsWithinItsRange_AndKeepsTheTapeNearItsSmallest()
        => Gen.Select(Gen.Long[1, 1_000_000], Gen.Long[1, 10_000], Gen.Long[0, 10_000_000], Gen.Long[0, 100_000]).Sample(
            (recordedIterations, perIteration, remaining, stateBytes) =>
            {
                long before = Tape.ThreadCheckpointedLoops;
                int length = Tape.CheckpointSegment(recordedIterations * perIteration, recordedIterations, remaining, stateBytes);
                Assert.Equal(before + 1, Tape.ThreadCheckpointedLoops);
                Assert.InRange(length, 1, Math.Max(1, remaining));

                // Checkpoints plus one re-run segment, against the best any length could do (at least 2√(n·S·b), and S + b
                // for one iteration): within one checkpoint and one iteration of that.
                double Cost(double l) => (Math.Ceiling(remaining / l) * stateBytes) + (l * perIteration);
                double best = Math.Max(2 * Math.Sqrt(remaining * (double)stateBytes * perIteration), Math.Min(remaining, 1) * (stateBytes + perIteration));
                Assert.True(Cost(length) <= best + stateBytes + perIteration + 1e-6 * best,
                    $"segments of {length} cost {Cost(length)} bytes; the best is at least {best}");
            });

    [Fact]
    public void ThreadBudget_AppliesToThisThreadOnly_AndTheSmallerBudgetWins()
    {
        Tape.ThreadMemoryBudget = 64;
        try
        {
            Assert.Equal(64, Tape.ThreadMemoryBudget);
            long? elsewhere = -1;
            var other = new Thread(() => elsewhere = Tape.ThreadMemoryBudget);
            other.Start();
            other.Join();
            Assert.Null(elsewhere);

            Tape tape = Tape.Rent("TapeCheckpointTests.Bounded");
            try
            {
                Assert.Equal(32, tape.CheckpointThreshold);
                for (int i = 0; i < 8; i++)
                {
                    tape.Push(i);
                }

                InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => tape.PushFlag(true));
                Assert.Contains("TapeCheckpointTests.Bounded", error.Message);
                Assert.Contains("64 bytes", error.Message);
                Assert.Contains("Raise Tape.ThreadMemoryBudget", error.Message);
                Assert.Equal(64, tape.RecordedBytes);
            }
            finally
            {
                Tape.Return(tape);
            }

            // A thread budget above the process-wide one does not raise it.
            Tape.ThreadMemoryBudget = long.MaxValue;
            tape = Tape.Rent("TapeCheckpointTests.Unbounded");
            Assert.Equal(Math.Min(Tape.MemoryBudget, (long)Array.MaxLength * sizeof(ulong)) / 2, tape.CheckpointThreshold);
            Tape.Return(tape);
        }
        finally
        {
            Tape.ThreadMemoryBudget = null;
        }

        Assert.Null(Tape.ThreadMemoryBudget);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tape.ThreadMemoryBudget = 7);
    }
}
