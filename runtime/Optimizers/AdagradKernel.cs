using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>One Adagrad update of one parameter in a single pass (PyTorch's single-tensor Adagrad).</summary>
internal static class AdagradKernel
{
    /// <summary>A group's values for the current step, converted to the element type once.</summary>
    internal readonly record struct Settings<T>(
        T NegativeDecayedLearningRate,
        T Epsilon,
        T WeightDecay,
        bool Maximize,
        bool HasWeightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>g = ±grad (+ wd*p); sum += g²; p += -clr * g / (sqrt(sum) + eps).</summary>
    public static void Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> sum, in Settings<T> settings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = parameter.Length;
        if (gradient.Length != length || sum.Length != length)
        {
            throw new ArgumentException("Parameter, gradient and Adagrad state lengths differ.");
        }

        // Locals, so the JIT keeps switches and scalars in registers across the loop.
        bool maximize = settings.Maximize, hasWeightDecay = settings.HasWeightDecay;
        T negativeClr = settings.NegativeDecayedLearningRate, epsilon = settings.Epsilon, weightDecay = settings.WeightDecay;

        ref T p = ref MemoryMarshal.GetReference(parameter);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T s = ref MemoryMarshal.GetReference(sum);
        nuint n = (nuint)length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<T>.Count)
        {
            var vNegativeClr = new Vector<T>(negativeClr);
            var vEpsilon = new Vector<T>(epsilon);
            var vWeightDecay = new Vector<T>(weightDecay);
            nuint last = n - (nuint)Vector<T>.Count;
            for (; i <= last; i += (nuint)Vector<T>.Count)
            {
                Vector<T> pv = Vector.LoadUnsafe(ref p, i);
                Vector<T> gv = Vector.LoadUnsafe(ref g, i);
                gv = FusedMath.StepGradient(gv, pv, maximize, hasWeightDecay, vWeightDecay);

                Vector<T> sv = FusedMath.MultiplyAdd(gv, gv, Vector.LoadUnsafe(ref s, i));
                sv.StoreUnsafe(ref s, i);
                Vector<T> std = Vector.SquareRoot(sv) + vEpsilon;
                (pv + (vNegativeClr * gv / std)).StoreUnsafe(ref p, i);
            }
        }

        // Scalar tail: the same operations, one element at a time.
        for (; i < n; i++)
        {
            T pi = Unsafe.Add(ref p, i);
            T gi = Unsafe.Add(ref g, i);
            gi = FusedMath.StepGradient(gi, pi, maximize, hasWeightDecay, weightDecay);

            T si = FusedMath.MultiplyAdd(gi, gi, Unsafe.Add(ref s, i));
            Unsafe.Add(ref s, i) = si;
            T std = T.Sqrt(si) + epsilon;
            Unsafe.Add(ref p, i) = pi + (negativeClr * gi / std);
        }
    }
}
