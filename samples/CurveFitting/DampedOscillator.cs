using SharpGrad;

namespace CurveFitting;

/// <summary>
/// The model <c>y(t) = A · exp(−d · t) · cos(ω · t + φ)</c>: a cosine of angular frequency ω and phase φ whose
/// amplitude A decays at rate d.
/// </summary>
public static partial class DampedOscillator
{
    /// <summary>
    /// Mean squared error of the model against the samples <c>(t[i], y[i])</c>. The four parameters are scalars,
    /// so SharpGrad generates <c>LossWithGradient(..., ref double amplitudeGrad, ref double decayGrad,
    /// ref double frequencyGrad, ref double phaseGrad)</c>, which adds each partial derivative to its ref argument.
    /// </summary>
    /// <param name="amplitude">A, the amplitude at t = 0.</param>
    /// <param name="decay">d, the decay rate (1/s).</param>
    /// <param name="frequency">ω, the angular frequency (rad/s).</param>
    /// <param name="phase">φ, the phase (rad).</param>
    /// <param name="t">The sample times.</param>
    /// <param name="y">The measured values, one per time.</param>
    [Differentiable]
    public static double Loss(double amplitude, double decay, double frequency, double phase, [NoGrad] ReadOnlySpan<double> t, [NoGrad] ReadOnlySpan<double> y)
    {
        int count = y.Length;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            double residual = amplitude * Math.Exp(-decay * t[i]) * Math.Cos(frequency * t[i] + phase) - y[i];
            sum += residual * residual;
        }

        return sum / count;
    }

    /// <summary>The model's value at time <paramref name="t"/>.</summary>
    public static double Evaluate(double amplitude, double decay, double frequency, double phase, double t)
        => amplitude * Math.Exp(-decay * t) * Math.Cos((frequency * t) + phase);
}
