using System.Numerics;

namespace SharpGrad.Data;

/// <summary>What <see cref="CsvLoader"/> read: the dataset and the names of its columns and classes.</summary>
public sealed class CsvData<T> where T : unmanaged, INumberBase<T>
{
    internal CsvData(ArrayDataset<T> dataset, string[] featureNames, string[] targetNames, string[] classNames)
    {
        Dataset = dataset;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        ClassNames = classNames;
    }

    /// <summary>The samples, one per data row, in file order.</summary>
    public ArrayDataset<T> Dataset { get; }

    /// <summary>The header names of the feature columns, in feature order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The header names of the target columns, in target order (the class-label column when one was given).</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Class names by index when a class-label column was read; empty otherwise.</summary>
    public IReadOnlyList<string> ClassNames { get; }
}
