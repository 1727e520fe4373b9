using BenchmarkDotNet.Attributes;

namespace SharpGrad.Benchmarks.Gradients.SeedStep;

/// <summary>
/// W1, the seed step: nn.Linear(10, 1), MSE, SGD lr 0.01, batch 32, one full step per call, against hand-written
/// scalar and SIMD C# and PyTorch (TorchSharp, one thread), in float and double. The baseline of each precision is
/// the hand-written SIMD step. "gradient" is ZeroGrad and the generated gradient without the optimizer; "primal" the
/// user's loss alone.
/// </summary>
[Config(typeof(GradientBenchmarkConfig))]
public class SeedStepBenchmarks
{
    private SeedGenerated<float> _generatedFloat = null!;
    private SeedScalar<float> _scalarFloat = null!;
    private SeedSimd<float> _simdFloat = null!;
    private SeedTorch<float> _torchFloat = null!;
    private SeedGenerated<double> _generatedDouble = null!;
    private SeedScalar<double> _scalarDouble = null!;
    private SeedSimd<double> _simdDouble = null!;
    private SeedTorch<double> _torchDouble = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(string.Join(Environment.NewLine, SeedStepCheck.Run()));
        TorchData.Threads(1);
        var data = new SeedStepData();
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

    [Benchmark(Description = "W1 generated step"), BenchmarkCategory("W1 float")]
    public double GeneratedFloat() => _generatedFloat.Step();

    [Benchmark(Description = "W1 generated gradient"), BenchmarkCategory("W1 float")]
    public double GeneratedGradientFloat() => _generatedFloat.ZeroGradAndGradient();

    [Benchmark(Description = "W1 generated primal"), BenchmarkCategory("W1 float")]
    public double GeneratedPrimalFloat() => _generatedFloat.Primal();

    [Benchmark(Description = "W1 hand scalar step"), BenchmarkCategory("W1 float")]
    public double ScalarFloat() => _scalarFloat.Step();

    [Benchmark(Baseline = true, Description = "W1 hand SIMD step"), BenchmarkCategory("W1 float")]
    public double SimdFloat() => _simdFloat.Step();

    [Benchmark(Description = "W1 TorchSharp step"), BenchmarkCategory("W1 float")]
    public double TorchFloat() => _torchFloat.Step();

    [Benchmark(Description = "W1 generated step"), BenchmarkCategory("W1 double")]
    public double GeneratedDouble() => _generatedDouble.Step();

    [Benchmark(Description = "W1 generated gradient"), BenchmarkCategory("W1 double")]
    public double GeneratedGradientDouble() => _generatedDouble.ZeroGradAndGradient();

    [Benchmark(Description = "W1 generated primal"), BenchmarkCategory("W1 double")]
    public double GeneratedPrimalDouble() => _generatedDouble.Primal();

    [Benchmark(Description = "W1 hand scalar step"), BenchmarkCategory("W1 double")]
    public double ScalarDouble() => _scalarDouble.Step();

    [Benchmark(Baseline = true, Description = "W1 hand SIMD step"), BenchmarkCategory("W1 double")]
    public double SimdDouble() => _simdDouble.Step();

    [Benchmark(Description = "W1 TorchSharp step"), BenchmarkCategory("W1 double")]
    public double TorchDouble() => _torchDouble.Step();
}
