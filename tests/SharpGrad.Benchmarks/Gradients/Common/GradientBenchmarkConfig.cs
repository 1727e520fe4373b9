using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// What every gradient benchmark class reports: allocations per step, the median beside the mean, and one group per
/// workload and precision (its category), whose baseline is the hand-written SIMD step.
/// </summary>
public sealed class GradientBenchmarkConfig : ManualConfig
{
    public GradientBenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
