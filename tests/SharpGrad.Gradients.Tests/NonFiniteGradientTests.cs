using SharpGrad.Gradients.Tests.Catalogue;
using SharpGrad.Numerics;

namespace SharpGrad.Gradients.Tests;

/// <summary>Gradients at NaN, and a tape that would outgrow its budget: errors the runtime can see, never a throw from inside a rule or a silent overflow.</summary>
public static partial class NonFiniteMethods
{
    [Differentiable]
    public static double AbsOfLog(double x) => Math.Abs(Math.Log(x));

    [Differentiable]
    public static double MaxOfLog(double x, double y) => Math.Max(Math.Log(x), y) + Math.Min(y, Math.Log(x)) + Math.Clamp(Math.Log(x), -1, 1);

    /// <summary>Records one value per element of <paramref name="data"/> (the running product is overwritten in the loop and read by the reverse sweep).</summary>
    [Differentiable]
    public static double RunningProduct(double x, [NoGrad] ReadOnlySpan<double> data)
    {
        double product = 1;
        for (int i = 0; i < data.Length; i++)
        {
            product = product * (x + data[i]);
        }

        return product;
    }
}

public sealed class NonFiniteGradientTests
{
    [Fact]
    public void AbsAtNaN_GivesANaNGradient_DoesNotThrow()
    {
        double gradient = 0;
        double value = NonFiniteMethods.AbsOfLogWithGradient(-1, ref gradient);

        Assert.True(double.IsNaN(value));
        Assert.True(double.IsNaN(gradient));
    }

    [Fact]
    public void MaxMinClamp_SendTheGradientToTheNaN_ThatTheyReturn()
    {
        double xGrad = 0, yGrad = 0;
        double value = NonFiniteMethods.MaxOfLogWithGradient(-1, 0.5, ref xGrad, ref yGrad);

        Assert.True(double.IsNaN(value));
        Assert.Equal(3 * (1 / -1.0), xGrad); // d log(x) = 1/x, through all three
        Assert.Equal(0, yGrad);
    }

    [Fact]
    public void AbsGradient_IsItsSign_AndZeroAtZero()
    {
        double[] points = [0.5, 2, 1];
        double[] expected = [-1, 1, 0]; // log(0.5) < 0, log(2) > 0, log(1) = 0
        for (int i = 0; i < points.Length; i++)
        {
            double gradient = 0;
            NonFiniteMethods.AbsOfLogWithGradient(points[i], ref gradient);
            Assert.Equal(expected[i] / points[i], gradient, 12);
        }
    }
}

/// <summary>The tape budget is process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(TapeBudgetTests), DisableParallelization = true)]
public sealed class TapeBudgetCollection;

[Collection(nameof(TapeBudgetTests))]
public sealed class TapeBudgetTests
{
    [Fact]
    public void TapeOverBudget_ThrowsNamingTheMethod()
    {
        double[] data = Enumerable.Range(0, 4096).Select(i => 1e-4 * i).ToArray();
        long budget = Tape.MemoryBudget;
        try
        {
            // 128 values: past the first 64 the loop checkpoints, but 4,032 iterations still need about 64 checkpoints and a
            // 63-iteration segment of 8 bytes each, which do not fit beside the recorded half either.
            Tape.MemoryBudget = 1024;
            double gradient = 0;
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => NonFiniteMethods.RunningProductWithGradient(1.0, data, ref gradient));
            Assert.Contains("SharpGrad.Gradients.Tests.NonFiniteMethods.RunningProduct", error.Message);
            Assert.Contains("Tape.MemoryBudget", error.Message);
        }
        finally
        {
            Tape.MemoryBudget = budget;
        }

        // Within the budget the same call works, and the tape it used is reusable.
        double ok = 0;
        double value = NonFiniteMethods.RunningProductWithGradient(1.0, data, ref ok);
        Assert.Equal(NonFiniteMethods.RunningProduct(1.0, data), value);
        Assert.True(ok > 0);
    }

    [Fact]
    public void TapeBudget_SmallerThanOneValue_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Tape.MemoryBudget = 4);
}

/// <summary>Loops replaced by kernels keep the companion's value within the documented tolerance of the method's, and buffers apart from inputs.</summary>
public sealed class KernelCallTests
{
    [Fact]
    public void CompanionValue_IsTheMethods_WithinTheVectorizedTolerance_WhereLoopsBecameKernels()
    {
        var random = new Random(7);
        double[] w = Enumerable.Range(0, 6).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] v = Enumerable.Range(0, 5).Select(_ => random.NextDouble() - 0.5).ToArray();

        double expected = Catalogue.KernelMethods.TwoLayers(w, v.AsSpan(0, 3));
        double actual = Catalogue.KernelMethods.TwoLayersWithGradient(w, v.AsSpan(0, 3), new double[6], new double[3]);
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{actual:R} against {expected:R}");

        double window = Catalogue.KernelMethods.DescendingWindow(v);
        double windowCompanion = Catalogue.KernelMethods.DescendingWindowWithGradient(v, new double[5]);
        Assert.True(Math.Abs(window - windowCompanion) <= 1e-12 * Math.Max(1, Math.Abs(window)), $"{windowCompanion:R} against {window:R}");
    }

    [Fact]
    public void GradientBuffer_ThatOverlapsAnInput_IsRejectedByName()
    {
        double[] memory = new double[12];
        var error = Assert.Throws<ArgumentException>(() =>
            Catalogue.KernelMethods.TwoLayersWithGradient(memory.AsSpan(0, 6), memory.AsSpan(6, 3), memory.AsSpan(3, 6), new double[3]));

        Assert.Equal("wGrad", error.ParamName);
        Assert.Contains("'wGrad' overlaps 'w'", error.Message);
    }
}

/// <summary>A training step allocates nothing once warm: local arrays and adjoints come from the scratch arena, the tape is reused.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void GradientCalls_AllocateNothing_AfterWarmUp()
    {
        double[] w = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], v = [0.3, 0.2, -0.1];
        double[] wGrad = new double[6], vGrad = new double[3];
        double[] features = new double[40], targets = new double[4];
        var seed = new LinearRegression.LinearModel(); // a model class of layers: nn.Linear(10, 1) called per sample
        void Step()
        {
            Catalogue.KernelMethods.TwoLayersWithGradient(w, v, wGrad, vGrad);
            Catalogue.ReproducerMethods.LocalArrayInLoopWithGradient(0.7, ref wGrad[0]);
            seed.LossWithGradient(features, targets);
        }

        for (int i = 0; i < 3; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
