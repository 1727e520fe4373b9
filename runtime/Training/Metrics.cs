using System.Numerics;

namespace SharpGrad.Training;

/// <summary>
/// Common evaluation metrics over row-major predictions and targets, computed in double precision
/// (PyTorch: the <c>reduction='mean'</c> losses of <c>torch.nn.functional</c> and torchmetrics' <c>Accuracy</c>).
/// </summary>
/// <remarks>
/// Every metric is a mean over samples, so averaging batch values weighted by batch size (as
/// <see cref="MetricRecorder"/> does) gives the metric of the whole set.
/// </remarks>
public static class Metrics
{
    /// <summary>The mean of (prediction − target)² over all elements (PyTorch: <c>F.mse_loss</c>, <c>nn.MSELoss()</c>).</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    public static double MeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, INumberBase<T>
    {
        RequireSameLength(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double difference = double.CreateChecked(predictions[i]) - double.CreateChecked(targets[i]);
            sum += difference * difference;
        }

        return sum / predictions.Length;
    }

    /// <summary>The mean of |prediction − target| over all elements (PyTorch: <c>F.l1_loss</c>, <c>nn.L1Loss()</c>).</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    public static double MeanAbsoluteError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, INumberBase<T>
    {
        RequireSameLength(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            sum += Math.Abs(double.CreateChecked(predictions[i]) - double.CreateChecked(targets[i]));
        }

        return sum / predictions.Length;
    }

    /// <summary>
    /// The fraction of samples whose predicted class, the argmax of the sample's logits (first on ties), is
    /// the target class (PyTorch: <c>(logits.argmax(1) == y).float().mean()</c>; torchmetrics: <c>Accuracy</c>).
    /// </summary>
    /// <param name="logits">Row-major scores, <c>count × classes</c>; probabilities work too.</param>
    /// <param name="targets">
    /// Either one class index per sample (<c>count</c> values, each an integer in [0, classes)) or one-hot or
    /// probability rows (<c>count × classes</c>, whose argmax is the class). With a single logit per sample
    /// the task is binary: a positive logit predicts class 1 and each target must be 0 or 1.
    /// </param>
    /// <param name="count">The number of samples.</param>
    /// <exception cref="ArgumentException">The lengths do not fit <paramref name="count"/>, or a class index is invalid.</exception>
    public static double Accuracy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int count)
        where T : unmanaged, INumberBase<T>
    {
        int classes = ClassesOf(logits, targets, count);
        int correct = 0;
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<T> row = logits.Slice(sample * classes, classes);
            int predicted = classes == 1
                ? (double.CreateChecked(row[0]) > 0 ? 1 : 0)
                : ArgMax(row);
            int expected = TargetClass(targets, sample, classes == 1 ? 2 : classes, count);
            if (predicted == expected)
            {
                correct++;
            }
        }

        return correct / (double)count;
    }

    /// <summary>
    /// The mean over samples of the cross-entropy between softmax(logits) and the target: −log softmax(z)[y]
    /// for a class index y, or −Σₖ pₖ·log softmax(z)ₖ for a probability row p
    /// (PyTorch: <c>F.cross_entropy(logits, y)</c>, <c>nn.CrossEntropyLoss()</c>, with either target form).
    /// Computed with the log-sum-exp trick, so large logits do not overflow.
    /// </summary>
    /// <param name="logits">Row-major unnormalized scores, <c>count × classes</c>.</param>
    /// <param name="targets">One class index per sample (<c>count</c> values) or probability rows (<c>count × classes</c>).</param>
    /// <param name="count">The number of samples.</param>
    /// <exception cref="ArgumentException">The lengths do not fit <paramref name="count"/>, or a class index is invalid.</exception>
    public static double CrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int count)
        where T : unmanaged, INumberBase<T>
    {
        int classes = ClassesOf(logits, targets, count);
        bool probabilityTargets = targets.Length != count;
        double total = 0;
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<T> row = logits.Slice(sample * classes, classes);
            double logSumExp = LogSumExp(row);
            if (probabilityTargets)
            {
                ReadOnlySpan<T> probabilities = targets.Slice(sample * classes, classes);
                for (int k = 0; k < classes; k++)
                {
                    total += double.CreateChecked(probabilities[k]) * (logSumExp - double.CreateChecked(row[k]));
                }
            }
            else
            {
                int target = TargetClass(targets, sample, classes, count);
                total += logSumExp - double.CreateChecked(row[target]);
            }
        }

        return total / count;
    }

    private static void RequireSameLength<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
    {
        if (predictions.Length != targets.Length)
        {
            throw new ArgumentException($"There are {predictions.Length} predictions but {targets.Length} targets; they must match one to one.", nameof(targets));
        }

        if (predictions.IsEmpty)
        {
            throw new ArgumentException("A metric needs at least one prediction.", nameof(predictions));
        }
    }

    private static int ClassesOf<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (logits.IsEmpty || logits.Length % count != 0)
        {
            throw new ArgumentException($"There are {logits.Length} logits, which is not {count} samples times a positive number of classes.", nameof(logits));
        }

        int classes = logits.Length / count;
        if (targets.Length != count && targets.Length != logits.Length)
        {
            throw new ArgumentException($"There are {targets.Length} targets; {count} samples of {classes} classes need either {count} class indices or {logits.Length} one-hot or probability values.", nameof(targets));
        }

        return classes;
    }

    private static int TargetClass<T>(ReadOnlySpan<T> targets, int sample, int classes, int count)
        where T : unmanaged, INumberBase<T>
    {
        if (targets.Length != count)
        {
            return ArgMax(targets.Slice(sample * classes, classes));
        }

        double value = double.CreateChecked(targets[sample]);
        if (!(value >= 0 && value < classes && value == Math.Floor(value)))
        {
            throw new ArgumentException($"targets[{sample}] is {value}, which is not a class index in [0, {classes}).", nameof(targets));
        }

        return (int)value;
    }

    private static int ArgMax<T>(ReadOnlySpan<T> row)
        where T : unmanaged, INumberBase<T>
    {
        int best = 0;
        double bestValue = double.CreateChecked(row[0]);
        for (int k = 1; k < row.Length; k++)
        {
            double value = double.CreateChecked(row[k]);
            if (value > bestValue)
            {
                best = k;
                bestValue = value;
            }
        }

        return best;
    }

    // log Σ exp(z) = max + log Σ exp(z − max): the largest term becomes exp(0), so nothing overflows.
    private static double LogSumExp<T>(ReadOnlySpan<T> row)
        where T : unmanaged, INumberBase<T>
    {
        double max = double.NegativeInfinity;
        foreach (T value in row)
        {
            max = Math.Max(max, double.CreateChecked(value));
        }

        double sum = 0;
        foreach (T value in row)
        {
            sum += Math.Exp(double.CreateChecked(value) - max);
        }

        return max + Math.Log(sum);
    }
}
