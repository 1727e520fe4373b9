namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Local arrays, element writes and state overwritten in place.</summary>
public static partial class ArrayMethods
{
    /// <summary>A two-layer perceptron with a local activation array.</summary>
    [Differentiable]
    public static double Mlp(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, [NoGrad] ReadOnlySpan<double> x)
    {
        int hidden = b1.Length;
        int inputs = x.Length;
        double[] h = new double[hidden];
        for (int k = 0; k < hidden; k++)
        {
            double z = b1[k];
            for (int j = 0; j < inputs; j++)
            {
                z += w1[k * inputs + j] * x[j];
            }

            h[k] = Math.Tanh(z);
        }

        double output = 0;
        for (int k = 0; k < hidden; k++)
        {
            output += w2[k] * h[k];
        }

        return output * output;
    }

    /// <summary>A recurrent cell whose hidden state is overwritten in place at every step.</summary>
    [Differentiable]
    public static double Recurrent(ReadOnlySpan<double> w, ReadOnlySpan<double> u, [NoGrad] ReadOnlySpan<double> inputs)
    {
        int n = u.Length;
        Span<double> state = stackalloc double[n];
        for (int t = 0; t < inputs.Length; t++)
        {
            for (int i = 0; i < n; i++)
            {
                state[i] = Math.Tanh(w[i] * state[i] + u[i] * inputs[t]);
            }
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += state[i];
        }

        return total;
    }

    /// <summary>An in-place update of a differentiated span: the gradient is with respect to the values passed in.</summary>
    [Differentiable]
    public static double InPlace(Span<double> x)
    {
        for (int i = 1; i < x.Length; i++)
        {
            x[i] = x[i] * x[i - 1] + 1;
        }

        return x[x.Length - 1];
    }
}
