namespace SharpGrad.Nn;

// The float versions of Functional.Double.cs, line for line (the generator differentiates concrete types only:
// it has no generic math), written by single-from-double.py. Each documents itself by its double twin.
public static partial class Functional
{
    /// <inheritdoc cref="Linear(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Linear(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output)
    {
        int inputs = input.Length;
        int outputs = bias.Length;
        for (int o = 0; o < outputs; o++)
        {
            float sum = bias[o];
            for (int j = 0; j < inputs; j++)
            {
                sum += weight[(o * inputs) + j] * input[j];
            }

            output[o] = sum;
        }
    }

    /// <inheritdoc cref="Conv2d(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int, int, int, Span{double})"/>
    [Differentiable]
    public static void Conv2d(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, int inChannels, int height, int width, int kernelSize, int stride, int padding, Span<float> output)
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
                    float sum = bias[c];
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

    /// <inheritdoc cref="MaxPool2d(ReadOnlySpan{double}, int, int, int, int, int, int, Span{double})"/>
    [Differentiable]
    public static void MaxPool2d(ReadOnlySpan<float> input, int channels, int height, int width, int kernelSize, int stride, int padding, Span<float> output)
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
                    float best = input[(((c * height) + top + kyStart) * width) + left + kxStart];
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

    /// <inheritdoc cref="Embedding(ReadOnlySpan{double}, int, int, int)"/>
    [Differentiable]
    public static float Embedding(ReadOnlySpan<float> weight, int index, int dimension, int component) => weight[(index * dimension) + component];

    /// <inheritdoc cref="LayerNorm(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>
    [Differentiable]
    public static void LayerNorm(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] float eps, Span<float> output)
    {
        int n = input.Length;
        float sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += input[j];
        }

        float mean = sum / n;
        float squares = 0;
        for (int j = 0; j < n; j++)
        {
            float centered = input[j] - mean;
            squares += centered * centered;
        }

        float scale = 1 / MathF.Sqrt((squares / n) + eps);
        for (int j = 0; j < n; j++)
        {
            output[j] = ((input[j] - mean) * scale * weight[j]) + bias[j];
        }
    }

    /// <inheritdoc cref="Relu(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Relu(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] > 0 ? input[i] : 0;
        }
    }

    /// <inheritdoc cref="Tanh(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Tanh(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = MathF.Tanh(input[i]);
        }
    }

    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Sigmoid(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Functions.Sigmoid(input[i]);
        }
    }

    /// <inheritdoc cref="LeakyRelu(ReadOnlySpan{double}, double, Span{double})"/>
    [Differentiable]
    public static void LeakyRelu(ReadOnlySpan<float> input, [NoGrad] float negativeSlope, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] > 0 ? input[i] : negativeSlope * input[i];
        }
    }

    /// <inheritdoc cref="Gelu(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Gelu(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] / 2 * (1 + Functions.Erf(input[i] / MathF.Sqrt(2)));
        }
    }

    /// <inheritdoc cref="GeluTanh(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void GeluTanh(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Functions.Gelu(input[i]);
        }
    }

    /// <inheritdoc cref="Softmax(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<float> input, Span<float> output)
    {
        float logSumExp = Functions.LogSumExp(input);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = MathF.Exp(input[i] - logSumExp);
        }
    }

    /// <inheritdoc cref="LogSoftmax(ReadOnlySpan{double}, Span{double})"/>
    [Differentiable]
    public static void LogSoftmax(ReadOnlySpan<float> input, Span<float> output)
    {
        float logSumExp = Functions.LogSumExp(input);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] - logSumExp;
        }
    }

    /// <inheritdoc cref="Dropout(double, double)"/>
    [Differentiable]
    public static float Dropout(float x, [NoGrad] float scale) => x * scale;

    /// <inheritdoc cref="CrossEntropyLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float CrossEntropyLoss(ReadOnlySpan<float> logits, [NoGrad] ReadOnlySpan<float> labels)
    {
        int count = labels.Length;
        int classes = Shapes.Columns(logits.Length, count, "CrossEntropyLoss", "input");
        float total = 0;
        for (int n = 0; n < count; n++)
        {
            int row = n * classes;
            // The largest logit, subtracted before exponentiating (log-sum-exp does not depend on it).
            float shift = logits[row];
            for (int c = 1; c < classes; c++)
            {
                shift = Math.Max(shift, logits[row + c]);
            }

            shift = Gradient.Stop(shift);
            float sumExp = 0;
            for (int c = 0; c < classes; c++)
            {
                sumExp += MathF.Exp(logits[row + c] - shift);
            }

            int label = Shapes.ClassIndex((int)labels[n], n, classes, "CrossEntropyLoss");
            total += shift + MathF.Log(sumExp) - logits[row + label];
        }

        return total / count;
    }

    /// <inheritdoc cref="NllLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float NllLoss(ReadOnlySpan<float> logProbabilities, [NoGrad] ReadOnlySpan<float> labels)
    {
        int count = labels.Length;
        int classes = Shapes.Columns(logProbabilities.Length, count, "NLLLoss", "input");
        float total = 0;
        for (int n = 0; n < count; n++)
        {
            total -= logProbabilities[(n * classes) + Shapes.ClassIndex((int)labels[n], n, classes, "NLLLoss")];
        }

        return total / count;
    }

    /// <inheritdoc cref="L1Loss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float L1Loss(ReadOnlySpan<float> prediction, [NoGrad] ReadOnlySpan<float> target)
    {
        float sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            sum += MathF.Abs(prediction[i] - target[i]);
        }

        return sum / prediction.Length;
    }

    /// <inheritdoc cref="MseLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float MseLoss(ReadOnlySpan<float> prediction, [NoGrad] ReadOnlySpan<float> target) => Functions.MeanSquaredError(prediction, target);

    /// <inheritdoc cref="HuberLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>
    [Differentiable]
    public static float HuberLoss(ReadOnlySpan<float> prediction, [NoGrad] ReadOnlySpan<float> target, [NoGrad] float delta) => Functions.Huber(prediction, target, delta);

    /// <inheritdoc cref="BceWithLogitsLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float BceWithLogitsLoss(ReadOnlySpan<float> logits, [NoGrad] ReadOnlySpan<float> targets) => Functions.BinaryCrossEntropyWithLogits(logits, targets);
}
