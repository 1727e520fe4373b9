namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Elements a loop overwrites at a computed index (<c>state[offset + k]</c>, an LSTM's cell row): the index is
/// recomputed in the reverse loop when it is the same there (the offset set by an enclosing loop and restored by its
/// reverse), recorded otherwise; and values computed from elements the iteration then overwrites (an LSTM's gates),
/// computed again once the reverse has restored those elements, unless a write of the array escapes the tape. All
/// against central differences; GeneratedCodeTests.IndexRecords_* checks which.
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
            CompanionCheck.AgainstFiniteDifferences(w, q => IndexRecordMethods.Gates(q, x), (q, g) => IndexRecordMethods.GatesWithGradient(q, x, g));
            CompanionCheck.AgainstFiniteDifferences(w, q => IndexRecordMethods.GatesReadBeforeRestore(q, x), (q, g) => IndexRecordMethods.GatesReadBeforeRestoreWithGradient(q, x, g));
            CompanionCheck.AgainstFiniteDifferences(w, q => IndexRecordMethods.GatesBranchWrite(q, x), (q, g) => IndexRecordMethods.GatesBranchWriteWithGradient(q, x, g));
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

    /// <summary>
    /// An LSTM's gate: <c>gate</c> reads <c>h[i]</c> and <c>h[i + 1]</c> (the next element, which the next iteration
    /// overwrites), and the iteration then overwrites <c>h[i]</c>: the reverse computes the gate again right after
    /// restoring it, where tanh's rule first needs it.
    /// </summary>
    [Differentiable]
    public static double Gates(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] h = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            h[i] = x[i];
        }

        double total = 0;
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double gate = Functions.Sigmoid((h[i] * w[i]) + w[n + i] + (0.5 * h[i + 1]));
                h[i] = gate * Math.Tanh(h[i]);
                total += h[i];
            }
        }

        return total;
    }

    /// <summary>The same gate, also read after the write (<c>h[i] * gate</c>): the reverse needs it before it restores <c>h[i]</c>, so it stays recorded.</summary>
    [Differentiable]
    public static double GatesReadBeforeRestore(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] h = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            h[i] = x[i];
        }

        double total = 0;
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double gate = Functions.Sigmoid((h[i] * w[i]) + w[n + i] + (0.5 * h[i + 1]));
                h[i] = gate * Math.Tanh(h[i]);
                total += h[i] * gate;
            }
        }

        return total;
    }

    /// <summary>The same gate, with <c>h</c> also written inside a branch of the iteration: that write is not one the pass follows, so the gate stays recorded.</summary>
    [Differentiable]
    public static double GatesBranchWrite(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] h = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            h[i] = x[i];
        }

        double total = 0;
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double gate = Functions.Sigmoid((h[i] * w[i]) + w[n + i]);
                if (x[i] > 0)
                {
                    h[i] = gate * Math.Tanh(h[i]);
                }

                total += h[i] * gate;
            }
        }

        return total;
    }
}
