using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SharpGrad.Optimizers;

/// <summary>
/// <c>a * b + c</c> rounded once where the CPU has a fused multiply-add instruction, and as two operations
/// elsewhere. PyTorch's CPU kernels make the same choice (they are compiled to FMA on AVX2 machines), and
/// a software FMA would be far slower than the rest of an optimizer step.
/// </summary>
/// <remarks>The vector and scalar forms make the same choice, so the scalar tail of a loop rounds exactly
/// as the vectorized body does.</remarks>
internal static class FusedMath
{
    /// <summary>Whether multiply-adds are fused here: on CPUs with an FMA instruction.</summary>
    internal static bool HasFusedMultiplyAdd => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasFusedMultiplyAdd)
        {
            if (typeof(T) == typeof(double))
            {
                return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
            }

            if (typeof(T) == typeof(float))
            {
                return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
            }
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HasFusedMultiplyAdd ? T.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>
    /// The gradient an update step uses, in PyTorch's order: negated when maximizing, then plus
    /// <c>weight_decay * p</c> for L2 decay. Shared by SGD, RMSprop and Adagrad (Adam also has decoupled decay).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> StepGradient<T>(Vector<T> gradient, Vector<T> parameter, bool maximize, bool hasWeightDecay, Vector<T> weightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (maximize)
        {
            gradient = -gradient;
        }

        return hasWeightDecay ? MultiplyAdd(weightDecay, parameter, gradient) : gradient;
    }

    /// <inheritdoc cref="StepGradient{T}(Vector{T}, Vector{T}, bool, bool, Vector{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T StepGradient<T>(T gradient, T parameter, bool maximize, bool hasWeightDecay, T weightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (maximize)
        {
            gradient = -gradient;
        }

        return hasWeightDecay ? MultiplyAdd(weightDecay, parameter, gradient) : gradient;
    }
}
