namespace SharpGrad.Nn;

// The float versions of Functional.Double.cs, line for line (the generator differentiates concrete types only:
// it has no generic math). Each documents itself by its double twin.
public static partial class Functional
{
    /// <inheritdoc cref="Linear(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int)"/>
    [Differentiable]
    public static float Linear(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, int offset, int output)
    {
        int inputs = weight.Length / bias.Length;
        float sum = bias[output];
        for (int j = 0; j < inputs; j++)
        {
            sum += weight[(output * inputs) + j] * input[offset + j];
        }

        return sum;
    }

    /// <inheritdoc cref="Conv2d(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int, int, int, int, int, int, int)"/>
    [Differentiable]
    public static float Conv2d(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, int offset, int inChannels, int height, int width, int kernelSize, int stride, int padding, int channel, int y, int x)
    {
        int top = (y * stride) - padding;
        int left = (x * stride) - padding;
        // The kernel rows and columns that fall inside the image (the rest multiply zero padding).
        int kyStart = Math.Max(0, -top);
        int kyEnd = Math.Min(kernelSize, height - top);
        int kxStart = Math.Max(0, -left);
        int kxEnd = Math.Min(kernelSize, width - left);
        float sum = bias[channel];
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

    /// <inheritdoc cref="MaxPool2d(ReadOnlySpan{double}, int, int, int, int, int, int, int, int, int)"/>
    [Differentiable]
    public static float MaxPool2d(ReadOnlySpan<float> input, int offset, int height, int width, int kernelSize, int stride, int padding, int channel, int y, int x)
    {
        int top = (y * stride) - padding;
        int left = (x * stride) - padding;
        int kyStart = Math.Max(0, -top);
        int kyEnd = Math.Min(kernelSize, height - top);
        int kxStart = Math.Max(0, -left);
        int kxEnd = Math.Min(kernelSize, width - left);
        int first = offset + (((channel * height) + top + kyStart) * width) + left + kxStart;
        float best = input[first];
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

    /// <inheritdoc cref="Embedding(ReadOnlySpan{double}, int, int, int)"/>
    [Differentiable]
    public static float Embedding(ReadOnlySpan<float> weight, int index, int dimension, int component) => weight[(index * dimension) + component];

    /// <inheritdoc cref="LayerNorm(ReadOnlySpan{double}, int, ReadOnlySpan{double}, ReadOnlySpan{double}, double, int)"/>
    [Differentiable]
    public static float LayerNorm(ReadOnlySpan<float> input, int offset, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, [NoGrad] float eps, int i)
    {
        int n = weight.Length;
        float sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += input[offset + j];
        }

        float mean = sum / n;
        float squares = 0;
        for (int j = 0; j < n; j++)
        {
            float centered = input[offset + j] - mean;
            squares += centered * centered;
        }

        return ((input[offset + i] - mean) / MathF.Sqrt((squares / n) + eps) * weight[i]) + bias[i];
    }

    /// <inheritdoc cref="Dropout(double, double)"/>
    [Differentiable]
    public static float Dropout(float x, [NoGrad] float scale) => x * scale;

    /// <inheritdoc cref="CrossEntropyLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float CrossEntropyLoss(ReadOnlySpan<float> logits, [NoGrad] ReadOnlySpan<float> labels)
    {
        int count = labels.Length;
        int classes = logits.Length / count;
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

            total += shift + MathF.Log(sumExp) - logits[row + (int)labels[n]];
        }

        return total / count;
    }

    /// <inheritdoc cref="NllLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float NllLoss(ReadOnlySpan<float> logProbabilities, [NoGrad] ReadOnlySpan<float> labels)
    {
        int count = labels.Length;
        int classes = logProbabilities.Length / count;
        float total = 0;
        for (int n = 0; n < count; n++)
        {
            total -= logProbabilities[(n * classes) + (int)labels[n]];
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
