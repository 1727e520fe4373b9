using System.Numerics;
using System.Runtime.Intrinsics;

namespace SharpGrad.Benchmarks.Gradients;

/// <summary>Adam written out by hand for the hand-written implementations: PyTorch's update, one loop per parameter.</summary>
public sealed class HandAdam<T>(double lr, double beta1, double beta2, double eps, params int[] lengths) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m = lengths.Select(n => new T[n]).ToArray();
    private readonly T[][] _v = lengths.Select(n => new T[n]).ToArray();
    private long _step;

    /// <summary>Advances the step count; call once per step, before <see cref="Update"/> of each parameter.</summary>
    public void BeginStep() => _step++;

    /// <summary>p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps), with m and v the moving averages of g and g^2.</summary>
    public void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        T[] m = _m[index], v = _v[index];
        T b1 = T.CreateTruncating(beta1), b2 = T.CreateTruncating(beta2);
        T oneMinusB1 = T.CreateTruncating(1 - beta1), oneMinusB2 = T.CreateTruncating(1 - beta2);
        T stepSize = T.CreateTruncating(lr / (1 - Math.Pow(beta1, _step)));
        T bc2Sqrt = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(beta2, _step)));
        T epsilon = T.CreateTruncating(eps);
        for (int i = 0; i < parameter.Length; i++)
        {
            T g = gradient[i];
            m[i] = (b1 * m[i]) + (oneMinusB1 * g);
            v[i] = (b2 * v[i]) + (oneMinusB2 * g * g);
            parameter[i] -= stepSize * m[i] / ((T.Sqrt(v[i]) / bc2Sqrt) + epsilon);
        }
    }

    /// <summary>The same update with Vector512: the hand-written SIMD implementations' optimizer.</summary>
    public void UpdateSimd(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        T[] m = _m[index], v = _v[index];
        T b1 = T.CreateTruncating(beta1), b2 = T.CreateTruncating(beta2);
        T oneMinusB1 = T.CreateTruncating(1 - beta1), oneMinusB2 = T.CreateTruncating(1 - beta2);
        T stepSize = T.CreateTruncating(lr / (1 - Math.Pow(beta1, _step)));
        T bc2Sqrt = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(beta2, _step)));
        T epsilon = T.CreateTruncating(eps);
        var vb1 = Vector512.Create(b1);
        var vb2 = Vector512.Create(b2);
        var v1b1 = Vector512.Create(oneMinusB1);
        var v1b2 = Vector512.Create(oneMinusB2);
        var vStep = Vector512.Create(-stepSize);
        var vInvBc2 = Vector512.Create(T.One / bc2Sqrt);
        var vEps = Vector512.Create(epsilon);
        int lanes = Vector512<T>.Count;
        int i = 0;
        for (; i + lanes <= parameter.Length; i += lanes)
        {
            var g = Vector512.Create(gradient.Slice(i, lanes));
            var mi = Simd.Fma(vb1, Vector512.Create(m.AsSpan(i, lanes)), v1b1 * g);
            var vi = Simd.Fma(vb2, Vector512.Create(v.AsSpan(i, lanes)), v1b2 * g * g);
            var denominator = Simd.Fma(Vector512.Sqrt(vi), vInvBc2, vEps);
            var p = Simd.Fma(vStep, mi / denominator, Vector512.Create((ReadOnlySpan<T>)parameter.Slice(i, lanes)));
            mi.CopyTo(m.AsSpan(i, lanes));
            vi.CopyTo(v.AsSpan(i, lanes));
            p.CopyTo(parameter.Slice(i, lanes));
        }

        for (; i < parameter.Length; i++)
        {
            T g = gradient[i];
            m[i] = (b1 * m[i]) + (oneMinusB1 * g);
            v[i] = (b2 * v[i]) + (oneMinusB2 * g * g);
            parameter[i] -= stepSize * m[i] / ((T.Sqrt(v[i]) / bc2Sqrt) + epsilon);
        }
    }
}
