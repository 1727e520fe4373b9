using System.Diagnostics;
using SharpGrad.Numerics;
using SharpGrad.Benchmarks.Gradients.Logistic;
using SharpGrad.Benchmarks.Gradients.Lstm;
using SharpGrad.Benchmarks.Gradients.Mlp;
using SharpGrad.Benchmarks.Gradients.SeedStep;
using SharpGrad.Benchmarks.Gradients.TanhExp;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// <c>--check</c>: every gradient workload's agreement check once, at the benchmarked sizes, without timing.
/// Prints one line per implementation and exits 1 at the first mismatch (CI runs this through the samples tests).
/// </summary>
public static class GradientChecks
{
    private static readonly (string Workload, Func<IReadOnlyList<string>> Run)[] Checks =
    [
        (SeedStepCheck.Workload, SeedStepCheck.Run),
        (MlpCheck.Workload, MlpCheck.Run),
        (LogisticCheck.Workload, LogisticCheck.Run),
        (TanhExpCheck.Workload, TanhExpCheck.Run),
        (LstmCheck.Workload, LstmCheck.Run),
    ];

    public static int Run()
    {
        var total = Stopwatch.StartNew();
        foreach ((string workload, Func<IReadOnlyList<string>> run) in Checks)
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                foreach (string line in run())
                {
                    Console.WriteLine(line);
                }
            }
            catch (AgreementException e)
            {
                Console.WriteLine($"MISMATCH {e.Message}");
                return 1;
            }

            Console.WriteLine($"{workload}: agreed ({stopwatch.Elapsed.TotalSeconds:F1} s)");
        }

        // The timings measure the recording path: no workload may reach the checkpointing threshold of the default budget.
        if (Tape.ThreadCheckpointedLoops != 0)
        {
            Console.WriteLine($"CHECKPOINTED {Tape.ThreadCheckpointedLoops} loops ran with checkpoints under the default {Tape.MemoryBudget >> 20} MiB tape budget");
            return 1;
        }

        Console.WriteLine($"all gradient workloads agree, none checkpointed under the default tape budget ({total.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }
}
