namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Whole models and objectives, each the kind of loss a user trains: the end-to-end gradient tests.</summary>
public static partial class ModelMethods
{
    /// <summary>Softmax cross-entropy written out: max-shifted (the shift through Gradient.Stop), then log-sum-exp minus the target logit.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(ReadOnlySpan<double> logits, int target)
    {
        double largest = logits[0];
        for (int i = 1; i < logits.Length; i++)
        {
            largest = Math.Max(largest, logits[i]);
        }

        double shift = Gradient.Stop(largest);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += Math.Exp(logits[i] - shift);
        }

        return shift + Math.Log(sum) - logits[target];
    }

    /// <summary>log(sum_i e^v_i) by hand, the max found with an if in the loop and stopped.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double largest = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > largest)
            {
                largest = v[i];
            }
        }

        double shift = Gradient.Stop(largest);
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Exp(v[i] - shift);
        }

        return Math.Log(sum) + shift;
    }

    /// <summary>
    /// A linear softmax classifier's mean cross-entropy over a batch: the logits of each sample go into one
    /// local array, overwritten sample after sample and passed whole to <see cref="Functions.SoftmaxCrossEntropy(ReadOnlySpan{double}, int)"/>.
    /// </summary>
    [Differentiable]
    public static double SoftmaxClassifier(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, ReadOnlySpan<int> labels)
    {
        int classes = bias.Length;
        int inputs = weight.Length / classes;
        int samples = labels.Length;
        double[] logits = new double[classes];
        double total = 0;
        for (int n = 0; n < samples; n++)
        {
            for (int c = 0; c < classes; c++)
            {
                double z = bias[c];
                for (int j = 0; j < inputs; j++)
                {
                    z += weight[(c * inputs) + j] * features[(n * inputs) + j];
                }

                logits[c] = z;
            }

            total += Functions.SoftmaxCrossEntropy(logits, labels[n]);
        }

        return total / samples;
    }

    /// <summary>
    /// A two-layer perceptron classifier: hidden = gelu(W1 x + b1), logits = W2 hidden + b2, mean softmax
    /// cross-entropy, with both activation arrays local and overwritten for every sample.
    /// </summary>
    [Differentiable]
    public static double TwoLayerPerceptron(
        ReadOnlySpan<double> w1,
        ReadOnlySpan<double> b1,
        ReadOnlySpan<double> w2,
        ReadOnlySpan<double> b2,
        [NoGrad] ReadOnlySpan<double> features,
        ReadOnlySpan<int> labels)
    {
        int hidden = b1.Length;
        int classes = b2.Length;
        int inputs = w1.Length / hidden;
        int samples = labels.Length;
        Span<double> activation = stackalloc double[hidden];
        double[] logits = new double[classes];
        double total = 0;
        for (int n = 0; n < samples; n++)
        {
            for (int k = 0; k < hidden; k++)
            {
                double z = b1[k];
                for (int j = 0; j < inputs; j++)
                {
                    z += w1[(k * inputs) + j] * features[(n * inputs) + j];
                }

                activation[k] = Functions.Gelu(z);
            }

            for (int c = 0; c < classes; c++)
            {
                double z = b2[c];
                for (int k = 0; k < hidden; k++)
                {
                    z += w2[(c * hidden) + k] * activation[k];
                }

                logits[c] = z;
            }

            total += Functions.SoftmaxCrossEntropy(logits, labels[n]);
        }

        return total / samples;
    }

    /// <summary>
    /// An Elman recurrent network over a sequence, h = tanh(W h + U x_t + b), read out as v . h and scored by
    /// squared error at every step. The state is overwritten in place each step (through a second local array,
    /// since every new element reads the whole old state).
    /// </summary>
    [Differentiable]
    public static double RecurrentSequence(
        ReadOnlySpan<double> recurrent,
        ReadOnlySpan<double> input,
        ReadOnlySpan<double> bias,
        ReadOnlySpan<double> readout,
        [NoGrad] ReadOnlySpan<double> sequence,
        [NoGrad] ReadOnlySpan<double> targets)
    {
        int units = bias.Length;
        int inputs = input.Length / units;
        int steps = targets.Length;
        double[] state = new double[units];
        Span<double> next = stackalloc double[units];
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < units; i++)
            {
                double z = bias[i];
                for (int j = 0; j < units; j++)
                {
                    z += recurrent[(i * units) + j] * state[j];
                }

                for (int j = 0; j < inputs; j++)
                {
                    z += input[(i * inputs) + j] * sequence[(t * inputs) + j];
                }

                next[i] = Math.Tanh(z);
            }

            double prediction = 0;
            for (int i = 0; i < units; i++)
            {
                state[i] = next[i];
                prediction += readout[i] * state[i];
            }

            double error = prediction - targets[t];
            loss += error * error;
        }

        return loss / steps;
    }

    /// <summary>
    /// The log-likelihood of points under a mixture of K axis-aligned Gaussians in D dimensions, with respect
    /// to the means (K x D), log standard deviations (K x D) and mixture logits (K): sum over points of
    /// logsumexp_k(log pi_k + log N(x | mu_k, sigma_k)), log pi = log_softmax(logits).
    /// </summary>
    [Differentiable]
    public static double GaussianMixtureLogLikelihood(
        ReadOnlySpan<double> means,
        ReadOnlySpan<double> logStds,
        ReadOnlySpan<double> mixtureLogits,
        [NoGrad] ReadOnlySpan<double> points)
    {
        int components = mixtureLogits.Length;
        int dimensions = means.Length / components;
        int count = points.Length / dimensions;
        double logNormalizer = Functions.LogSumExp(mixtureLogits);
        double[] componentLog = new double[components];
        double total = 0;
        for (int n = 0; n < count; n++)
        {
            for (int k = 0; k < components; k++)
            {
                double log = mixtureLogits[k] - logNormalizer;
                for (int d = 0; d < dimensions; d++)
                {
                    int at = (k * dimensions) + d;
                    double z = (points[(n * dimensions) + d] - means[at]) * Math.Exp(-logStds[at]);
                    log += (-0.5 * z * z) - logStds[at] - (0.5 * Math.Log(2 * Math.PI));
                }

                componentLog[k] = log;
            }

            total += Functions.LogSumExp(componentLog);
        }

        return total;
    }

    /// <summary>
    /// A damped oscillator x'' = -k x - c x' integrated by classical Runge-Kutta 4 with a fixed step, returning
    /// wx x(T) + wv v(T) (choose the weights to read either component of the final state).
    /// </summary>
    [Differentiable(nameof(stiffness), nameof(damping), nameof(x0), nameof(v0))]
    public static double DampedOscillatorRk4(double stiffness, double damping, double x0, double v0, double dt, int steps, double wx, double wv)
    {
        double x = x0;
        double v = v0;
        for (int s = 0; s < steps; s++)
        {
            double k1x = v;
            double k1v = (-stiffness * x) - (damping * v);

            double x2 = x + (0.5 * dt * k1x);
            double v2 = v + (0.5 * dt * k1v);
            double k2x = v2;
            double k2v = (-stiffness * x2) - (damping * v2);

            double x3 = x + (0.5 * dt * k2x);
            double v3 = v + (0.5 * dt * k2v);
            double k3x = v3;
            double k3v = (-stiffness * x3) - (damping * v3);

            double x4 = x + (dt * k3x);
            double v4 = v + (dt * k3v);
            double k4x = v4;
            double k4v = (-stiffness * x4) - (damping * v4);

            x += dt / 6 * (k1x + (2 * k2x) + (2 * k3x) + k4x);
            v += dt / 6 * (k1v + (2 * k2v) + (2 * k3v) + k4v);
        }

        return (wx * x) + (wv * v);
    }
}

internal static class ModelCases
{
    public const int Inputs = 3, Hidden = 5, Classes = 4, Samples = 6;
    public const int Units = 3, SequenceInputs = 2, Steps = 7;
    public const int Components = 3, Dimensions = 2, Points = 10;
    public const double TimeStep = 0.05;
    public const int IntegrationSteps = 60;

    /// <summary>Labels for <see cref="Samples"/> samples, every class present.</summary>
    public static readonly int[] Labels = [0, 3, 1, 2, 3, 0];

    public static GradientCase SoftmaxCrossEntropy { get; } = Cases.OfSpan(
        "ModelMethods.SoftmaxCrossEntropy", Classes, v => ModelMethods.SoftmaxCrossEntropy(v, 2), (v, g, seed) => ModelMethods.SoftmaxCrossEntropyWithGradient(v, 2, g, seed), Domains.Signed(Classes, 0.2, 20));

    public static GradientCase LogSumExp { get; } = Cases.OfSpan(
        "ModelMethods.LogSumExp", 6, v => ModelMethods.LogSumExp(v), (v, g, seed) => ModelMethods.LogSumExpWithGradient(v, g, seed), Domains.Signed(6, 0.2, 20));

    public static GradientCase SoftmaxClassifier { get; } = Cases.Of(
        "ModelMethods.SoftmaxClassifier",
        Domains.Signed((Classes * Inputs) + Classes + (Samples * Inputs)),
        p => ModelMethods.SoftmaxClassifier(p.AsSpan(0, Classes * Inputs), p.AsSpan(Classes * Inputs, Classes), p.AsSpan((Classes * Inputs) + Classes), Labels),
        (p, g, seed) => ModelMethods.SoftmaxClassifierWithGradient(
            p.AsSpan(0, Classes * Inputs), p.AsSpan(Classes * Inputs, Classes), p.AsSpan((Classes * Inputs) + Classes), Labels,
            g.AsSpan(0, Classes * Inputs), g.AsSpan(Classes * Inputs, Classes), seed),
        differentiated: (Classes * Inputs) + Classes);

    public static GradientCase TwoLayerPerceptron { get; } = Cases.Of(
        "ModelMethods.TwoLayerPerceptron",
        Domains.Concat(Domains.Signed((Hidden * Inputs) + Hidden + (Classes * Hidden) + Classes, 0.1, 1.0), Domains.Signed(Samples * Inputs)),
        p =>
        {
            var (w1, b1, w2, b2, x) = SplitPerceptron(p);
            return ModelMethods.TwoLayerPerceptron(w1, b1, w2, b2, x, Labels);
        },
        (p, g, seed) =>
        {
            var (w1, b1, w2, b2, x) = SplitPerceptron(p);
            var (gw1, gb1, gw2, gb2, _) = SplitPerceptron(g);
            return ModelMethods.TwoLayerPerceptronWithGradient(w1, b1, w2, b2, x, Labels, gw1, gb1, gw2, gb2, seed);
        },
        differentiated: (Hidden * Inputs) + Hidden + (Classes * Hidden) + Classes);

    public static GradientCase RecurrentSequence { get; } = Cases.Of(
        "ModelMethods.RecurrentSequence",
        Domains.Concat(Domains.Signed((Units * Units) + (Units * SequenceInputs) + Units + Units, 0.1, 0.9), Domains.Signed((Steps * SequenceInputs) + Steps)),
        p =>
        {
            var (w, u, b, v, x, y) = SplitRecurrent(p);
            return ModelMethods.RecurrentSequence(w, u, b, v, x, y);
        },
        (p, g, seed) =>
        {
            var (w, u, b, v, x, y) = SplitRecurrent(p);
            var (gw, gu, gb, gv, _, _) = SplitRecurrent(g);
            return ModelMethods.RecurrentSequenceWithGradient(w, u, b, v, x, y, gw, gu, gb, gv, seed);
        },
        differentiated: (Units * Units) + (Units * SequenceInputs) + Units + Units);

    public static GradientCase GaussianMixture { get; } = Cases.Of(
        "ModelMethods.GaussianMixtureLogLikelihood",
        Domains.Concat(
            Domains.Concat(Domains.Signed(Components * Dimensions, 0.1, 2), Domains.Signed(Components * Dimensions, 0.05, 0.7)),
            Domains.Concat(Domains.Signed(Components), Domains.Signed(Points * Dimensions, 0.1, 3))),
        p =>
        {
            var (means, logStds, logits, points) = SplitMixture(p);
            return ModelMethods.GaussianMixtureLogLikelihood(means, logStds, logits, points);
        },
        (p, g, seed) =>
        {
            var (means, logStds, logits, points) = SplitMixture(p);
            var (gm, gs, gl, _) = SplitMixture(g);
            return ModelMethods.GaussianMixtureLogLikelihoodWithGradient(means, logStds, logits, points, gm, gs, gl, seed);
        },
        differentiated: (2 * Components * Dimensions) + Components);

    /// <summary>Stiffness in [1, 9], damping in [0.1, 1], any initial state; reads x(T) + 0.5 v(T).</summary>
    public static GradientCase DampedOscillator { get; } = Cases.Of(
        "ModelMethods.DampedOscillatorRk4",
        Domains.Each(Domains.Value(1, 9), Domains.Value(0.1, 1), Domains.SignedValue(), Domains.SignedValue()),
        p => ModelMethods.DampedOscillatorRk4(p[0], p[1], p[2], p[3], TimeStep, IntegrationSteps, 1, 0.5),
        (p, g, seed) => ModelMethods.DampedOscillatorRk4WithGradient(p[0], p[1], p[2], p[3], TimeStep, IntegrationSteps, 1, 0.5, ref g[0], ref g[1], ref g[2], ref g[3], seed));

    public static IEnumerable<GradientCase> All => [SoftmaxCrossEntropy, LogSumExp, SoftmaxClassifier, TwoLayerPerceptron, RecurrentSequence, GaussianMixture, DampedOscillator];

    private static (ArraySegment<double> W1, ArraySegment<double> B1, ArraySegment<double> W2, ArraySegment<double> B2, ArraySegment<double> X) SplitPerceptron(double[] p)
    {
        ArraySegment<double>[] parts = Split(p, Hidden * Inputs, Hidden, Classes * Hidden, Classes, Samples * Inputs);
        return (parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    private static (ArraySegment<double> W, ArraySegment<double> U, ArraySegment<double> B, ArraySegment<double> V, ArraySegment<double> X, ArraySegment<double> Y) SplitRecurrent(double[] p)
    {
        ArraySegment<double>[] parts = Split(p, Units * Units, Units * SequenceInputs, Units, Units, Steps * SequenceInputs, Steps);
        return (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    private static (ArraySegment<double> Means, ArraySegment<double> LogStds, ArraySegment<double> Logits, ArraySegment<double> Points) SplitMixture(double[] p)
    {
        ArraySegment<double>[] parts = Split(p, Components * Dimensions, Components * Dimensions, Components, Points * Dimensions);
        return (parts[0], parts[1], parts[2], parts[3]);
    }

    /// <summary>Consecutive views of <paramref name="p"/> (not copies: gradient buffers are written through them); parts past its end are empty.</summary>
    private static ArraySegment<double>[] Split(double[] p, params int[] sizes)
    {
        var parts = new ArraySegment<double>[sizes.Length];
        int at = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            int start = Math.Min(at, p.Length);
            parts[i] = new ArraySegment<double>(p, start, Math.Min(sizes[i], p.Length - start));
            at += sizes[i];
        }

        return parts;
    }
}
