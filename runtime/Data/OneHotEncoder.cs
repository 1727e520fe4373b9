using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Turns a class-index target into a one-hot target row: class k of K becomes K values, 1 at position k
/// (PyTorch: <c>torch.nn.functional.one_hot(labels, num_classes)</c>; scikit-learn: <c>OneHotEncoder</c> on the labels).
/// </summary>
/// <remarks>
/// Fit on the training split (the class count is its largest label + 1) or give the class count, then transform
/// every split; a label the encoder does not know is an error, never a silently wider row (scikit-learn's
/// <c>handle_unknown='error'</c>). <see cref="Transform"/> returns a new dataset sharing the features; the input is unchanged.
/// </remarks>
public sealed class OneHotEncoder<T> where T : unmanaged, INumberBase<T>
{
    /// <summary>Creates an encoder for <paramref name="classCount"/> classes, labelled 0 to classCount - 1.</summary>
    public OneHotEncoder(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ClassCount = classCount;
    }

    /// <summary>The number of classes, the width of each encoded target row.</summary>
    public int ClassCount { get; }

    /// <summary>An encoder for the classes of <paramref name="train"/>: its largest label + 1.</summary>
    /// <exception cref="ArgumentException">A target is not a single non-negative integer, or the dataset is empty.</exception>
    public static OneHotEncoder<T> Fit(ArrayDataset<T> train)
    {
        int[] labels = LabelsOf(train);
        if (labels.Length == 0)
        {
            throw new ArgumentException("OneHotEncoder.Fit needs at least one sample.", nameof(train));
        }

        return new OneHotEncoder<T>(ClassLabels.CountClasses(labels));
    }

    /// <summary>A new dataset whose targets are one-hot rows of <see cref="ClassCount"/> values, with the same features.</summary>
    /// <exception cref="ArgumentException">A target is not a single class index below <see cref="ClassCount"/>.</exception>
    public ArrayDataset<T> Transform(ArrayDataset<T> dataset)
    {
        int[] labels = LabelsOf(dataset);
        var targets = new T[labels.Length * ClassCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount)
            {
                throw new ArgumentException($"Sample {i} has class {labels[i]}, but the encoder knows {ClassCount} classes (0 to {ClassCount - 1}).", nameof(dataset));
            }

            targets[(i * ClassCount) + labels[i]] = T.One;
        }

        return dataset.WithTargets(targets, ClassCount);
    }

    private static int[] LabelsOf(ArrayDataset<T> dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.TargetCount != 1)
        {
            throw new ArgumentException($"OneHotEncoder expects one class-index target per sample, but the dataset has {dataset.TargetCount}.", nameof(dataset));
        }

        return ClassLabels.Of(dataset);
    }
}
