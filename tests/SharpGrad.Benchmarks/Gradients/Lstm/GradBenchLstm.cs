namespace SharpGrad.Benchmarks.Gradients.Lstm;

/// <summary>
/// GradBench's <c>lstm</c> objective (ADBench's "diagonal" LSTM log-loss), as one [Differentiable] method over
/// flat row-major spans, copied unchanged (it is user code) from tests/SharpGrad.Gradients.Tests/Catalogue; the
/// algorithm is GradBench's lstm eval (see Data/README.md).
/// </summary>
public static partial class GradBenchLstm
{
    /// <summary>
    /// The mean negative log-likelihood of each next character of <paramref name="sequence"/> under an
    /// <c>l</c>-layer LSTM whose gates act element-wise ("diagonal" weights), with b bits per character.
    /// </summary>
    /// <param name="mainParams">2l rows of 4b: row 2L the weights of layer L as [forget | ingate | outgate | change], row 2L+1 its biases.</param>
    /// <param name="extraParams">3 rows of b: in_weight, out_weight, out_bias.</param>
    /// <param name="state">2l rows of b: layer L's hidden state, then its cell state (the initial values; not changed).</param>
    /// <param name="sequence">c rows of b zeros and ones.</param>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> mainParams, ReadOnlySpan<double> extraParams, [NoGrad] ReadOnlySpan<double> state, [NoGrad] ReadOnlySpan<double> sequence)
    {
        int b = extraParams.Length / 3;
        int layers = state.Length / (2 * b);
        int characters = sequence.Length / b;

        // The state is copied, then overwritten in place at every step: the reverse sweep must restore it.
        double[] current = new double[state.Length];
        for (int i = 0; i < state.Length; i++)
        {
            current[i] = state[i];
        }

        double[] input = new double[b];
        double[] output = new double[b];
        double total = 0;
        int count = 0;
        for (int t = 0; t < characters - 1; t++)
        {
            for (int i = 0; i < b; i++)
            {
                input[i] = sequence[(t * b) + i] * extraParams[i];
            }

            for (int layer = 0; layer < layers; layer++)
            {
                int weights = 2 * layer * 4 * b;
                int biases = weights + (4 * b);
                int hidden = 2 * layer * b;
                int cell = hidden + b;
                for (int i = 0; i < b; i++)
                {
                    double forget = Functions.Sigmoid((input[i] * mainParams[weights + i]) + mainParams[biases + i]);
                    double ingate = Functions.Sigmoid((current[hidden + i] * mainParams[weights + b + i]) + mainParams[biases + b + i]);
                    double outgate = Functions.Sigmoid((input[i] * mainParams[weights + (2 * b) + i]) + mainParams[biases + (2 * b) + i]);
                    double change = Math.Tanh((current[hidden + i] * mainParams[weights + (3 * b) + i]) + mainParams[biases + (3 * b) + i]);
                    current[cell + i] = (current[cell + i] * forget) + (ingate * change);
                    current[hidden + i] = outgate * Math.Tanh(current[cell + i]);

                    // The layer's input is the previous layer's hidden state; element i is only read by element i.
                    input[i] = current[hidden + i];
                }
            }

            double sumExp = 0;
            for (int i = 0; i < b; i++)
            {
                output[i] = (input[i] * extraParams[b + i]) + extraParams[(2 * b) + i];
                sumExp += Math.Exp(output[i]);
            }

            // GradBench's normaliser: + 2 and no max shift.
            double logNormalizer = Math.Log(sumExp + 2);
            for (int i = 0; i < b; i++)
            {
                total += sequence[((t + 1) * b) + i] * (output[i] - logNormalizer);
            }

            count += b;
        }

        return -total / count;
    }
}
