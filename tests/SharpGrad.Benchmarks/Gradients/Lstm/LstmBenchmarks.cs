using BenchmarkDotNet.Attributes;

namespace SharpGrad.Benchmarks.Gradients.Lstm;

/// <summary>
/// W5: GradBench's LSTM (l = 2 and 4, c = 1024), double: the generated gradient (objective and gradient, GradBench's
/// "jacobian") and the primal (the objective alone). docs/benchmarks.md sets them against the C++ reference's
/// medians stored in Data/timings_cpp_manual.json (printed at setup).
/// </summary>
[Config(typeof(GradientBenchmarkConfig))]
public class LstmBenchmarks
{
    private LstmGenerated _generated = null!;

    [Params("l=2,c=1024", "l=4,c=1024")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(string.Join(Environment.NewLine, LstmCheck.Run([Case])));
        (double primal, double derivative) = LstmCase.ReferenceTimes(Case);
        Console.WriteLine($"C++ manual reference for {Case}: objective {primal / 1e6:F2} ms, jacobian {derivative / 1e6:F2} ms (median)");
        _generated = new LstmGenerated(LstmCase.Load(Case));
    }

    [Benchmark(Description = "W5 generated gradient"), BenchmarkCategory("W5 double")]
    public double Gradient() => _generated.Gradient();

    [Benchmark(Description = "W5 generated primal"), BenchmarkCategory("W5 double")]
    public double Primal() => _generated.Primal();
}
