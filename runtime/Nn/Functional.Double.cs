namespace SharpGrad.Nn;

/// <summary>
/// The layers as differentiable functions (PyTorch: <c>torch.nn.functional</c>), each computing one element of a
/// layer's output from flat row-major spans, so that a <c>[Differentiable]</c> model calls them inside its own
/// loops: <c>hidden[k] = Functional.Linear(weight, bias, features, offset: i * inputs, output: k)</c>. Every one
/// is <c>[Differentiable]</c>, compiled by SharpGrad's own generator, with a generated <c>…WithGradient</c>
/// companion; each exists in <see cref="double"/> and <see cref="float"/>. The layer classes of this namespace
/// (Linear, Conv2d, …) own the parameters, initialize them as PyTorch does and
/// check shapes at the boundary.
/// </summary>
/// <remarks>
/// A function returns one scalar because a <c>[Differentiable]</c> callee can only return a scalar today, and it
/// reads its input at an offset into a whole span because a callee cannot yet be passed a slice.
/// </remarks>
public static partial class Functional
{
    /// <summary>
    /// Output <paramref name="output"/> of <c>nn.Linear</c> for the input vector at <paramref name="offset"/>:
    /// <c>bias[output] + Σ_j weight[output, j] · input[offset + j]</c>, with
    /// <c>j &lt; weight.Length / bias.Length</c> (PyTorch: <c>F.linear(x, weight, bias)[output]</c>).
    /// </summary>
    /// <param name="weight">Row-major <c>[outFeatures, inFeatures]</c>.</param>
    /// <param name="bias">One per output feature.</param>
    /// <param name="input">Holds the input vector at <paramref name="offset"/> (e.g. a whole batch).</param>
    /// <param name="offset">Where the input vector starts.</param>
    /// <param name="output">The output feature wanted.</param>
    [Differentiable]
    public static double Linear(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, ReadOnlySpan<double> input, int offset, int output)
    {
        int inputs = weight.Length / bias.Length;
        double sum = bias[output];
        for (int j = 0; j < inputs; j++)
        {
            sum += weight[(output * inputs) + j] * input[offset + j];
        }

        return sum;
    }

    /// <summary>
    /// Element (<paramref name="channel"/>, <paramref name="y"/>, <paramref name="x"/>) of <c>nn.Conv2d</c>'s output
    /// for the <c>[inChannels, height, width]</c> image at <paramref name="offset"/>, with zero padding:
    /// <c>bias[c] + Σ weight[c, ci, ky, kx] · input[ci, y·stride − padding + ky, x·stride − padding + kx]</c>
    /// (PyTorch: <c>F.conv2d(x, weight, bias, stride, padding)</c>, dilation 1, groups 1).
    /// </summary>
    /// <param name="weight">Row-major <c>[outChannels, inChannels, kernelSize, kernelSize]</c>.</param>
    /// <param name="bias">One per output channel.</param>
    /// <param name="input">Holds the image at <paramref name="offset"/>.</param>
    /// <param name="offset">Where the image starts.</param>
    /// <param name="inChannels">The image's channels.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="kernelSize">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels, in input pixels.</param>
    /// <param name="padding">Zero rows and columns added on each side.</param>
    /// <param name="channel">The output channel.</param>
    /// <param name="y">The output row.</param>
    /// <param name="x">The output column.</param>
    [Differentiable]
    public static double Conv2d(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, ReadOnlySpan<double> input, int offset, int inChannels, int height, int width, int kernelSize, int stride, int padding, int channel, int y, int x)
    {
        int top = (y * stride) - padding;
        int left = (x * stride) - padding;
        // The kernel rows and columns that fall inside the image (the rest multiply zero padding).
        int kyStart = Math.Max(0, -top);
        int kyEnd = Math.Min(kernelSize, height - top);
        int kxStart = Math.Max(0, -left);
        int kxEnd = Math.Min(kernelSize, width - left);
        double sum = bias[channel];
        for (int ci = 0; ci < inChannels; ci++)
        {
            for (int ky = kyStart; ky < kyEnd; ky++)
            {
                int weightRow = ((((channel * inChannels) + ci) * kernelSize) + ky) * kernelSize;
                int inputRow = offset + (((ci * height) + top + ky) * width) + left;
                for (int kx = kxStart; kx < kxEnd; kx++)
                {
                    sum += weight[weightRow + kx] * input[inputRow + kx];
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Element (<paramref name="channel"/>, <paramref name="y"/>, <paramref name="x"/>) of <c>nn.MaxPool2d</c>'s
    /// output for the <c>[channels, height, width]</c> image at <paramref name="offset"/>: the largest input in the
    /// window, padding ignored (PyTorch pads with −∞). The gradient goes to the first largest element, as in PyTorch.
    /// </summary>
    /// <param name="input">Holds the image at <paramref name="offset"/>.</param>
    /// <param name="offset">Where the image starts.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows.</param>
    /// <param name="padding">Rows and columns of −∞ added on each side.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="y">The output row.</param>
    /// <param name="x">The output column.</param>
    [Differentiable]
    public static double MaxPool2d(ReadOnlySpan<double> input, int offset, int height, int width, int kernelSize, int stride, int padding, int channel, int y, int x)
    {
        int top = (y * stride) - padding;
        int left = (x * stride) - padding;
        int kyStart = Math.Max(0, -top);
        int kyEnd = Math.Min(kernelSize, height - top);
        int kxStart = Math.Max(0, -left);
        int kxEnd = Math.Min(kernelSize, width - left);
        int first = offset + (((channel * height) + top + kyStart) * width) + left + kxStart;
        double best = input[first];
        for (int ky = kyStart; ky < kyEnd; ky++)
        {
            int row = offset + (((channel * height) + top + ky) * width) + left;
            for (int kx = kxStart; kx < kxEnd; kx++)
            {
                best = Math.Max(best, input[row + kx]);
            }
        }

        return best;
    }

    /// <summary>
    /// Component <paramref name="component"/> of <c>nn.Embedding</c>'s vector for <paramref name="index"/>:
    /// <c>weight[index, component]</c>, with <c>weight.Length / dimension</c> rows.
    /// </summary>
    /// <param name="weight">Row-major <c>[numEmbeddings, dimension]</c>.</param>
    /// <param name="index">The token (row).</param>
    /// <param name="dimension">The embedding's width.</param>
    /// <param name="component">The component wanted.</param>
    [Differentiable]
    public static double Embedding(ReadOnlySpan<double> weight, int index, int dimension, int component) => weight[(index * dimension) + component];

    /// <summary>
    /// Element <paramref name="i"/> of <c>nn.LayerNorm</c> over the <c>weight.Length</c> values at
    /// <paramref name="offset"/>: <c>(x_i − mean) / sqrt(var + eps) · weight[i] + bias[i]</c>, with the biased
    /// variance, as PyTorch. Each call computes the mean and variance again (O(n) per element).
    /// </summary>
    /// <param name="input">Holds the vector at <paramref name="offset"/>.</param>
    /// <param name="offset">Where the vector starts.</param>
    /// <param name="weight">The per-element scale (PyTorch initializes it to ones).</param>
    /// <param name="bias">The per-element shift (zeros).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="i">The element wanted.</param>
    [Differentiable]
    public static double LayerNorm(ReadOnlySpan<double> input, int offset, ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] double eps, int i)
    {
        int n = weight.Length;
        double sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += input[offset + j];
        }

        double mean = sum / n;
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            double centered = input[offset + j] - mean;
            squares += centered * centered;
        }

        return ((input[offset + i] - mean) / Math.Sqrt((squares / n) + eps) * weight[i]) + bias[i];
    }

    /// <summary>
    /// <c>nn.Dropout</c> of one value: <paramref name="x"/> times the element's scale from
    /// the dropout mask (0 for a dropped element, 1 / (1 − p) for a kept one while training,
    /// 1 in evaluation mode).
    /// </summary>
    /// <param name="x">The value.</param>
    /// <param name="scale">Its mask scale.</param>
    [Differentiable]
    public static double Dropout(double x, [NoGrad] double scale) => x * scale;

    /// <summary>
    /// <c>nn.CrossEntropyLoss()</c> with class indices, reduction 'mean': the mean over the rows of
    /// <c>logsumexp(logits[n]) − logits[n, labels[n]]</c>, for row-major <c>[labels.Length, classes]</c> logits.
    /// Check the labels at the boundary with <see cref="CheckClassIndices{T}"/>: an index out of range here reads
    /// another row.
    /// </summary>
    /// <param name="logits">Row-major <c>[count, classes]</c> unnormalized scores.</param>
    /// <param name="labels">One class index per row (stored as a floating-point number).</param>
    [Differentiable]
    public static double CrossEntropyLoss(ReadOnlySpan<double> logits, [NoGrad] ReadOnlySpan<double> labels)
    {
        int count = labels.Length;
        int classes = logits.Length / count;
        double total = 0;
        for (int n = 0; n < count; n++)
        {
            int row = n * classes;
            // The largest logit, subtracted before exponentiating (log-sum-exp does not depend on it).
            double shift = logits[row];
            for (int c = 1; c < classes; c++)
            {
                shift = Math.Max(shift, logits[row + c]);
            }

            shift = Gradient.Stop(shift);
            double sumExp = 0;
            for (int c = 0; c < classes; c++)
            {
                sumExp += Math.Exp(logits[row + c] - shift);
            }

            total += shift + Math.Log(sumExp) - logits[row + (int)labels[n]];
        }

        return total / count;
    }

    /// <summary>
    /// <c>nn.NLLLoss()</c>, reduction 'mean': <c>−mean_n logProbabilities[n, labels[n]]</c> for row-major
    /// <c>[labels.Length, classes]</c> log-probabilities (the output of a log-softmax).
    /// </summary>
    /// <param name="logProbabilities">Row-major <c>[count, classes]</c>.</param>
    /// <param name="labels">One class index per row.</param>
    [Differentiable]
    public static double NllLoss(ReadOnlySpan<double> logProbabilities, [NoGrad] ReadOnlySpan<double> labels)
    {
        int count = labels.Length;
        int classes = logProbabilities.Length / count;
        double total = 0;
        for (int n = 0; n < count; n++)
        {
            total -= logProbabilities[(n * classes) + (int)labels[n]];
        }

        return total / count;
    }

    /// <summary><c>nn.L1Loss()</c>, reduction 'mean': <c>mean_i |prediction_i − target_i|</c> (gradient 0 where they are equal, as in PyTorch).</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, as many as the predictions.</param>
    [Differentiable]
    public static double L1Loss(ReadOnlySpan<double> prediction, [NoGrad] ReadOnlySpan<double> target)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            sum += Math.Abs(prediction[i] - target[i]);
        }

        return sum / prediction.Length;
    }

    /// <summary><c>nn.MSELoss()</c>, reduction 'mean': <c>mean_i (prediction_i − target_i)²</c>.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, as many as the predictions.</param>
    [Differentiable]
    public static double MseLoss(ReadOnlySpan<double> prediction, [NoGrad] ReadOnlySpan<double> target) => Functions.MeanSquaredError(prediction, target);

    /// <summary><c>nn.HuberLoss(delta)</c>, reduction 'mean' (see <see cref="Functions.Huber(double, double, double)"/>).</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, as many as the predictions.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear (PyTorch's default is 1).</param>
    [Differentiable]
    public static double HuberLoss(ReadOnlySpan<double> prediction, [NoGrad] ReadOnlySpan<double> target, [NoGrad] double delta) => Functions.Huber(prediction, target, delta);

    /// <summary><c>nn.BCEWithLogitsLoss()</c>, reduction 'mean': the binary cross-entropy of sigmoid(logits) against 0/1 (or probability) targets, computed stably.</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="targets">The targets, as many as the logits.</param>
    [Differentiable]
    public static double BceWithLogitsLoss(ReadOnlySpan<double> logits, [NoGrad] ReadOnlySpan<double> targets) => Functions.BinaryCrossEntropyWithLogits(logits, targets);
}
