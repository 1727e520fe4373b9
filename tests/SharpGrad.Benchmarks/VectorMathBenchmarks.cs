using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SharpGrad.Numerics;

namespace SharpGrad.Benchmarks;

/// <summary>
/// VectorMath.Exp against the BCL's Vector512.Exp over 10^6 values in [-10, 10], float and double, summed so that
/// nothing is optimized away: which one the generated loops call (VectorMath's remarks quote the result).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/SharpGrad.Benchmarks -- --filter '*VectorMath*' --job short</c>.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class VectorMathBenchmarks
{
    private const int Length = 1_000_000;
    private float[] _floats = null!;
    private double[] _doubles = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _doubles = Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 20) - 10).ToArray();
        _floats = _doubles.Select(v => (float)v).ToArray();
    }

    [Benchmark(Baseline = true, Description = "VectorMath.Exp float"), BenchmarkCategory("float")]
    public float OursFloat()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_floats);
        Vector512<float> sum = Vector512<float>.Zero;
        for (int i = 0; i + 16 <= Length; i += 16)
        {
            sum += VectorMath.Exp(Vector512.LoadUnsafe(ref x, (nuint)i));
        }

        return Vector512.Sum(sum);
    }

    [Benchmark(Description = "Vector512.Exp float"), BenchmarkCategory("float")]
    public float BclFloat()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_floats);
        Vector512<float> sum = Vector512<float>.Zero;
        for (int i = 0; i + 16 <= Length; i += 16)
        {
            sum += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)i));
        }

        return Vector512.Sum(sum);
    }

    [Benchmark(Description = "VectorMath.Tanh float"), BenchmarkCategory("float")]
    public float TanhFloat()
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(_floats);
        Vector512<float> sum = Vector512<float>.Zero;
        for (int i = 0; i + 16 <= Length; i += 16)
        {
            sum += VectorMath.Tanh(Vector512.LoadUnsafe(ref x, (nuint)i));
        }

        return Vector512.Sum(sum);
    }

    [Benchmark(Baseline = true, Description = "VectorMath.Exp double"), BenchmarkCategory("double")]
    public double OursDouble()
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_doubles);
        Vector512<double> sum = Vector512<double>.Zero;
        for (int i = 0; i + 8 <= Length; i += 8)
        {
            sum += VectorMath.Exp(Vector512.LoadUnsafe(ref x, (nuint)i));
        }

        return Vector512.Sum(sum);
    }

    [Benchmark(Description = "Vector512.Exp double"), BenchmarkCategory("double")]
    public double BclDouble()
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_doubles);
        Vector512<double> sum = Vector512<double>.Zero;
        for (int i = 0; i + 8 <= Length; i += 8)
        {
            sum += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)i));
        }

        return Vector512.Sum(sum);
    }
}
