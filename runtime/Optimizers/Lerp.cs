using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// PyTorch's <c>start.lerp_(end, weight)</c> for a scalar weight, as its CPU kernel computes it:
/// <c>start + weight*(end - start)</c> when |weight| &lt; 0.5, else <c>end + (weight - 1)*(end - start)</c>,
/// each one fused multiply-add (the second form is exact at weight 1).
/// </summary>
internal readonly struct Lerp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Lerp(double weight)
    {
        FromStart = Math.Abs(weight) < 0.5;
        Coefficient = T.CreateTruncating(weight);
        if (!FromStart)
        {
            Coefficient -= T.One;
        }
    }

    /// <summary>The multiplier of <c>end - start</c>.</summary>
    public T Coefficient { get; }

    /// <summary>Whether the product is added to start (small weight) or to end.</summary>
    public bool FromStart { get; }
}
