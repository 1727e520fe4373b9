using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SharpGrad.Numerics;

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

        // The widest vectors the machine accelerates (Vector<T> stays 256 bits on AVX-512 machines), then the scalar tail.
        if (Vector512.IsHardwareAccelerated)
        {
            i = UpdateLanes<T, Lanes512<T>>(ref p, ref g, ref m, ref v, ref vMax, n, settings);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = UpdateLanes<T, Lanes256<T>>(ref p, ref g, ref m, ref v, ref vMax, n, settings);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            i = UpdateLanes<T, Lanes128<T>>(ref p, ref g, ref m, ref v, ref vMax, n, settings);
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

    /// <summary>The vector part of <see cref="Update{T}"/>: every whole vector, in the scalar tail's order of operations; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint UpdateLanes<T, TLanes>(ref T p, ref T g, ref T m, ref T v, ref T vMax, nuint n, in Settings<T> settings)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        // Locals, so the JIT keeps switches and scalars in registers across the loop.
        bool maximize = settings.Maximize, hasL2 = settings.HasL2WeightDecay;
        bool hasDecoupled = settings.HasDecoupledWeightDecay, amsGrad = settings.AmsGrad;
        bool lerpFromStart = settings.FirstMoment.FromStart;
        TLanes lerpCoefficient = TLanes.Broadcast(settings.FirstMoment.Coefficient);
        TLanes negativeStepSize = TLanes.Broadcast(settings.NegativeStepSize);
        TLanes biasCorrection2Sqrt = TLanes.Broadcast(settings.BiasCorrection2Sqrt);
        TLanes epsilon = TLanes.Broadcast(settings.Epsilon);
        TLanes beta2 = TLanes.Broadcast(settings.Beta2);
        TLanes oneMinusBeta2 = TLanes.Broadcast(settings.OneMinusBeta2);
        TLanes weightDecay = TLanes.Broadcast(settings.WeightDecay);
        TLanes decayFactor = TLanes.Broadcast(settings.DecoupledDecayFactor);
        TLanes minusOne = TLanes.Broadcast(-T.One);
        nuint lanes = (nuint)TLanes.Count;
        nuint i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            TLanes pv = TLanes.Load(ref p, i);
            TLanes gv = TLanes.Load(ref g, i);
            if (maximize)
            {
                gv = TLanes.Multiply(gv, minusOne); // -g exactly, signed zeros included
            }

            if (hasDecoupled)
            {
                pv = TLanes.Multiply(pv, decayFactor);
            }
            else if (hasL2)
            {
                gv = MultiplyAdd<T, TLanes>(weightDecay, pv, gv);
            }

            TLanes mv = TLanes.Load(ref m, i);
            mv = MultiplyAdd<T, TLanes>(lerpCoefficient, TLanes.Subtract(gv, mv), lerpFromStart ? mv : gv);
            TLanes vv = MultiplyAdd<T, TLanes>(TLanes.Multiply(oneMinusBeta2, gv), gv, TLanes.Multiply(TLanes.Load(ref v, i), beta2));
            TLanes second = vv;
            if (amsGrad)
            {
                second = TLanes.Max(TLanes.Load(ref vMax, i), vv);
                TLanes.Store(second, ref vMax, i);
            }

            TLanes denominator = TLanes.Add(TLanes.Divide(TLanes.Sqrt(second), biasCorrection2Sqrt), epsilon);
            pv = TLanes.Add(pv, TLanes.Divide(TLanes.Multiply(negativeStepSize, mv), denominator));
            TLanes.Store(pv, ref p, i);
            TLanes.Store(mv, ref m, i);
            TLanes.Store(vv, ref v, i);
        }

        return i;
    }

    /// <summary>As <see cref="FusedMath.MultiplyAdd{T}(T, T, T)"/>: fused where the CPU has FMA, as the scalar tail is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes MultiplyAdd<T, TLanes>(TLanes a, TLanes b, TLanes c)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
        => FusedMath.HasFusedMultiplyAdd ? TLanes.MultiplyAdd(a, b, c) : TLanes.Add(TLanes.Multiply(a, b), c);
}
