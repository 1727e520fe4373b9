using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>Moving seeded data into and out of TorchSharp tensors, in the dtype of T.</summary>
public static class TorchData
{
    /// <summary>The TorchSharp dtype of float or double.</summary>
    public static ScalarType DType<T>() => typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;

    /// <summary>A tensor of <paramref name="values"/> in T's dtype (exact: seeded data is float-representable).</summary>
    public static Tensor Of<T>(double[] values, params long[] shape) => tensor(values, shape, ScalarType.Float64).to_type(DType<T>());

    /// <summary>Sets a module's parameter to <paramref name="values"/> without recording it for autograd.</summary>
    public static void Assign(Tensor parameter, double[] values)
    {
        using var noGrad = no_grad();
        using Tensor source = tensor(values, parameter.shape, ScalarType.Float64);
        parameter.copy_(source);
    }

    /// <summary>A tensor's values widened to double (an empty array for a missing gradient is never expected).</summary>
    public static double[] Read(Tensor? values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using Tensor asDouble = values.detach().to_type(ScalarType.Float64).contiguous();
        return asDouble.data<double>().ToArray();
    }

    /// <summary>Sets TorchSharp's intra-op thread count (the benchmarks use 1, and 2 for W2's second variant).</summary>
    public static void Threads(int count) => set_num_threads(count);

    /// <summary>Converts a loss tensor to double (calls .item(), as a training loop that logs the loss does).</summary>
    public static double Item<T>(Tensor loss) where T : unmanaged, INumberBase<T> => double.CreateTruncating(loss.item<T>());
}
