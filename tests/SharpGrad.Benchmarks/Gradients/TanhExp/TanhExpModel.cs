namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>W4's user code: sum(tanh(0.75 x - 0.25)^2 * exp(-x)), as a user writes it, in both precisions.</summary>
public static partial class TanhExpModel
{
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Tanh(0.75 * x[i] - 0.25);
            sum += t * t * Math.Exp(-x[i]);
        }

        return sum;
    }

    [Differentiable]
    public static float Loss(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float t = MathF.Tanh(0.75f * x[i] - 0.25f);
            sum += t * t * MathF.Exp(-x[i]);
        }

        return sum;
    }
}
