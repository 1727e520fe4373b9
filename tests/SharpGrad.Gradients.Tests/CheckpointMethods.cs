namespace SharpGrad.Gradients.Tests;

/// <summary>Methods whose top-level loops record every iteration: under a small tape budget their gradients checkpoint.</summary>
public static partial class CheckpointMethods
{
    /// <summary>An array carried from step to step (a recurrent state in a local array) and a scalar.</summary>
    [Differentiable]
    public static double Recurrence(ReadOnlySpan<double> w, double u, [NoGrad] ReadOnlySpan<double> inputs)
    {
        int n = w.Length;
        double[] state = new double[n];
        double carry = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            for (int i = 0; i < n; i++)
            {
                state[i] = Math.Tanh((w[i] * state[i]) + (u * inputs[t]) + (0.1 * carry));
            }

            carry = state[t % n];
        }

        double total = carry;
        for (int i = 0; i < n; i++)
        {
            total += state[i] * state[i];
        }

        return total;
    }

    /// <summary>A descending loop whose branch the reverse sweep replays, in float.</summary>
    [Differentiable]
    public static float Branches(float scale, ReadOnlySpan<float> x)
    {
        float total = 0;
        float v = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            v = (scale * x[i]) + (0.5f * total);
            if (v > 0)
            {
                total = MathF.Tanh(v) + (0.25f * total);
            }
            else
            {
                total = (0.1f * v) + (0.5f * total);
            }
        }

        return total;
    }

    /// <summary>An output written every step from a running value (the outputs are part of each checkpoint).</summary>
    [Differentiable]
    public static void Filter(double a, ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        double s = 0;
        for (int t = 0; t < x.Length; t++)
        {
            s = (a * s) + Math.Sin(x[t] * s + x[t]);
            y[t] = s * s;
        }
    }

    /// <summary>
    /// A loop between two that record too, and a variable the loop reads that is overwritten after it: the second
    /// loop cannot be re-run from checkpoints (it would read the new value), so it records as before.
    /// </summary>
    [Differentiable]
    public static double ReadAfterOverwrite(double a, ReadOnlySpan<double> x)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p = p * Math.Cos(a * x[i]);
        }

        double c = p;
        double q = 0;
        for (int i = 0; i < x.Length; i++)
        {
            q = Math.Sin(q + (c * x[i]));
        }

        c = q * a;
        double r = 0;
        for (int i = 0; i < x.Length; i++)
        {
            r = Math.Sin(r * c) + x[i];
        }

        return r + p + q;
    }
    /// <summary>
    /// The log of a matrix's permanent, the sum over all n! permutations of a product: a factorial loop (the kind that
    /// once recorded a billion values), one permutation per iteration, decoded from the iteration's number into an int
    /// array the iterations carry. The log keeps the loop from fusing with its reverse, so every product is recorded.
    /// </summary>
    [Differentiable]
    public static double LogPermanent(ReadOnlySpan<double> a, int n, int permutations)
    {
        int[] available = new int[n];
        double sum = 0;
        for (int r = 0; r < permutations; r++)
        {
            for (int k = 0; k < n; k++)
            {
                available[k] = k;
            }

            int code = r;
            int remaining = n;
            double product = 1;
            for (int row = 0; row < n; row++)
            {
                int pick = code % remaining;
                code /= remaining;
                int column = available[pick];
                available[pick] = available[remaining - 1];
                remaining--;
                product *= a[(row * n) + column];
            }

            sum += product;
        }

        return Math.Log(sum);
    }
}
