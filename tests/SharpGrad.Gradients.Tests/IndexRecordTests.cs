namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Elements a loop overwrites at a computed index (<c>state[offset + k]</c>, an LSTM's cell row): the index is
/// recomputed in the reverse loop when it is the same there (the offset set by an enclosing loop and restored by its
/// reverse), recorded otherwise. All against central differences; GeneratedCodeTests.IndexRecords_* checks which.
/// </summary>
public sealed class IndexRecordTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void OverwrittenAtAComputedIndex_MatchesFiniteDifferences(int n)
    {
        var random = new Random(n);
        for (int point = 0; point < 3; point++)
        {
            double[] w = CompanionCheck.Draw(random, 2 * n);
            double[] x = CompanionCheck.Draw(random, n);
            CompanionCheck.AgainstFiniteDifferences(w, q => IndexRecordMethods.LayerOffsets(q, x), (q, g) => IndexRecordMethods.LayerOffsetsWithGradient(q, x, g));
            CompanionCheck.AgainstFiniteDifferences(w, q => IndexRecordMethods.MovingIndex(q, x), (q, g) => IndexRecordMethods.MovingIndexWithGradient(q, x, g));
        }
    }
}

public static partial class IndexRecordMethods
{
    /// <summary>Each layer's unit loop overwrites <c>state[offset + k]</c> with <c>offset</c> set by the layer loop: recomputed.</summary>
    [Differentiable]
    public static double LayerOffsets(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] state = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            state[i] = x[i];
            state[n + i] = 0.5 * x[i];
        }

        double total = 0;
        for (int step = 0; step < 3; step++)
        {
            for (int layer = 0; layer < 2; layer++)
            {
                int offset = layer * n;
                for (int k = 0; k < n; k++)
                {
                    state[offset + k] = Math.Tanh((state[offset + k] * w[k]) + w[n + k]);
                    total += state[offset + k] * state[offset + k];
                }
            }
        }

        return total;
    }

    /// <summary>The index moves inside the loop that writes through it: it stays recorded.</summary>
    [Differentiable]
    public static double MovingIndex(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] state = new double[n];
        for (int i = 0; i < n; i++)
        {
            state[i] = x[i];
        }

        int at = 0;
        double total = 0;
        for (int k = 0; k < 2 * n; k++)
        {
            at = (at + 3) % n;
            state[at] = Math.Tanh((state[at] * w[k % n]) + w[n + (k % n)]);
            total += state[at];
        }

        return total;
    }
}
