namespace SharpGrad.Samples.Tests;

/// <summary>
/// The gradient benchmark suite's correctness pass, as CI runs it: <c>SharpGrad.Benchmarks --check</c> steps every
/// workload's implementations (generated, hand-written scalar and SIMD, TorchSharp) once at the benchmarked sizes and
/// compares them with the hand-written scalar double reference (W5: with GradBench's stored C++ outputs); it exits 1
/// naming the workload, the implementation and the worst element on any mismatch. No timing.
/// </summary>
public sealed class GradientBenchmarkCheckTests
{
    private static readonly string[] Workloads = ["W1 seed step", "W2 MLP step", "W3 logistic regression step", "W4 tanh-exp gradient", "W5 GradBench LSTM"];

    [Fact]
    public void Every_gradient_workload_agrees_with_its_reference()
    {
        SampleRun run = SampleRun.Run("SharpGrad.Benchmarks", "--check");
        run.AssertSucceeded();
        foreach (string workload in Workloads)
        {
            Assert.True(run.StdOut.Contains(workload + ": agreed", StringComparison.Ordinal), $"{workload} was not checked.\n{run.Describe()}");
        }

        Assert.Contains("all gradient workloads agree", run.StdOut, StringComparison.Ordinal);
        run.DeleteOutput();
    }
}
