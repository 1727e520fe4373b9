using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>
/// Gradient clipping before an optimizer step (PyTorch: <c>torch.nn.utils.clip_grad_norm_</c> and
/// <c>torch.nn.utils.clip_grad_value_</c>). Parameters whose <see cref="Parameter{T}.RequiresGrad"/> is false
/// are left out, as PyTorch leaves out parameters without a gradient.
/// </summary>
/// <example><code>
/// double norm = GradientClipping.ClipGradNorm(model.Parameters, maxNorm: 1.0);
/// optimizer.Step();
/// </code></example>
public static class GradientClipping
{
    // PyTorch's guard against dividing by a zero norm; it also makes a clipped norm land slightly below maxNorm.
    private const double NormEpsilon = 1e-6;

    /// <summary>
    /// Scales all gradients together so that their combined norm is at most <paramref name="maxNorm"/>:
    /// each gradient is multiplied by min(1, maxNorm / (totalNorm + 1e-6)).
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped in place.</param>
    /// <param name="maxNorm">The largest allowed norm, at least 0.</param>
    /// <param name="normType">The p of the p-norm: any p &gt; 0, or <see cref="double.PositiveInfinity"/> for the largest magnitude.</param>
    /// <param name="errorIfNonfinite">Throw instead of scaling when the total norm is NaN or infinite.</param>
    /// <returns>The total norm before clipping: the p-norm of the per-parameter p-norms, as PyTorch computes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is negative or NaN, or <paramref name="normType"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="errorIfNonfinite"/> is set and the norm is not finite.</exception>
    public static double ClipGradNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm, double normType = 2.0, bool errorIfNonfinite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Parameter<T>[] clipped = WithGradients(parameters);
        if (!(maxNorm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, HyperparameterRules.Invariant($"Invalid max_norm value: {maxNorm}"));
        }

        if (!(normType > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType, HyperparameterRules.Invariant($"Invalid norm_type value: {normType}; use a p > 0 or double.PositiveInfinity."));
        }

        if (clipped.Length == 0)
        {
            return 0;
        }

        double totalNorm = TotalNorm(clipped, normType);
        if (errorIfNonfinite && !double.IsFinite(totalNorm))
        {
            throw new InvalidOperationException(HyperparameterRules.Invariant($"The total norm of order {normType} of the gradients is {totalNorm}, so they cannot be clipped. Pass errorIfNonfinite: false to scale them anyway."));
        }

        double coefficient = Math.Min(maxNorm / (totalNorm + NormEpsilon), 1.0);

        // Multiplying by exactly 1 changes nothing, so that pass over memory is skipped; NaN still propagates.
        if (!(coefficient == 1.0))
        {
            T scale = T.CreateTruncating(coefficient);
            foreach (Parameter<T> parameter in clipped)
            {
                TensorPrimitives.Multiply(parameter.Grad, scale, parameter.Grad);
            }
        }

        return totalNorm;
    }

    /// <summary>Clamps every gradient element to [-<paramref name="clipValue"/>, <paramref name="clipValue"/>]; NaN stays NaN.</summary>
    /// <param name="parameters">The parameters whose gradients are clipped in place.</param>
    /// <param name="clipValue">The largest allowed magnitude, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative or NaN.</exception>
    public static void ClipGradValue<T>(IEnumerable<Parameter<T>> parameters, double clipValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Parameter<T>[] clipped = WithGradients(parameters);
        if (!(clipValue >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, HyperparameterRules.Invariant($"Invalid clip_value value: {clipValue}"));
        }

        T max = T.CreateTruncating(clipValue);
        foreach (Parameter<T> parameter in clipped)
        {
            Clamp(parameter.Grad, -max, max);
        }
    }

    private static double TotalNorm<T>(Parameter<T>[] parameters, double normType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Norm of the per-parameter norms, in PyTorch's order, so rounding matches it closely.
        double total = 0;
        foreach (Parameter<T> parameter in parameters)
        {
            ReadOnlySpan<T> grad = parameter.Grad;
            if (double.IsPositiveInfinity(normType))
            {
                total = Math.Max(total, GradientNorms.MaxMagnitude(grad));
            }
            else if (normType == 1)
            {
                total += GradientNorms.SumOfMagnitudes(grad);
            }
            else if (normType == 2)
            {
                double norm = Math.Sqrt(GradientNorms.SumOfSquares(grad));
                total = FusedMath.MultiplyAdd(norm, norm, total);
            }
            else
            {
                double norm = Math.Pow(GradientNorms.SumOfPowers(grad, normType), 1 / normType);
                total += Math.Pow(norm, normType);
            }
        }

        return normType switch
        {
            2 => Math.Sqrt(total),
            1 or double.PositiveInfinity => total,
            _ => Math.Pow(total, 1 / normType),
        };
    }

    private static void Clamp<T>(Span<T> values, T min, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(values);
        nuint n = (nuint)values.Length;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<T>.Count)
        {
            var vMin = new Vector<T>(min);
            var vMax = new Vector<T>(max);
            for (; i <= n - (nuint)Vector<T>.Count; i += (nuint)Vector<T>.Count)
            {
                // Vector.Max/Min propagate NaN, as torch.clamp does.
                Vector.Min(Vector.Max(Vector.LoadUnsafe(ref x, i), vMin), vMax).StoreUnsafe(ref x, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref x, i) = T.Min(T.Max(Unsafe.Add(ref x, i), min), max);
        }
    }

    private static Parameter<T>[] WithGradients<T>(IEnumerable<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = new List<Parameter<T>>();
        foreach (Parameter<T> parameter in parameters)
        {
            if (parameter is null)
            {
                throw new ArgumentException("The parameter list contains null.", nameof(parameters));
            }

            if (parameter.RequiresGrad)
            {
                result.Add(parameter);
            }
        }

        return [.. result];
    }
}
