using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;
using SharpGrad.Numerics;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Gradients whose tape would exceed the budget: a top-level loop that records switches to checkpoints and re-runs its
/// segments in the reverse sweep. A re-run computes exactly what the first run did, so the results are the same bits
/// as without a budget. The budget is set per thread (<see cref="Tape.ThreadMemoryBudget"/>), so these tests run in parallel.
/// </summary>
public sealed class CheckpointingTests
{
    private static readonly long[] Budgets = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048, 4096];

    [Fact]
    public void Catalogue_UnderSmallBudgets_GivesTheSameBitsOrRefusesByName()
    {
        int checkpointed = 0;
        var names = new HashSet<string>();
        foreach (GradientCase c in CatalogueCases.All.Values)
        {
            c.Domain.Where(Domains.IsGeneric).Sample(
                point =>
                {
                    var expected = new double[point.Length];
                    double value = c.WithGradient(point, expected, 1.0);
                    foreach (long budget in Budgets)
                    {
                        long before = Tape.ThreadCheckpointedLoops;
                        var gradient = new double[point.Length];
                        double bounded;
                        Tape.ThreadMemoryBudget = budget;
                        try
                        {
                            bounded = c.WithGradient(point, gradient, 1.0);
                        }
                        catch (InvalidOperationException error) when (error.Message.Contains("Tape.ThreadMemoryBudget", StringComparison.Ordinal))
                        {
                            // More than even checkpoints fit in (or a loop that cannot be re-run): refused, naming the method
                            // (or the callee whose own gradient ran out).
                            Assert.StartsWith("The gradient of SharpGrad.Gradients.Tests.Catalogue.", error.Message, StringComparison.Ordinal);
                            continue;
                        }
                        finally
                        {
                            Tape.ThreadMemoryBudget = null;
                        }

                        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(bounded));
                        Assert.Equal(expected, gradient);
                        if (Tape.ThreadCheckpointedLoops > before)
                        {
                            checkpointed++;
                            names.Add(c.Name);
                        }
                    }
                },
                iter: 3,
                threads: 1);
        }

        // The check above means something only if many catalogue methods did checkpoint (21 of the 49 whose loops can, at the time of writing).
        Assert.True(names.Count >= 18, $"{names.Count} catalogue methods checkpointed ({checkpointed} calls): {string.Join(", ", names)}");
    }

    [Fact]
    public void Recurrence_UnderBudgets_MatchesTheUnboundedBitsAndFiniteDifferences()
    {
        int compared = 0;
        Gen.Select(Gen.Int[0, 600], Gen.Int[1, 9], Gen.Long[64, 8192]).Sample(
            (steps, n, budget) =>
            {
                var random = new Random(steps * 31 + n);
                double[] w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
                double[] inputs = Enumerable.Range(0, steps).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
                const double u = 0.7;
                var wGrad = new double[n];
                double uGrad = 0;
                double value = CheckpointMethods.RecurrenceWithGradient(w, u, inputs, wGrad, ref uGrad);

                var wBounded = new double[n];
                double uBounded = 0;
                double bounded = WithBudget(budget, () => CheckpointMethods.RecurrenceWithGradient(w, u, inputs, wBounded, ref uBounded), out bool refused);
                if (!refused)
                {
                    Assert.Equal(value, bounded);
                    Assert.Equal(wGrad, wBounded);
                    Assert.Equal(uGrad, uBounded);
                    Interlocked.Increment(ref compared);
                }
            },
            iter: 300);
        AssertManyCompared(compared);

        // 2,000 steps of a 6-wide state take about 120 KB of tape; 16 KB is enough with checkpoints.
        FiniteDifferences.Points(7).Sample(
            p =>
            {
                double[] inputs = Enumerable.Range(0, 2000).Select(t => Math.Sin(0.37 * t)).ToArray();
                double F(double[] q) => CheckpointMethods.Recurrence(q.AsSpan(0, 6), q[6], inputs);
                var wGrad = new double[6];
                double uGrad = 0;
                long before = Tape.ThreadCheckpointedLoops;
                WithBudget(16 << 10, () => CheckpointMethods.RecurrenceWithGradient(p.AsSpan(0, 6), p[6], inputs, wGrad, ref uGrad), out bool refused);
                Assert.False(refused);
                Assert.True(Tape.ThreadCheckpointedLoops > before);
                // 2,000 tanh steps have a large third derivative: plain central differences erred by 1.7e-6 relative at
                // seed 8m8h-WGcgdc1, so the reference is extrapolated (its truncation is O(h^4)).
                FiniteDifferences.AssertClose(FiniteDifferences.ExtrapolatedGradient(F, p), [.. wGrad, uGrad]);
            },
            iter: 5);
    }

    [Fact]
    public void DescendingFloatLoopWithBranches_UnderBudgets_MatchesTheUnboundedBits()
    {
        int compared = 0;
        Gen.Select(Gen.Float[-2, 2].Array[0, 500], Gen.Float[-1.5f, 1.5f], Gen.Long[16, 2048]).Sample(
            (x, scale, budget) =>
            {
                var xGrad = new float[x.Length];
                float scaleGrad = 0;
                float value = CheckpointMethods.BranchesWithGradient(scale, x, ref scaleGrad, xGrad);
                var xBounded = new float[x.Length];
                float scaleBounded = 0;
                float bounded = WithBudget(budget, () => CheckpointMethods.BranchesWithGradient(scale, x, ref scaleBounded, xBounded), out bool refused);
                if (!refused)
                {
                    Assert.Equal(value, bounded);
                    Assert.Equal(xGrad, xBounded);
                    Assert.Equal(scaleGrad, scaleBounded);
                    Interlocked.Increment(ref compared);
                }
            },
            iter: 300);
        AssertManyCompared(compared);
    }

    [Fact]
    public void OutputsWrittenEveryStep_UnderBudgets_KeepTheirFinalValuesAndMatchTheUnboundedBits()
    {
        int compared = 0;
        Gen.Select(Gen.Double[-1, 1].Array[0, 400], Gen.Double[-0.9, 0.9], Gen.Long[64, 16384]).Sample(
            (x, a, budget) =>
            {
                double[] seed = x.Select((_, t) => Math.Cos(t)).ToArray();
                var y = new double[x.Length];
                var xGrad = new double[x.Length];
                double aGrad = 0;
                CheckpointMethods.FilterWithGradient(a, x, y, ref aGrad, xGrad, seed);

                var yBounded = new double[x.Length];
                var xBounded = new double[x.Length];
                double aBounded = 0;
                WithBudget(budget, () => { CheckpointMethods.FilterWithGradient(a, x, yBounded, ref aBounded, xBounded, seed); return 0.0; }, out bool refused);
                if (!refused)
                {
                    Assert.Equal(y, yBounded);
                    Assert.Equal(xGrad, xBounded);
                    Assert.Equal(aGrad, aBounded);
                    Interlocked.Increment(ref compared);
                }
            },
            iter: 300);
        AssertManyCompared(compared);
    }

    [Fact]
    public void LoopReadingAVariableOverwrittenAfterIt_IsNotReRun_AndTheOthersMayBe()
    {
        double[] x = Enumerable.Range(0, 3000).Select(t => 0.001 * Math.Sin(t)).ToArray();
        double aGrad = 0;
        var xGrad = new double[x.Length];
        double value = CheckpointMethods.ReadAfterOverwriteWithGradient(0.3, x, ref aGrad, xGrad);
        double F(double[] p) => CheckpointMethods.ReadAfterOverwrite(p[0], x);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(F, [0.3]), [aGrad]);

        // Each loop records 3,000 iterations of 8 bytes. The middle one cannot checkpoint, so 16 KB refuses. In 56 KB the
        // first loop fits under the threshold (28 KB), and the last one, which starts past it, checkpoints.
        double bounded = WithBudget(16 << 10, () => CheckpointMethods.ReadAfterOverwriteWithGradient(0.3, x, ref aGrad, xGrad), out bool refused);
        Assert.True(refused);
        double aBounded = 0;
        var xBounded = new double[x.Length];
        long before = Tape.ThreadCheckpointedLoops;
        bounded = WithBudget(56 << 10, () => CheckpointMethods.ReadAfterOverwriteWithGradient(0.3, x, ref aBounded, xBounded), out refused);
        Assert.False(refused);
        Assert.Equal(1, Tape.ThreadCheckpointedLoops - before);
        Assert.Equal(value, bounded);
        Assert.Equal(aGrad, aBounded);
        Assert.Equal(xGrad, xBounded);
    }

    [Fact]
    public void RunningProduct_WithinABudgetFarBelowItsTape_Checkpoints()
    {
        // 100,000 iterations record 800 KB without checkpoints; 16 KB holds the recorded half, about 350 checkpoints and one segment.
        double[] data = Enumerable.Range(0, 100_000).Select(i => 1e-6 * Math.Cos(i)).ToArray();
        double expected = 0;
        double value = NonFiniteMethods.RunningProductWithGradient(1.0, data, ref expected);
        double gradient = 0;
        double bounded = WithBudget(16 << 10, () => NonFiniteMethods.RunningProductWithGradient(1.0, data, ref gradient), out bool refused);
        Assert.False(refused);
        Assert.Equal(value, bounded);
        Assert.Equal(expected, gradient);
    }

    [Fact]
    public void FactorialLoop_WithinABudgetFarBelowItsTape_MatchesTheUnboundedBitsAndFiniteDifferences()
    {
        // The log-permanent of a 7 x 7 matrix: 5,040 permutations of 7 recorded products and columns, about 480 KB of
        // tape without checkpoints; 24 KB holds the recorded half, the checkpoints and one segment.
        var random = new Random(7);
        double[] a = Enumerable.Range(0, 49).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var expected = new double[a.Length];
        double value = CheckpointMethods.LogPermanentWithGradient(a, 7, 5040, expected);
        var gradient = new double[a.Length];
        long before = Tape.ThreadCheckpointedLoops;
        double bounded = WithBudget(24 << 10, () => CheckpointMethods.LogPermanentWithGradient(a, 7, 5040, gradient), out bool refused);
        Assert.False(refused);
        Assert.Equal(1, Tape.ThreadCheckpointedLoops - before);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(bounded));
        Assert.Equal(expected, gradient);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(p => CheckpointMethods.LogPermanent(p, 7, 5040), a), gradient);

        // Its cofactor identity: the row sums of a_ij * d(log per)/d(a_ij) are 1 (per = sum over j of a_ij per(minor_ij)).
        for (int row = 0; row < 7; row++)
        {
            Assert.Equal(1.0, Enumerable.Range(0, 7).Sum(j => a[(row * 7) + j] * gradient[(row * 7) + j]), 12);
        }
    }

    // A property whose every budget refused would compare nothing: at least a third of the 300 runs must finish.
    private static void AssertManyCompared(int compared) =>
        Assert.True(compared >= 100, $"only {compared} of 300 runs finished within their budget");

    private static double WithBudget(long budget, Func<double> call, out bool refused)
    {
        Tape.ThreadMemoryBudget = budget;
        try
        {
            refused = false;
            return call();
        }
        catch (InvalidOperationException error) when (error.Message.Contains("Tape.ThreadMemoryBudget", StringComparison.Ordinal))
        {
            refused = true;
            return double.NaN;
        }
        finally
        {
            Tape.ThreadMemoryBudget = null;
        }
    }

    private static float WithBudget(long budget, Func<float> call, out bool refused)
    {
        double result = WithBudget(budget, () => (double)call(), out refused);
        return (float)result;
    }
}
