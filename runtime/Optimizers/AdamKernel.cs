using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>
/// One Adam or AdamW update of one parameter in a single pass: reads p, g, m, v (and v_max), writes them back
/// (PyTorch's single-tensor Adam, operation for operation).
/// </summary>
internal static class AdamKernel
{
    /// <summary>A group's values for the current step, converted to the element type once.</summary>
    internal readonly record struct Settings<T>(
        T NegativeStepSize,
        T BiasCorrection2Sqrt,
        T Epsilon,
        T Beta2,
        T OneMinusBeta2,
        Lerp<T> FirstMoment,
        T WeightDecay,
        T DecoupledDecayFactor,
        bool Maximize,
        bool HasL2WeightDecay,
        bool HasDecoupledWeightDecay,
        bool AmsGrad)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// g = ±grad; AdamW: p *= 1 - lr*wd, Adam: g += wd*p; m = lerp(m, g, 1-β1); v = β2*v + (1-β2)*g²;
    /// v_max = max(v_max, v) with AMSGrad; p += -step_size * m / (sqrt(v or v_max)/sqrt(bc2) + eps).
    /// </summary>
    /// <remarks><paramref name="maxExpAvgSq"/>: Empty without AMSGrad.</remarks>
    public static void Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, in Settings<T> settings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = parameter.Length;
        if (gradient.Length != length || expAvg.Length != length || expAvgSq.Length != length || (settings.AmsGrad && maxExpAvgSq.Length != length))
        {
            throw new ArgumentException("Parameter, gradient and Adam state lengths differ.");
        }

        // Locals, so the JIT keeps switches and scalars in registers across the loop.
        bool maximize = settings.Maximize, hasL2 = settings.HasL2WeightDecay;
        bool hasDecoupled = settings.HasDecoupledWeightDecay, amsGrad = settings.AmsGrad;
        bool lerpFromStart = settings.FirstMoment.FromStart;
        T lerpCoefficient = settings.FirstMoment.Coefficient;
        T negativeStepSize = settings.NegativeStepSize, biasCorrection2Sqrt = settings.BiasCorrection2Sqrt;
        T epsilon = settings.Epsilon, beta2 = settings.Beta2, oneMinusBeta2 = settings.OneMinusBeta2;
        T weightDecay = settings.WeightDecay, decayFactor = settings.DecoupledDecayFactor;

        ref T p = ref MemoryMarshal.GetReference(parameter);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T m = ref MemoryMarshal.GetReference(expAvg);
        ref T v = ref MemoryMarshal.GetReference(expAvgSq);
        ref T vMax = ref MemoryMarshal.GetReference(maxExpAvgSq);
        nuint n = (nuint)length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<T>.Count)
        {
            var vLerpCoefficient = new Vector<T>(lerpCoefficient);
            var vNegativeStepSize = new Vector<T>(negativeStepSize);
            var vBiasCorrection2Sqrt = new Vector<T>(biasCorrection2Sqrt);
            var vEpsilon = new Vector<T>(epsilon);
            var vBeta2 = new Vector<T>(beta2);
            var vOneMinusBeta2 = new Vector<T>(oneMinusBeta2);
            var vWeightDecay = new Vector<T>(weightDecay);
            var vDecayFactor = new Vector<T>(decayFactor);
            nuint last = n - (nuint)Vector<T>.Count;
            for (; i <= last; i += (nuint)Vector<T>.Count)
            {
                Vector<T> pv = Vector.LoadUnsafe(ref p, i);
                Vector<T> gv = Vector.LoadUnsafe(ref g, i);
                if (maximize)
                {
                    gv = -gv;
                }

                if (hasDecoupled)
                {
                    pv *= vDecayFactor;
                }
                else if (hasL2)
                {
                    gv = FusedMath.MultiplyAdd(vWeightDecay, pv, gv);
                }

                Vector<T> mv = Vector.LoadUnsafe(ref m, i);
                mv = FusedMath.MultiplyAdd(vLerpCoefficient, gv - mv, lerpFromStart ? mv : gv);
                Vector<T> vv = FusedMath.MultiplyAdd(vOneMinusBeta2 * gv, gv, Vector.LoadUnsafe(ref v, i) * vBeta2);
                Vector<T> second = vv;
                if (amsGrad)
                {
                    second = Vector.Max(Vector.LoadUnsafe(ref vMax, i), vv);
                    second.StoreUnsafe(ref vMax, i);
                }

                Vector<T> denominator = (Vector.SquareRoot(second) / vBiasCorrection2Sqrt) + vEpsilon;
                pv += vNegativeStepSize * mv / denominator;
                pv.StoreUnsafe(ref p, i);
                mv.StoreUnsafe(ref m, i);
                vv.StoreUnsafe(ref v, i);
            }
        }

        // Scalar tail: the same operations, one element at a time.
        for (; i < n; i++)
        {
            T pi = Unsafe.Add(ref p, i);
            T gi = Unsafe.Add(ref g, i);
            if (maximize)
            {
                gi = -gi;
            }

            if (hasDecoupled)
            {
                pi *= decayFactor;
            }
            else if (hasL2)
            {
                gi = FusedMath.MultiplyAdd(weightDecay, pi, gi);
            }

            T mi = Unsafe.Add(ref m, i);
            mi = FusedMath.MultiplyAdd(lerpCoefficient, gi - mi, lerpFromStart ? mi : gi);
            T vi = FusedMath.MultiplyAdd(oneMinusBeta2 * gi, gi, Unsafe.Add(ref v, i) * beta2);
            T second = vi;
            if (amsGrad)
            {
                second = T.Max(Unsafe.Add(ref vMax, i), vi); // NaN-propagating, like torch.maximum
                Unsafe.Add(ref vMax, i) = second;
            }

            T denominator = (T.Sqrt(second) / biasCorrection2Sqrt) + epsilon;
            Unsafe.Add(ref p, i) = pi + (negativeStepSize * mi / denominator);
            Unsafe.Add(ref m, i) = mi;
            Unsafe.Add(ref v, i) = vi;
        }
    }
}
