using BenchmarkDotNet.Attributes;

namespace SharpGrad.Benchmarks.Gradients.Logistic;

/// <summary>
/// W3, logistic regression: 100 features, sigmoid + BCE, SGD lr 0.01, batch 4096, one full step per call, against hand-written
/// scalar and SIMD C# and PyTorch (TorchSharp, one thread), in float and double. The baseline of each precision is
/// the hand-written SIMD step. "gradient" is ZeroGrad and the generated gradient without the optimizer; "primal" the
/// user's loss alone.
/// </summary>
[Config(typeof(GradientBenchmarkConfig))]
public class LogisticBenchmarks
{
    private LogisticGenerated<float> _generatedFloat = null!;
    private LogisticScalar<float> _scalarFloat = null!;
    private LogisticSimd<float> _simdFloat = null!;
    private LogisticTorch<float> _torchFloat = null!;
    private LogisticGenerated<double> _generatedDouble = null!;
    private LogisticScalar<double> _scalarDouble = null!;
    private LogisticSimd<double> _simdDouble = null!;
    private LogisticTorch<double> _torchDouble = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(string.Join(Environment.NewLine, LogisticCheck.Run()));
        TorchData.Threads(1);
        var data = new LogisticData();
        _generatedFloat = new(data);
        _scalarFloat = new(data);
        _simdFloat = new(data);
        _torchFloat = new(data);
        _generatedDouble = new(data);
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

    [Benchmark(Description = "W3 generated step"), BenchmarkCategory("W3 float")]
    public double GeneratedFloat() => _generatedFloat.Step();

    [Benchmark(Description = "W3 generated gradient"), BenchmarkCategory("W3 float")]
    public double GeneratedGradientFloat() => _generatedFloat.ZeroGradAndGradient();

    [Benchmark(Description = "W3 generated primal"), BenchmarkCategory("W3 float")]
    public double GeneratedPrimalFloat() => _generatedFloat.Primal();

    [Benchmark(Description = "W3 hand scalar step"), BenchmarkCategory("W3 float")]
    public double ScalarFloat() => _scalarFloat.Step();

    [Benchmark(Baseline = true, Description = "W3 hand SIMD step"), BenchmarkCategory("W3 float")]
    public double SimdFloat() => _simdFloat.Step();

    [Benchmark(Description = "W3 TorchSharp step"), BenchmarkCategory("W3 float")]
    public double TorchFloat() => _torchFloat.Step();

    [Benchmark(Description = "W3 generated step"), BenchmarkCategory("W3 double")]
    public double GeneratedDouble() => _generatedDouble.Step();

    [Benchmark(Description = "W3 generated gradient"), BenchmarkCategory("W3 double")]
    public double GeneratedGradientDouble() => _generatedDouble.ZeroGradAndGradient();

    [Benchmark(Description = "W3 generated primal"), BenchmarkCategory("W3 double")]
    public double GeneratedPrimalDouble() => _generatedDouble.Primal();

    [Benchmark(Description = "W3 hand scalar step"), BenchmarkCategory("W3 double")]
    public double ScalarDouble() => _scalarDouble.Step();

    [Benchmark(Baseline = true, Description = "W3 hand SIMD step"), BenchmarkCategory("W3 double")]
    public double SimdDouble() => _simdDouble.Step();

    [Benchmark(Description = "W3 TorchSharp step"), BenchmarkCategory("W3 double")]
    public double TorchDouble() => _torchDouble.Step();
}
