using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>One SGD update of one parameter in a single pass over memory (PyTorch's single-tensor SGD).</summary>
internal static class SgdKernel
{
    /// <summary>A group's values, converted to the element type once per step.</summary>
    internal readonly record struct Settings<T>(
        T NegativeLearningRate,
        T Momentum,
        T OneMinusDampening,
        T WeightDecay,
        bool HasMomentum,
        bool Nesterov,
        bool Maximize,
        bool HasWeightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// g = ±grad (+ wd*p); with momentum: buf = g on the first step, else momentum*buf + (1-dampening)*g,
    /// then g = nesterov ? g + momentum*buf : buf; finally p -= lr*g.
    /// </summary>
    /// <remarks><paramref name="momentumBuffer"/>: Empty without momentum. <paramref name="firstStep"/>: Whether the momentum buffer is new (PyTorch clones the gradient into it).</remarks>
    public static void Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> momentumBuffer, bool firstStep, in Settings<T> settings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = parameter.Length;
        if (gradient.Length != length || (settings.HasMomentum && momentumBuffer.Length != length))
        {
            throw new ArgumentException("Parameter, gradient and momentum buffer lengths differ.");
        }

        // Locals, so the JIT keeps switches and scalars in registers across the loop.
        bool maximize = settings.Maximize, hasWeightDecay = settings.HasWeightDecay;
        bool hasMomentum = settings.HasMomentum, nesterov = settings.Nesterov;
        T negativeLr = settings.NegativeLearningRate, momentum = settings.Momentum;
        T oneMinusDampening = settings.OneMinusDampening, weightDecay = settings.WeightDecay;

        ref T p = ref MemoryMarshal.GetReference(parameter);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T buf = ref MemoryMarshal.GetReference(momentumBuffer);
        nuint n = (nuint)length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<T>.Count)
        {
            var vNegativeLr = new Vector<T>(negativeLr);
            var vMomentum = new Vector<T>(momentum);
            var vOneMinusDampening = new Vector<T>(oneMinusDampening);
            var vWeightDecay = new Vector<T>(weightDecay);
            nuint last = n - (nuint)Vector<T>.Count;
            for (; i <= last; i += (nuint)Vector<T>.Count)
            {
                Vector<T> pv = Vector.LoadUnsafe(ref p, i);
                Vector<T> gv = Vector.LoadUnsafe(ref g, i);
                gv = FusedMath.StepGradient(gv, pv, maximize, hasWeightDecay, vWeightDecay);

                if (hasMomentum)
                {
                    Vector<T> bv = firstStep
                        ? gv
                        : FusedMath.MultiplyAdd(vOneMinusDampening, gv, Vector.LoadUnsafe(ref buf, i) * vMomentum);
                    bv.StoreUnsafe(ref buf, i);
                    gv = nesterov ? FusedMath.MultiplyAdd(vMomentum, bv, gv) : bv;
                }

                FusedMath.MultiplyAdd(vNegativeLr, gv, pv).StoreUnsafe(ref p, i);
            }
        }

        // Scalar tail: the same operations, one element at a time.
        for (; i < n; i++)
        {
            T pi = Unsafe.Add(ref p, i);
            T gi = Unsafe.Add(ref g, i);
            gi = FusedMath.StepGradient(gi, pi, maximize, hasWeightDecay, weightDecay);

            if (hasMomentum)
            {
                T bi = firstStep
                    ? gi
                    : FusedMath.MultiplyAdd(oneMinusDampening, gi, Unsafe.Add(ref buf, i) * momentum);
                Unsafe.Add(ref buf, i) = bi;
                gi = nesterov ? FusedMath.MultiplyAdd(momentum, bi, gi) : bi;
            }

            Unsafe.Add(ref p, i) = FusedMath.MultiplyAdd(negativeLr, gi, pi);
        }
    }
}
