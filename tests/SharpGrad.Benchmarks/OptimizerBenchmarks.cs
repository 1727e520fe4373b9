using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using SharpGrad;
using SharpGrad.Optimizers;

namespace SharpGrad.Benchmarks;

/// <summary>
/// One Adam step over 10 million float parameters against the cheapest loop that moves the same bytes:
/// it reads param, grad, exp_avg and exp_avg_sq and writes param, exp_avg and exp_avg_sq, doing one add each.
/// Adam's step is memory-bound, so the ratio shows how close the fused kernel gets to the memory limit.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/SharpGrad.Benchmarks -- --filter '*Optimizer*'</c>.</remarks>
public class OptimizerBenchmarks
{
    private const int Length = 10_000_000;

    private Parameter<float> _parameter = null!;
    private Adam<float> _adam = null!;
    private float[] _param = null!;
    private float[] _grad = null!;
    private float[] _expAvg = null!;
    private float[] _expAvgSq = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240601);
        _parameter = new Parameter<float>("weights", Length);
        FillUniform(_parameter.Data, random);
        FillUniform(_parameter.Grad, random);
        _adam = new Adam<float>([_parameter], lr: 1e-3);
        _adam.Step(); // creates exp_avg and exp_avg_sq outside the measurement

        _param = new float[Length];
        _grad = new float[Length];
        _expAvg = new float[Length];
        _expAvgSq = new float[Length];
        FillUniform(_param, random);
        FillUniform(_grad, random);
    }

    /// <summary>Reads p, g, m, v and writes p, m, v: the same traffic as an Adam step with almost no arithmetic.</summary>
    [Benchmark(Baseline = true, Description = "Read/write baseline (same bytes)")]
    public void ReadWriteBaseline()
    {
        ref float p = ref MemoryMarshal.GetArrayDataReference(_param);
        ref float g = ref MemoryMarshal.GetArrayDataReference(_grad);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_expAvg);
        ref float v = ref MemoryMarshal.GetArrayDataReference(_expAvgSq);
        nuint n = (nuint)Length;
        nuint i = 0;
        for (; i + (nuint)Vector<float>.Count <= n; i += (nuint)Vector<float>.Count)
        {
            Vector<float> gv = Vector.LoadUnsafe(ref g, i);
            (Vector.LoadUnsafe(ref p, i) + gv).StoreUnsafe(ref p, i);
            (Vector.LoadUnsafe(ref m, i) + gv).StoreUnsafe(ref m, i);
            (Vector.LoadUnsafe(ref v, i) + gv).StoreUnsafe(ref v, i);
        }

        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            Unsafe.Add(ref p, i) += gi;
            Unsafe.Add(ref m, i) += gi;
            Unsafe.Add(ref v, i) += gi;
        }
    }

    /// <summary>One <c>Adam.Step()</c> over the same number of parameters.</summary>
    [Benchmark(Description = "Adam<float>.Step(), 10M parameters")]
    public void AdamStep() => _adam.Step();

    private static void FillUniform(Span<float> values, Random random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }
}
