namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// What the reverse sweep records: partial sums of a loop that starts from a fresh value are not recorded,
/// and these methods pin the cases where they still must be (a reader inside the loop, or between the fresh
/// start and the loop).
/// </summary>
public static partial class RecordingMethods
{
    /// <summary>A dot product per row, read after the loop by a nonlinearity (the partial sums are not recorded).</summary>
    [Differentiable]
    public static double RowDots(ReadOnlySpan<double> w)
    {
        double total = 0;
        for (int k = 0; k < 2; k++)
        {
            double a = w[k];
            for (int j = 0; j < 3; j++)
            {
                a = a + (w[j] * w[(k + j) % 4]);
            }

            total += a > 0 ? a * a : Math.Tanh(a);
        }

        return total;
    }

    /// <summary>A running maximum reset before each loop, then used by exp.</summary>
    [Differentiable]
    public static double MaxThenExp(ReadOnlySpan<double> v)
    {
        double total = 0;
        for (int r = 0; r < 2; r++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < v.Length; c++)
            {
                if (v[c] * (r + 1) > max)
                {
                    max = v[c] * (r + 1);
                }
            }

            double sum = 0;
            for (int c = 0; c < v.Length; c++)
            {
                sum += Math.Exp((v[c] * (r + 1)) - max);
            }

            total += Math.Log(sum) + max;
        }

        return total;
    }

    /// <summary>The partial sums are read inside the loop: they must be recorded.</summary>
    [Differentiable]
    public static double ReadInsideLoop(double x, double y)
    {
        double s = 0;
        double a = 0;
        for (int k = 0; k < 3; k++)
        {
            a = x * k;
            for (int j = 0; j < 3; j++)
            {
                a = a + (y * j);
                s += Math.Sin(a);
            }
        }

        return s + (a * a);
    }

    /// <summary>A reader between the fresh start and the loop: the loop's writes must be recorded.</summary>
    [Differentiable]
    public static double ReadBetweenStartAndLoop(double x, double y)
    {
        double s = 0;
        double a = 0;
        for (int k = 0; k < 3; k++)
        {
            a = x * (k + 1);
            double b = a * a;
            for (int j = 0; j < 2; j++)
            {
                a = a + (y * a);
            }

            s += a * b;
        }

        return s;
    }

    /// <summary>
    /// A unit loop inside a sample loop that sets <c>t</c> to a pure value of both indices: the reverse unit loop
    /// recomputes it instead of restoring it (the matrix-product tests pin the chain of writes a product leaves).
    /// </summary>
    [Differentiable]
    public static double NestedRecomputed(ReadOnlySpan<double> v)
    {
        double total = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                double t = (v[k] * v[3 + i]) + 0.5;
                total += Math.Tanh(t) * v[k + 1];
            }
        }

        return total;
    }

    /// <summary>
    /// The same nest, but the sample loop reads the unit loop's last value before the next unit loop runs: the value is
    /// carried between samples, so it stays recorded.
    /// </summary>
    [Differentiable]
    public static double NestedCarried(ReadOnlySpan<double> v)
    {
        double total = 0;
        double t = 0;
        for (int i = 0; i < 3; i++)
        {
            total += t * v[i];
            for (int k = 0; k < 3; k++)
            {
                t = v[k] * v[3 + i];
                total += Math.Sin(t);
            }
        }

        return total;
    }
}

internal static class RecordingCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.OfSpan("RecordingMethods.RowDots", 4, v => RecordingMethods.RowDots(v), (v, g, seed) => RecordingMethods.RowDotsWithGradient(v, g, seed)),
        Cases.OfSpan("RecordingMethods.MaxThenExp", 4, v => RecordingMethods.MaxThenExp(v), (v, g, seed) => RecordingMethods.MaxThenExpWithGradient(v, g, seed)),
        Cases.Of(RecordingMethods.ReadInsideLoop, RecordingMethods.ReadInsideLoopWithGradient, Domains.Signed(2, 0.2, 0.6)),
        Cases.Of(RecordingMethods.ReadBetweenStartAndLoop, RecordingMethods.ReadBetweenStartAndLoopWithGradient, Domains.Signed(2, 0.2, 0.6)),
        Cases.OfSpan("RecordingMethods.NestedRecomputed", 6, v => RecordingMethods.NestedRecomputed(v), (v, g, seed) => RecordingMethods.NestedRecomputedWithGradient(v, g, seed)),
        Cases.OfSpan("RecordingMethods.NestedCarried", 6, v => RecordingMethods.NestedCarried(v), (v, g, seed) => RecordingMethods.NestedCarriedWithGradient(v, g, seed)),
    ];
}
