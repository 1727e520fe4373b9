using BenchmarkDotNet.Running;
using SharpGrad.Benchmarks.Gradients;

// `--check`: the gradient suite's agreement check alone (no timing); exit code 1 on a mismatch.
if (args.Length == 1 && args[0] == "--check")
{
    return GradientChecks.Run();
}

// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*Adam*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
