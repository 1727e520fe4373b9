namespace SharpGrad.Nn;

/// <summary>
/// The layers as differentiable functions (PyTorch: <c>torch.nn.functional</c>), each computing one element of a
/// layer's output for one sample from flat row-major spans, so that a <c>[Differentiable]</c> model calls them in its
/// own loop over the batch: <c>Functional.Linear(weight, bias, features.Slice(i * inputs, inputs), hidden)</c>. Every one
/// is <c>[Differentiable]</c>, compiled by SharpGrad's own generator, with a generated <c>…WithGradient</c>
/// companion; each exists in <see cref="double"/> and <see cref="float"/>. The layer classes of this namespace
/// (Linear, Conv2d, …) own the parameters, initialize them as PyTorch does and
/// check shapes at the boundary.
/// </summary>
public static partial class Functional
{
    /// <summary>
    /// <c>nn.Linear</c> of one sample: <c>output[o] = bias[o] + Σ_j weight[o, j] · input[j]</c>, with
    /// <c>input.Length</c> inputs and <c>bias.Length</c> outputs (PyTorch: <c>F.linear(input, weight, bias)</c>).
    /// Pass a batch row as <c>features.Slice(i * inputs, inputs)</c>.
    /// </summary>
    /// <param name="weight">Row-major <c>[outFeatures, inFeatures]</c>.</param>
    /// <param name="bias">One per output feature.</param>
    /// <param name="input">The input vector.</param>
    /// <param name="output">Receives the <c>bias.Length</c> outputs.</param>
    [Differentiable]
    public static void Linear(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, ReadOnlySpan<double> input, Span<double> output)
    {
        int inputs = input.Length;
        int outputs = bias.Length;
        for (int o = 0; o < outputs; o++)
        {
            double sum = bias[o];
            for (int j = 0; j < inputs; j++)
            {
                sum += weight[(o * inputs) + j] * input[j];
            }

            output[o] = sum;
        }
    }

    /// <summary>
    /// <c>nn.Conv2d</c> of one <c>[inChannels, height, width]</c> image with zero padding, into the
    /// <c>[bias.Length, outHeight, outWidth]</c> output, <c>outHeight = (height + 2·padding − kernelSize) / stride + 1</c>
    /// (PyTorch: <c>F.conv2d(x, weight, bias, stride, padding)</c>, dilation 1, groups 1).
    /// </summary>
    /// <param name="weight">Row-major <c>[outChannels, inChannels, kernelSize, kernelSize]</c>.</param>
    /// <param name="bias">One per output channel.</param>
    /// <param name="input">The image, row-major <c>[inChannels, height, width]</c>.</param>
    /// <param name="inChannels">The image's channels.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="kernelSize">The kernel's height and width.</param>
    /// <param name="stride">The step between output pixels, in input pixels.</param>
    /// <param name="padding">Zero rows and columns added on each side.</param>
    /// <param name="output">Receives <c>[outChannels, outHeight, outWidth]</c>.</param>
    [Differentiable]
    public static void Conv2d(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, ReadOnlySpan<double> input, int inChannels, int height, int width, int kernelSize, int stride, int padding, Span<double> output)
    {
        int outChannels = bias.Length;
        int outHeight = Windows.OutputSize(height, kernelSize, stride, padding);
        int outWidth = Windows.OutputSize(width, kernelSize, stride, padding);
        for (int c = 0; c < outChannels; c++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                int top = (y * stride) - padding;
                // The kernel rows that fall inside the image (the rest multiply zero padding).
                int kyStart = Windows.Start(top);
                int kyEnd = Windows.End(top, kernelSize, height);
                for (int x = 0; x < outWidth; x++)
                {
                    int left = (x * stride) - padding;
                    int kxStart = Windows.Start(left);
                    int kxEnd = Windows.End(left, kernelSize, width);
                    double sum = bias[c];
                    for (int ci = 0; ci < inChannels; ci++)
                    {
                        for (int ky = kyStart; ky < kyEnd; ky++)
                        {
                            int weightRow = ((((c * inChannels) + ci) * kernelSize) + ky) * kernelSize;
                            int inputRow = (((ci * height) + top + ky) * width) + left;
                            for (int kx = kxStart; kx < kxEnd; kx++)
                            {
                                sum += weight[weightRow + kx] * input[inputRow + kx];
                            }
                        }
                    }

                    output[(((c * outHeight) + y) * outWidth) + x] = sum;
                }
            }
        }
    }

    /// <summary>
    /// <c>nn.MaxPool2d</c> of one <c>[channels, height, width]</c> image: the largest input in each window, padding
    /// ignored (PyTorch pads with −∞); the gradient goes to the first largest element of a window, as in PyTorch.
    /// </summary>
    /// <param name="input">The image, row-major <c>[channels, height, width]</c>.</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="kernelSize">The window's height and width.</param>
    /// <param name="stride">The step between windows (PyTorch's default is the kernel size).</param>
    /// <param name="padding">Rows and columns of −∞ added on each side.</param>
    /// <param name="output">Receives <c>[channels, outHeight, outWidth]</c>, <c>outHeight = (height + 2·padding − kernelSize) / stride + 1</c>.</param>
    [Differentiable]
    public static void MaxPool2d(ReadOnlySpan<double> input, int channels, int height, int width, int kernelSize, int stride, int padding, Span<double> output)
    {
        int outHeight = Windows.OutputSize(height, kernelSize, stride, padding);
        int outWidth = Windows.OutputSize(width, kernelSize, stride, padding);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                int top = (y * stride) - padding;
                int kyStart = Windows.Start(top);
                int kyEnd = Windows.End(top, kernelSize, height);
                for (int x = 0; x < outWidth; x++)
                {
                    int left = (x * stride) - padding;
                    int kxStart = Windows.Start(left);
                    int kxEnd = Windows.End(left, kernelSize, width);
                    double best = input[(((c * height) + top + kyStart) * width) + left + kxStart];
                    for (int ky = kyStart; ky < kyEnd; ky++)
                    {
                        int row = (((c * height) + top + ky) * width) + left;
                        for (int kx = kxStart; kx < kxEnd; kx++)
                        {
                            best = Math.Max(best, input[row + kx]);
                        }
                    }

                    output[(((c * outHeight) + y) * outWidth) + x] = best;
                }
            }
        }
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
    /// <c>nn.LayerNorm</c> of one vector: <c>output[i] = (input[i] − mean) / sqrt(var + eps) · weight[i] + bias[i]</c>,
    /// with the biased variance, as PyTorch.
    /// </summary>
    /// <param name="input">The vector, <c>weight.Length</c> values.</param>
    /// <param name="weight">The per-element scale (PyTorch initializes it to ones).</param>
    /// <param name="bias">The per-element shift (zeros).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="output">Receives the normalized vector.</param>
    [Differentiable]
    public static void LayerNorm(ReadOnlySpan<double> input, ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] double eps, Span<double> output)
    {
        int n = input.Length;
        double sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += input[j];
        }

        double mean = sum / n;
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            double centered = input[j] - mean;
            squares += centered * centered;
        }

        double scale = 1 / Math.Sqrt((squares / n) + eps);
        for (int j = 0; j < n; j++)
        {
            output[j] = ((input[j] - mean) * scale * weight[j]) + bias[j];
        }
    }

    /// <summary><c>nn.ReLU</c> of a vector: <c>output[i] = max(input[i], 0)</c> (gradient 0 at 0, as PyTorch).</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void Relu(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] > 0 ? input[i] : 0;
        }
    }

    /// <summary><c>nn.Tanh</c> of a vector.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void Tanh(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Math.Tanh(input[i]);
        }
    }

    /// <summary><c>nn.Sigmoid</c> of a vector: <c>output[i] = 1 / (1 + e^(−input[i]))</c>, without overflow.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void Sigmoid(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Functions.Sigmoid(input[i]);
        }
    }

    /// <summary><c>nn.LeakyReLU(negativeSlope)</c> of a vector: <c>input[i]</c> if positive, else <c>negativeSlope · input[i]</c>.</summary>
    /// <param name="input">The values.</param>
    /// <param name="negativeSlope">The slope for negative inputs (PyTorch's default is 0.01), not differentiated.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void LeakyRelu(ReadOnlySpan<double> input, [NoGrad] double negativeSlope, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] > 0 ? input[i] : negativeSlope * input[i];
        }
    }

    /// <summary>
    /// <c>nn.GELU()</c> of a vector, PyTorch's default exact form: <c>output[i] = x · Φ(x) = x / 2 · (1 + erf(x / √2))</c>
    /// with <see cref="Functions.Erf(double)"/>.
    /// </summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void Gelu(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] / 2 * (1 + Functions.Erf(input[i] / Math.Sqrt(2)));
        }
    }

    /// <summary><c>nn.GELU(approximate='tanh')</c> of a vector: <see cref="Functions.Gelu(double)"/> element by element.</summary>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives as many values.</param>
    [Differentiable]
    public static void GeluTanh(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Functions.Gelu(input[i]);
        }
    }

    /// <summary><c>nn.Softmax(dim=-1)</c> of a vector: <c>output[i] = e^(input[i] − logsumexp(input))</c>, stable for large values.</summary>
    /// <param name="input">The logits.</param>
    /// <param name="output">Receives the probabilities.</param>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> input, Span<double> output)
    {
        double logSumExp = Functions.LogSumExp(input);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Math.Exp(input[i] - logSumExp);
        }
    }

    /// <summary><c>nn.LogSoftmax</c> of a vector: <c>output[i] = input[i] − logsumexp(input)</c>, stable for large values.</summary>
    /// <param name="input">The logits.</param>
    /// <param name="output">Receives the log-probabilities.</param>
    [Differentiable]
    public static void LogSoftmax(ReadOnlySpan<double> input, Span<double> output)
    {
        double logSumExp = Functions.LogSumExp(input);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] - logSumExp;
        }
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
    /// A label out of range is an <see cref="ArgumentOutOfRangeException"/> naming it, its index and the class count;
    /// <see cref="CheckClassIndices{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, string)"/> also rejects labels that are not whole numbers.
    /// </summary>
    /// <param name="logits">Row-major <c>[count, classes]</c> unnormalized scores.</param>
    /// <param name="labels">One class index per row (stored as a floating-point number).</param>
    [Differentiable]
    public static double CrossEntropyLoss(ReadOnlySpan<double> logits, [NoGrad] ReadOnlySpan<double> labels)
    {
        int count = labels.Length;
        int classes = Shapes.Columns(logits.Length, count, "CrossEntropyLoss", "input");
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

            int label = Shapes.ClassIndex((int)labels[n], n, classes, "CrossEntropyLoss");
            total += shift + Math.Log(sumExp) - logits[row + label];
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
        int classes = Shapes.Columns(logProbabilities.Length, count, "NLLLoss", "input");
        double total = 0;
        for (int n = 0; n < count; n++)
        {
            total -= logProbabilities[(n * classes) + Shapes.ClassIndex((int)labels[n], n, classes, "NLLLoss")];
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
