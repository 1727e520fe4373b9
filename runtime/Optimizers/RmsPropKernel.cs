using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SharpGrad.Optimizers;

/// <summary>One RMSprop update of one parameter in a single pass (PyTorch's single-tensor RMSprop).</summary>
internal static class RmsPropKernel
{
    /// <summary>A group's values, converted to the element type once per step.</summary>
    internal readonly record struct Settings<T>(
        T NegativeLearningRate,
        T Alpha,
        T OneMinusAlpha,
        Lerp<T> GradientAverage,
        T Epsilon,
        T Momentum,
        T WeightDecay,
        bool Maximize,
        bool HasWeightDecay,
        bool Centered,
        bool HasMomentum)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// g = ±grad (+ wd*p); sq = α*sq + (1-α)*g²; centered: ga = lerp(ga, g, 1-α), avg = sqrt(sq - ga²),
    /// else avg = sqrt(sq); avg += eps; momentum: buf = momentum*buf + g/avg, p -= lr*buf; else p += -lr*g/avg.
    /// </summary>
    /// <remarks><paramref name="gradientAverage"/>: Empty unless centered. <paramref name="momentumBuffer"/>: Empty without momentum.</remarks>
    public static void Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> squareAverage, Span<T> gradientAverage, Span<T> momentumBuffer, in Settings<T> settings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = parameter.Length;
        if (gradient.Length != length || squareAverage.Length != length
            || (settings.Centered && gradientAverage.Length != length)
            || (settings.HasMomentum && momentumBuffer.Length != length))
        {
            throw new ArgumentException("Parameter, gradient and RMSprop state lengths differ.");
        }

        // Locals, so the JIT keeps switches and scalars in registers across the loop.
        bool maximize = settings.Maximize, hasWeightDecay = settings.HasWeightDecay;
        bool centered = settings.Centered, hasMomentum = settings.HasMomentum;
        bool lerpFromStart = settings.GradientAverage.FromStart;
        T lerpCoefficient = settings.GradientAverage.Coefficient;
        T negativeLr = settings.NegativeLearningRate, alpha = settings.Alpha, oneMinusAlpha = settings.OneMinusAlpha;
        T epsilon = settings.Epsilon, momentum = settings.Momentum, weightDecay = settings.WeightDecay;

        ref T p = ref MemoryMarshal.GetReference(parameter);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T sq = ref MemoryMarshal.GetReference(squareAverage);
        ref T ga = ref MemoryMarshal.GetReference(gradientAverage);
        ref T buf = ref MemoryMarshal.GetReference(momentumBuffer);
        nuint n = (nuint)length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<T>.Count)
        {
            var vLerpCoefficient = new Vector<T>(lerpCoefficient);
            var vNegativeLr = new Vector<T>(negativeLr);
            var vAlpha = new Vector<T>(alpha);
            var vOneMinusAlpha = new Vector<T>(oneMinusAlpha);
            var vEpsilon = new Vector<T>(epsilon);
            var vMomentum = new Vector<T>(momentum);
            var vWeightDecay = new Vector<T>(weightDecay);
            nuint last = n - (nuint)Vector<T>.Count;
            for (; i <= last; i += (nuint)Vector<T>.Count)
            {
                Vector<T> pv = Vector.LoadUnsafe(ref p, i);
                Vector<T> gv = Vector.LoadUnsafe(ref g, i);
                gv = FusedMath.StepGradient(gv, pv, maximize, hasWeightDecay, vWeightDecay);

                Vector<T> sqv = FusedMath.MultiplyAdd(vOneMinusAlpha * gv, gv, Vector.LoadUnsafe(ref sq, i) * vAlpha);
                sqv.StoreUnsafe(ref sq, i);
                Vector<T> average;
                if (centered)
                {
                    Vector<T> gav = Vector.LoadUnsafe(ref ga, i);
                    gav = FusedMath.MultiplyAdd(vLerpCoefficient, gv - gav, lerpFromStart ? gav : gv);
                    gav.StoreUnsafe(ref ga, i);
                    average = Vector.SquareRoot(FusedMath.MultiplyAdd(-gav, gav, sqv));
                }
                else
                {
                    average = Vector.SquareRoot(sqv);
                }

                average += vEpsilon;
                if (hasMomentum)
                {
                    Vector<T> bv = (Vector.LoadUnsafe(ref buf, i) * vMomentum) + (gv / average);
                    bv.StoreUnsafe(ref buf, i);
                    pv = FusedMath.MultiplyAdd(vNegativeLr, bv, pv);
                }
                else
                {
                    pv += vNegativeLr * gv / average;
                }

                pv.StoreUnsafe(ref p, i);
            }
        }

        // Scalar tail: the same operations, one element at a time.
        for (; i < n; i++)
        {
            T pi = Unsafe.Add(ref p, i);
            T gi = Unsafe.Add(ref g, i);
            gi = FusedMath.StepGradient(gi, pi, maximize, hasWeightDecay, weightDecay);

            T sqi = FusedMath.MultiplyAdd(oneMinusAlpha * gi, gi, Unsafe.Add(ref sq, i) * alpha);
            Unsafe.Add(ref sq, i) = sqi;
            T average;
            if (centered)
            {
                T gai = Unsafe.Add(ref ga, i);
                gai = FusedMath.MultiplyAdd(lerpCoefficient, gi - gai, lerpFromStart ? gai : gi);
                Unsafe.Add(ref ga, i) = gai;
                average = T.Sqrt(FusedMath.MultiplyAdd(-gai, gai, sqi));
            }
            else
            {
                average = T.Sqrt(sqi);
            }

            average += epsilon;
            if (hasMomentum)
            {
                T bi = (Unsafe.Add(ref buf, i) * momentum) + (gi / average);
                Unsafe.Add(ref buf, i) = bi;
                pi = FusedMath.MultiplyAdd(negativeLr, bi, pi);
            }
            else
            {
                pi += negativeLr * gi / average;
            }

            Unsafe.Add(ref p, i) = pi;
        }
    }
}
