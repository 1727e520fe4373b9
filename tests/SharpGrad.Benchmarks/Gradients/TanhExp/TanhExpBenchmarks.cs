using BenchmarkDotNet.Attributes;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>
/// W4: the gradient of sum(tanh(0.75 x - 0.25)^2 * exp(-x)) over n = 10^6 values (zero_grad, value and gradient; no
/// optimizer), in float and double, the generated one with <c>accumulate: false</c> (zero_grad fused into the loop that
/// writes the gradient, as the hand-written loops do) and as ZeroGrad then accumulation, against hand-written scalar and SIMD C# and PyTorch (one thread). "primal" is the
/// value alone. Baseline: the hand-written SIMD gradient.
/// </summary>
[Config(typeof(GradientBenchmarkConfig))]
public class TanhExpBenchmarks
{
    private TanhExpGenerated<float> _generatedFloat = null!;
    private TanhExpGenerated<float> _generatedAccumulatingFloat = null!;
    private TanhExpScalar<float> _scalarFloat = null!;
    private TanhExpSimd<float> _simdFloat = null!;
    private TanhExpTorch<float> _torchFloat = null!;
    private TanhExpGenerated<double> _generatedDouble = null!;
    private TanhExpGenerated<double> _generatedAccumulatingDouble = null!;
    private TanhExpScalar<double> _scalarDouble = null!;
    private TanhExpSimd<double> _simdDouble = null!;
    private TanhExpTorch<double> _torchDouble = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(string.Join(Environment.NewLine, TanhExpCheck.Run()));
        TorchData.Threads(1);
        var data = new TanhExpData();
        _generatedFloat = new(data);
        _generatedAccumulatingFloat = new(data, accumulate: true);
        _scalarFloat = new(data);
        _simdFloat = new(data);
        _torchFloat = new(data);
        _generatedDouble = new(data);
        _generatedAccumulatingDouble = new(data, accumulate: true);
        _scalarDouble = new(data);
        _simdDouble = new(data);
        _torchDouble = new(data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _torchFloat.Dispose();
        _torchDouble.Dispose();
    }

    [Benchmark(Description = "W4 generated gradient"), BenchmarkCategory("W4 float")]
    public double GeneratedFloat() => _generatedFloat.Step();

    [Benchmark(Description = "W4 generated gradient, ZeroGrad + accumulate"), BenchmarkCategory("W4 float")]
    public double GeneratedAccumulatingFloat() => _generatedAccumulatingFloat.Step();

    [Benchmark(Description = "W4 generated primal"), BenchmarkCategory("W4 float")]
    public double GeneratedPrimalFloat() => _generatedFloat.Primal();

    [Benchmark(Description = "W4 hand scalar gradient"), BenchmarkCategory("W4 float")]
    public double ScalarFloat() => _scalarFloat.Step();

    [Benchmark(Baseline = true, Description = "W4 hand SIMD gradient"), BenchmarkCategory("W4 float")]
    public double SimdFloat() => _simdFloat.Step();

    [Benchmark(Description = "W4 hand SIMD primal"), BenchmarkCategory("W4 float")]
    public double SimdPrimalFloat() => _simdFloat.Primal();

    [Benchmark(Description = "W4 TorchSharp gradient"), BenchmarkCategory("W4 float")]
    public double TorchFloat() => _torchFloat.Step();

    [Benchmark(Description = "W4 generated gradient"), BenchmarkCategory("W4 double")]
    public double GeneratedDouble() => _generatedDouble.Step();

    [Benchmark(Description = "W4 generated gradient, ZeroGrad + accumulate"), BenchmarkCategory("W4 double")]
    public double GeneratedAccumulatingDouble() => _generatedAccumulatingDouble.Step();

    [Benchmark(Description = "W4 generated primal"), BenchmarkCategory("W4 double")]
    public double GeneratedPrimalDouble() => _generatedDouble.Primal();

    [Benchmark(Description = "W4 hand scalar gradient"), BenchmarkCategory("W4 double")]
    public double ScalarDouble() => _scalarDouble.Step();

    [Benchmark(Baseline = true, Description = "W4 hand SIMD gradient"), BenchmarkCategory("W4 double")]
    public double SimdDouble() => _simdDouble.Step();

    [Benchmark(Description = "W4 hand SIMD primal"), BenchmarkCategory("W4 double")]
    public double SimdPrimalDouble() => _simdDouble.Primal();

    [Benchmark(Description = "W4 TorchSharp gradient"), BenchmarkCategory("W4 double")]
    public double TorchDouble() => _torchDouble.Step();
}
