using BenchmarkDotNet.Attributes;

namespace SharpGrad.Benchmarks.Gradients.Mlp;

/// <summary>
/// W2: 784 -> 128 (ReLU) -> 10, softmax cross-entropy, Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8), batch 64, one full
/// step per call, in float and double; TorchSharp with one thread and with two. Baseline: the hand-written SIMD step.
/// </summary>
[Config(typeof(GradientBenchmarkConfig))]
public class MlpBenchmarks
{
    private MlpGenerated<float> _generatedFloat = null!;
    private MlpLayers<float> _layersFloat = null!;
    private MlpLayers<double> _layersDouble = null!;
    private MlpScalar<float> _scalarFloat = null!;
    private MlpSimd<float> _simdFloat = null!;
    private MlpTorch<float> _torchFloat = null!;
    private MlpGenerated<double> _generatedDouble = null!;
    private MlpScalar<double> _scalarDouble = null!;
    private MlpSimd<double> _simdDouble = null!;
    private MlpTorch<double> _torchDouble = null!;

    [GlobalSetup(Targets = [nameof(TorchTwoThreadsFloat), nameof(TorchTwoThreadsDouble)])]
    public void SetupTwoThreads() => Setup(threads: 2);

    [GlobalSetup]
    public void SetupOneThread() => Setup(threads: 1);

    [GlobalCleanup]
    public void Cleanup()
    {
        _torchFloat.Dispose();
        _torchDouble.Dispose();
    }

    [Benchmark(Description = "W2 generated step"), BenchmarkCategory("W2 float")]
    public double GeneratedFloat() => _generatedFloat.Step();

    [Benchmark(Description = "W2 generated gradient"), BenchmarkCategory("W2 float")]
    public double GeneratedGradientFloat() => _generatedFloat.ZeroGradAndGradient();

    [Benchmark(Description = "W2 generated primal"), BenchmarkCategory("W2 float")]
    public double GeneratedPrimalFloat() => _generatedFloat.Primal();

    [Benchmark(Description = "W2 layers step"), BenchmarkCategory("W2 float")]
    public double LayersFloat() => _layersFloat.Step();

    [Benchmark(Description = "W2 layers gradient"), BenchmarkCategory("W2 float")]
    public double LayersGradientFloat() => _layersFloat.ZeroGradAndGradient();

    [Benchmark(Description = "W2 layers primal"), BenchmarkCategory("W2 float")]
    public double LayersPrimalFloat() => _layersFloat.Primal();

    [Benchmark(Description = "W2 hand scalar step"), BenchmarkCategory("W2 float")]
    public double ScalarFloat() => _scalarFloat.Step();

    [Benchmark(Baseline = true, Description = "W2 hand SIMD step"), BenchmarkCategory("W2 float")]
    public double SimdFloat() => _simdFloat.Step();

    [Benchmark(Description = "W2 TorchSharp step"), BenchmarkCategory("W2 float")]
    public double TorchFloat() => _torchFloat.Step();

    [Benchmark(Description = "W2 TorchSharp step, 2 threads"), BenchmarkCategory("W2 float")]
    public double TorchTwoThreadsFloat() => _torchFloat.Step();

    [Benchmark(Description = "W2 generated step"), BenchmarkCategory("W2 double")]
    public double GeneratedDouble() => _generatedDouble.Step();

    [Benchmark(Description = "W2 generated gradient"), BenchmarkCategory("W2 double")]
    public double GeneratedGradientDouble() => _generatedDouble.ZeroGradAndGradient();

    [Benchmark(Description = "W2 generated primal"), BenchmarkCategory("W2 double")]
    public double GeneratedPrimalDouble() => _generatedDouble.Primal();

    [Benchmark(Description = "W2 layers step"), BenchmarkCategory("W2 double")]
    public double LayersDouble() => _layersDouble.Step();

    [Benchmark(Description = "W2 layers gradient"), BenchmarkCategory("W2 double")]
    public double LayersGradientDouble() => _layersDouble.ZeroGradAndGradient();

    [Benchmark(Description = "W2 layers primal"), BenchmarkCategory("W2 double")]
    public double LayersPrimalDouble() => _layersDouble.Primal();

    [Benchmark(Description = "W2 hand scalar step"), BenchmarkCategory("W2 double")]
    public double ScalarDouble() => _scalarDouble.Step();

    [Benchmark(Baseline = true, Description = "W2 hand SIMD step"), BenchmarkCategory("W2 double")]
    public double SimdDouble() => _simdDouble.Step();

    [Benchmark(Description = "W2 TorchSharp step"), BenchmarkCategory("W2 double")]
    public double TorchDouble() => _torchDouble.Step();

    [Benchmark(Description = "W2 TorchSharp step, 2 threads"), BenchmarkCategory("W2 double")]
    public double TorchTwoThreadsDouble() => _torchDouble.Step();

    private void Setup(int threads)
    {
        Console.WriteLine(string.Join(Environment.NewLine, MlpCheck.Run()));
        TorchData.Threads(threads);
        Console.WriteLine($"TorchSharp intra-op threads: {TorchSharp.torch.get_num_threads()}");
        var data = new MlpData();
        _generatedFloat = new(data);
        _layersFloat = new(data);
        _layersDouble = new(data);
        _scalarFloat = new(data);
        _simdFloat = new(data);
        _torchFloat = new(data);
        _generatedDouble = new(data);
        _scalarDouble = new(data);
        _simdDouble = new(data);
        _torchDouble = new(data);
    }
}
