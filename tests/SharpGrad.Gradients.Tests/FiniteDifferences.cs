using CsCheck;

namespace SharpGrad.Gradients.Tests;

/// <summary>Central finite differences in double precision, the reference every generated gradient is checked against.</summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// Random points whose coordinates have magnitudes in [<paramref name="low"/>, <paramref name="high"/>] and
    /// either sign. Keeping away from 0 keeps finite differences off the kinks of |x|, sqrt and friends, where
    /// they measure nothing (CsCheck otherwise favours edge values such as 0 and 1e-300).
    /// </summary>
    public static Gen<double[]> Points(int count, double low = 0.2, double high = 2.0)
        => Gen.Select(
            // Mapping [0, 1] onto an offset sub-range keeps CsCheck's favourite values (0, 0.5, 1) off round
            // numbers such as 1, where comparisons in the tested code (x > 1) put a kink.
            Gen.Double[0, 1].Select(u => low + ((high - low) * (0.0137 + (0.9726 * u)))),
            Gen.Bool,
            (magnitude, negative) => negative ? -magnitude : magnitude).Array[count];

    /// <summary>d f / d x_i for every i, by (f(x + h e_i) - f(x - h e_i)) / 2h with h scaled to |x_i|.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var gradient = new double[x.Length];
        double[] probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            // Central differences err by O(h^2) in truncation and O(eps/h) in rounding: h ~ eps^(1/3) balances them.
            double h = 1e-5 * Math.Max(1, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            double plus = f(probe);
            probe[i] = x[i] - h;
            double minus = f(probe);
            probe[i] = x[i];
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    /// <summary>
    /// d f / d x_i by central differences at steps h and 2h combined by Richardson extrapolation,
    /// (4 D(h) - D(2h)) / 3, whose truncation error is O(h^4) instead of O(h^2): for functions whose third derivative
    /// is large (a long recurrence through tanh), where plain central differences err past the tolerance.
    /// </summary>
    public static double[] ExtrapolatedGradient(Func<double[], double> f, double[] x)
    {
        var gradient = new double[x.Length];
        double[] probe = (double[])x.Clone();
        double Central(int i, double h)
        {
            probe[i] = x[i] + h;
            double plus = f(probe);
            probe[i] = x[i] - h;
            double minus = f(probe);
            probe[i] = x[i];
            return (plus - minus) / (2 * h);
        }

        for (int i = 0; i < x.Length; i++)
        {
            // A larger step than Gradient's: the O(h^4) truncation allows it, and it keeps rounding (O(eps/h)) small.
            double h = 1e-4 * Math.Max(1, Math.Abs(x[i]));
            gradient[i] = ((4 * Central(i, h)) - Central(i, 2 * h)) / 3;
        }

        return gradient;
    }

    /// <summary>
    /// The Jacobian of a vector function by central differences: row i holds d f_i / d x for every x, so a
    /// vector-Jacobian product u^T J is the sum of u_i times row i.
    /// </summary>
    public static double[,] Jacobian(Func<double[], double[]> f, double[] x)
    {
        int outputs = f(x).Length;
        var jacobian = new double[outputs, x.Length];
        double[] probe = (double[])x.Clone();
        for (int j = 0; j < x.Length; j++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(x[j]));
            probe[j] = x[j] + h;
            double[] plus = f(probe);
            probe[j] = x[j] - h;
            double[] minus = f(probe);
            probe[j] = x[j];
            for (int i = 0; i < outputs; i++)
            {
                jacobian[i, j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        return jacobian;
    }

    /// <summary>u^T J: the vector-Jacobian product a reverse-mode gradient computes with seed u.</summary>
    public static double[] VectorJacobianProduct(double[] u, double[,] jacobian)
    {
        var product = new double[jacobian.GetLength(1)];
        for (int j = 0; j < product.Length; j++)
        {
            for (int i = 0; i < u.Length; i++)
            {
                product[j] += u[i] * jacobian[i, j];
            }
        }

        return product;
    }

    /// <summary>Asserts |actual - expected| &lt;= tolerance * max(1, |expected|) element by element, naming the first mismatch.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-6, string what = "gradient")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double scale = Math.Max(1, Math.Abs(expected[i]));
            Assert.True(
                error <= tolerance * scale,
                $"{what}[{i}]: generated {actual[i]:R}, finite differences {expected[i]:R}, error {error:E2} > {tolerance:E0} x {scale:G4}");
        }
    }
}
