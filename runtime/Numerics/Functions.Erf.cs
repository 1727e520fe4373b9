namespace SharpGrad;

public static partial class Functions
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;

    /// <summary>
    /// The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt (PyTorch: <c>torch.erf</c>), to within a few units in the last
    /// place in double: for |x| &lt; 6 by the series erf(x) = 2/√π · e^(−x²) · Σₙ (2x²)ⁿ x / (1·3·…·(2n + 1)), whose
    /// terms are all positive (no cancellation), and ±1 beyond, where 1 − |erf(x)| &lt; 2.2e-17. NaN gives NaN. Its
    /// derivative is 2/√π · e^(−x²). .NET has no <c>Math.Erf</c>, hence this one.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>A value in [−1, 1].</returns>
    [CustomGradient(nameof(ErfWithGradient))]
    public static double Erf(double x)
    {
        double magnitude = Math.Abs(x);
        if (!(magnitude < 6))
        {
            return double.IsNaN(x) ? double.NaN : Math.Sign(x);
        }

        double twoSquare = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 400; n++)
        {
            term *= twoSquare / ((2 * n) + 1);
            double next = sum + term;
            if (next == sum)
            {
                break;
            }

            sum = next;
        }

        return Math.Clamp(TwoOverSqrtPi * Math.Exp(-x * x) * sum, -1, 1);
    }

    /// <inheritdoc cref="Erf(double)"/>
    [CustomGradient(nameof(ErfWithGradient))]
    public static float Erf(float x) => (float)Erf((double)x);

    /// <summary>Returns erf(<paramref name="x"/>) and adds <paramref name="outputGradient"/> · 2/√π · e^(−x²) into <paramref name="xGrad"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="xGrad">Receives the gradient.</param>
    /// <param name="outputGradient">The gradient of the loss with respect to the result.</param>
    /// <returns>erf(x).</returns>
    public static double ErfWithGradient(double x, ref double xGrad, double outputGradient = 1)
    {
        xGrad += outputGradient * TwoOverSqrtPi * Math.Exp(-x * x);
        return Erf(x);
    }

    /// <inheritdoc cref="ErfWithGradient(double, ref double, double)"/>
    public static float ErfWithGradient(float x, ref float xGrad, float outputGradient = 1)
    {
        double gradient = 0;
        float value = (float)ErfWithGradient(x, ref gradient, outputGradient);
        xGrad += (float)gradient;
        return value;
    }
}
