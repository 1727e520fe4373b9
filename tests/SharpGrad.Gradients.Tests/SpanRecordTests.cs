namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Local arrays a unit loop overwrites element by element, once per sample: recorded as one span per sample when the
/// reverse unit loop neither reads nor writes them, element by element otherwise. All against central differences.
/// GeneratedCodeTests.SpanRecords_* checks which records the generated code makes.
/// </summary>
public sealed class SpanRecordTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void OverwrittenArrays_MatchFiniteDifferences(int hidden)
    {
        var random = new Random(hidden);
        for (int point = 0; point < 3; point++)
        {
            double[] w = CompanionCheck.Draw(random, hidden * 3);
            double[] b = CompanionCheck.Draw(random, hidden);
            double[] x = CompanionCheck.Draw(random, 4 * 3);
            CompanionCheck.AgainstFiniteDifferences(w, q => SpanRecordMethods.Layer(q, b, x), (q, g) => SpanRecordMethods.LayerWithGradient(q, b, x, g, new double[hidden]));
            CompanionCheck.AgainstFiniteDifferences(b, q => SpanRecordMethods.Layer(w, q, x), (q, g) => SpanRecordMethods.LayerWithGradient(w, q, x, new double[w.Length], g));
            CompanionCheck.AgainstFiniteDifferences(b, q => SpanRecordMethods.Prefix(q), (q, g) => SpanRecordMethods.PrefixWithGradient(q, g));
            CompanionCheck.AgainstFiniteDifferences(b, q => SpanRecordMethods.ReadBack(q), (q, g) => SpanRecordMethods.ReadBackWithGradient(q, g));
        }
    }
}

public static partial class SpanRecordMethods
{
    /// <summary>A layer sample by sample: every sample overwrites all of <c>a</c>, which the loss reads after: one span record per sample.</summary>
    [Differentiable]
    public static double Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoGrad] ReadOnlySpan<double> x)
    {
        int hidden = b.Length;
        int count = x.Length / 3;
        double[] a = new double[hidden];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double sum = b[k];
                for (int j = 0; j < 3; j++)
                {
                    sum += w[k * 3 + j] * x[i * 3 + j];
                }

                a[k] = Math.Tanh(sum);
            }

            for (int k = 0; k < hidden; k++)
            {
                total += a[k] * a[k] * (k + 1);
            }
        }

        return total / count;
    }

    /// <summary>The unit loop overwrites the first <c>n</c> of <c>n + 2</c> elements: the span recorded is that prefix.</summary>
    [Differentiable]
    public static double Prefix(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] a = new double[n + 2];
        double total = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < n; k++)
            {
                a[k] = Math.Sin(v[k] * (i + 1)) + a[k + 1];
            }

            total += a[0] * a[n - 1] + a[n] * v[0];
        }

        return total;
    }

    /// <summary>The unit loop reads the element it overwrites, so its reverse reads the restored one: it stays recorded element by element.</summary>
    [Differentiable]
    public static double ReadBack(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        double[] a = new double[n];
        double total = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < n; k++)
            {
                a[k] = Math.Sin(a[k] + v[k] * (i + 1));
            }

            total += a[0] * a[n - 1];
        }

        return total;
    }
}
