namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// The check that runs before any timing: one step of every implementation, from the same seeded state, against
/// the hand-written scalar double reference. A mismatch throws <see cref="AgreementException"/> naming the
/// workload, the implementation and the worst element.
/// </summary>
public static class Agreement
{
    /// <summary>Applies the workload's optimizer, in double, to initial parameters and gradients: the expected parameters after one step.</summary>
    public delegate double[][] ReferenceUpdate(double[][] initial, double[][] gradients);

    /// <summary>
    /// Steps <paramref name="reference"/> once, then each implementation once, and compares the loss, every gradient
    /// array and the updated parameters. Returns one line per implementation with its worst relative errors.
    /// </summary>
    public static IReadOnlyList<string> Step(
        string workload,
        string[] parameterNames,
        Func<IStepImplementation> reference,
        ReferenceUpdate update,
        params (Func<IStepImplementation> Create, Precision Tolerance)[] implementations)
    {
        IStepImplementation expected = reference();
        double[][] initial = expected.Parameters();
        double expectedLoss = expected.Step();
        double[][] expectedGradients = expected.Gradients();
        Require(double.IsFinite(expectedLoss), workload, expected.Name, $"the reference loss is {expectedLoss}");

        var lines = new List<string>();
        foreach ((Func<IStepImplementation> create, Precision tolerance) in implementations)
        {
            IStepImplementation implementation = create();
            try
            {
                double[][] start = implementation.Parameters();
                for (int p = 0; p < parameterNames.Length; p++)
                {
                    Arrays(workload, implementation.Name, "initial " + parameterNames[p], initial[p], start[p], tolerance.Parameter, floor: 1);
                }

                double loss = implementation.Step();
                double lossError = Math.Abs(loss - expectedLoss) / Math.Max(1, Math.Abs(expectedLoss));
                Require(lossError <= tolerance.Loss, workload, implementation.Name,
                    $"loss {loss:R}, reference {expectedLoss:R}: relative error {lossError:E2} > {tolerance.Loss:E0}");

                double[][] gradients = implementation.Gradients();
                double worstGradient = 0;
                for (int p = 0; p < parameterNames.Length; p++)
                {
                    worstGradient = Math.Max(worstGradient, Arrays(workload, implementation.Name, "d loss / d " + parameterNames[p], expectedGradients[p], gradients[p], tolerance.Gradient, floor: 0));
                }

                // Adam's first step is lr * g / (|g| + eps): near g = 0 it magnifies float rounding of g by lr / eps, so
                // the step is checked against the reference optimizer applied to this implementation's own gradient.
                double[][] stepped = update(Copy(initial), gradients);
                double[][] parameters = implementation.Parameters();
                double worstParameter = 0;
                for (int p = 0; p < parameterNames.Length; p++)
                {
                    worstParameter = Math.Max(worstParameter, Arrays(workload, implementation.Name, parameterNames[p] + " after the step", stepped[p], parameters[p], tolerance.Parameter, floor: 1));
                }

                lines.Add($"{workload}: {implementation.Name,-22} loss {lossError:E1}, gradients {worstGradient:E1}, parameters {worstParameter:E1} (tolerances {tolerance.Loss:E0}, {tolerance.Gradient:E0}, {tolerance.Parameter:E0})");
            }
            finally
            {
                (implementation as IDisposable)?.Dispose();
            }
        }

        return lines;
    }

    /// <summary>
    /// Compares two arrays; returns the worst error as a fraction of max(<paramref name="floor"/>, max|expected|), and
    /// throws when it exceeds <paramref name="tolerance"/> or any value is not finite.
    /// </summary>
    public static double Arrays(string workload, string implementation, string what, double[] expected, double[] actual, double tolerance, double floor)
    {
        Require(expected.Length == actual.Length, workload, implementation, $"{what}: {actual.Length} values, reference {expected.Length}");
        double scale = floor;
        foreach (double value in expected)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!double.IsFinite(actual[i]) || error > worstError)
            {
                worst = i;
                worstError = double.IsFinite(actual[i]) ? error : double.PositiveInfinity;
            }
        }

        double relative = scale > 0 ? worstError / scale : worstError;
        Require(relative <= tolerance, workload, implementation,
            $"{what}[{worst}] is {(worst >= 0 ? actual[worst] : 0):R}, reference {(worst >= 0 ? expected[worst] : 0):R}: error {worstError:E2} is {relative:E2} of the largest |reference| {scale:E2} (tolerance {tolerance:E0})");
        return relative;
    }

    /// <summary>Throws <see cref="AgreementException"/> with the workload, the implementation and <paramref name="detail"/>.</summary>
    public static void Require(bool condition, string workload, string implementation, string detail)
    {
        if (!condition)
        {
            throw new AgreementException($"{workload}, {implementation}: {detail}");
        }
    }

    /// <summary>Widens a span to a new double array.</summary>
    public static double[] Widen<T>(ReadOnlySpan<T> values) where T : System.Numerics.INumberBase<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    private static double[][] Copy(double[][] arrays) => arrays.Select(a => (double[])a.Clone()).ToArray();
}
