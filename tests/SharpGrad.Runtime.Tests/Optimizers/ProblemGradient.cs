namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>
/// The reference objective's gradient, from trajectories.json's gradient_formula:
/// dL/dx_i = 2*c_i*(x_i - t_i) + 0.2*x_i/(1 + x_i^2) + 0.1*sum_j x_j.
/// </summary>
internal static class ProblemGradient
{
    public static double[] Of(ReadOnlySpan<double> x, double[] c, double[] t)
    {
        double sum = 0;
        foreach (double value in x)
        {
            sum += value;
        }

        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            gradient[i] = (2 * c[i] * (x[i] - t[i])) + (0.2 * x[i] / (1 + (x[i] * x[i]))) + (0.1 * sum);
        }

        return gradient;
    }
}
