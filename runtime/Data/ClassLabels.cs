using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Reads the class label of each sample from its targets: a single integer-valued target is the class index,
/// several targets are one-hot (or scores) and the label is the index of the largest (PyTorch: <c>argmax(dim=1)</c>).
/// </summary>
public static class ClassLabels
{
    /// <summary>The class index of every sample of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">A single target is not a non-negative integer.</exception>
    public static int[] Of<T>(ArrayDataset<T> dataset) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var labels = new int[dataset.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = LabelOf(dataset.TargetsOf(i), i);
        }

        return labels;
    }

    /// <summary>The number of classes: one more than the largest label.</summary>
    public static int CountClasses(ReadOnlySpan<int> labels)
    {
        int max = -1;
        foreach (int label in labels)
        {
            max = Math.Max(max, label);
        }

        return max + 1;
    }

    private static int LabelOf<T>(ReadOnlySpan<T> targets, int sample) where T : unmanaged, INumberBase<T>
    {
        if (targets.Length == 1)
        {
            T value = targets[0];
            double number = double.CreateSaturating(value);
            if (!T.IsInteger(value) || !(number >= 0 && number <= int.MaxValue))
            {
                throw new ArgumentException($"Sample {sample} has target {value}, which is not a class index (a non-negative integer).");
            }

            return (int)number;
        }

        // Argmax; the first of equal maxima wins, as in PyTorch and NumPy.
        int best = 0;
        for (int k = 1; k < targets.Length; k++)
        {
            if (double.CreateSaturating(targets[k]) > double.CreateSaturating(targets[best]))
            {
                best = k;
            }
        }

        return best;
    }
}
