using System.Numerics;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>
/// Per-tensor reductions for gradient clipping, accumulated in double for float and double alike, so the
/// norm of millions of float gradients keeps full float precision.
/// </summary>
internal static class GradientNorms
{
    /// <summary>Σ x².</summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return SumOfSquares(MemoryMarshal.Cast<T, double>(values));
        }

        if (typeof(T) == typeof(float))
        {
            return SumOfSquares(MemoryMarshal.Cast<T, float>(values));
        }

        double sum = 0;
        foreach (T value in values)
        {
            double x = double.CreateTruncating(value);
            sum += x * x;
        }

        return sum;
    }

    /// <summary>Σ |x|.</summary>
    public static double SumOfMagnitudes<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<T, double>(values);
            int i = 0;
            if (Vector.IsHardwareAccelerated && doubles.Length >= Vector<double>.Count)
            {
                Vector<double> acc = Vector<double>.Zero;
                for (; i <= doubles.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    acc += Vector.Abs(new Vector<double>(doubles[i..]));
                }

                sum = Vector.Sum(acc);
            }

            for (; i < doubles.Length; i++)
            {
                sum += Math.Abs(doubles[i]);
            }

            return sum;
        }

        foreach (T value in values)
        {
            sum += Math.Abs(double.CreateTruncating(value));
        }

        return sum;
    }

    /// <summary>max |x|; NaN if any element is NaN, as <c>torch.linalg.vector_norm(x, inf)</c>.</summary>
    public static double MaxMagnitude<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = 0;
        foreach (T value in values)
        {
            max = Math.Max(max, Math.Abs(double.CreateTruncating(value)));
        }

        return max;
    }

    /// <summary>Σ |x|^p for a general p.</summary>
    public static double SumOfPowers<T>(ReadOnlySpan<T> values, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T value in values)
        {
            sum += Math.Pow(Math.Abs(double.CreateTruncating(value)), p);
        }

        return sum;
    }

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            Vector<double> acc = Vector<double>.Zero;
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = new Vector<double>(values[i..]);
                acc = FusedMath.MultiplyAdd(x, x, acc);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < values.Length; i++)
        {
            sum = FusedMath.MultiplyAdd(values[i], values[i], sum);
        }

        return sum;
    }

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            Vector<double> acc = Vector<double>.Zero;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                // Widen to double before squaring, so large float models lose no precision.
                Vector.Widen(new Vector<float>(values[i..]), out Vector<double> low, out Vector<double> high);
                acc = FusedMath.MultiplyAdd(low, low, acc);
                acc = FusedMath.MultiplyAdd(high, high, acc);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < values.Length; i++)
        {
            double x = values[i];
            sum = FusedMath.MultiplyAdd(x, x, sum);
        }

        return sum;
    }
}
