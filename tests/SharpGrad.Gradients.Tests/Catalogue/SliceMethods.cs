namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// Slices passed to differentiable callees: of parameters, local arrays and outputs, as inputs and as outputs,
/// written as <c>Slice</c>, <c>AsSpan</c> and ranges; per-sample losses over a batch without copies.
/// </summary>
public static partial class SliceMethods
{
    /// <summary>One sample's squared error of a linear model.</summary>
    [Differentiable]
    public static double SampleLoss(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double target)
    {
        double prediction = 0;
        for (int j = 0; j < x.Length; j++)
        {
            prediction += w[j] * x[j];
        }

        double d = prediction - target;
        return d * d;
    }

    /// <summary>A batch loss as a loop over per-sample calls on slices of the feature matrix.</summary>
    [Differentiable]
    public static double BatchLoss(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        int n = w.Length;
        double total = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            total += SampleLoss(w, features.Slice(i * n, n), targets[i]);
        }

        return total / targets.Length;
    }

    /// <summary>Rows of a differentiated matrix as slices (Slice and a range), each dotted with x.</summary>
    [Differentiable]
    public static double RowDots(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double total = 0;
        for (int o = 0; o < w.Length / n; o++)
        {
            double a = Functions.Dot(w.Slice(o * n, n), x);
            double b = Functions.Dot(x, w[(o * n)..((o + 1) * n)]);
            total += a * b * (o + 1);
        }

        return total;
    }

    /// <summary>Per-sample vector calls writing into slices of one local array of activations, read afterwards.</summary>
    [Differentiable]
    public static double BatchedHidden(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoGrad] ReadOnlySpan<double> features)
    {
        int n = w.Length / b.Length;
        int m = b.Length;
        int samples = features.Length / n;
        double[] activations = new double[samples * m];
        for (int i = 0; i < samples; i++)
        {
            OutputMethods.Affine(w, b, features.Slice(i * n, n), activations.AsSpan(i * m, m));
        }

        double total = 0;
        for (int k = 0; k < activations.Length; k++)
        {
            total += activations[k] * activations[k] * (k + 1);
        }

        return total;
    }

    /// <summary>A vector method whose output is written slice by slice by a vector callee (a batched layer).</summary>
    [Differentiable]
    public static void BatchAffine(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, Span<double> y)
    {
        int m = b.Length;
        int n = w.Length / m;
        for (int i = 0; i < y.Length / m; i++)
        {
            OutputMethods.Affine(w, b, x.Slice(i * n, n), y.Slice(i * m, m));
        }
    }

    /// <summary>Slices of a local array as inputs, the last part by a range from the end, and of a parameter from an offset on.</summary>
    [Differentiable]
    public static double LocalSlices(ReadOnlySpan<double> w, ReadOnlySpan<double> v)
    {
        int n = w.Length;
        double[] t = new double[2 * n];
        for (int k = 0; k < t.Length; k++)
        {
            t[k] = Math.Sin(v[k % v.Length] * (k + 1));
        }

        double[] h = new double[1];
        OutputMethods.Dense(w, t[^n..], h);
        return SampleLoss(w, t.AsSpan(0, n), 0.5) + (h[0] * SampleLoss(w, v.Slice(v.Length - n), 0.25));
    }

    /// <summary>A slice whose offset is a running local (not replayable in reverse): the bounds are recorded.</summary>
    [Differentiable]
    public static double RunningOffset(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoGrad] ReadOnlySpan<double> features)
    {
        int m = b.Length;
        int n = w.Length / m;
        double[] h = new double[m];
        int offset = 0;
        double total = 0;
        while (offset + n <= features.Length)
        {
            OutputMethods.Affine(w, b, features.Slice(offset, n), h);
            total += h[0] * h[m - 1];
            offset += n;
        }

        return total;
    }
}
