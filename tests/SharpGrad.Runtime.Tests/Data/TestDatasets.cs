using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

/// <summary>Datasets whose values reveal which sample a row came from.</summary>
internal static class TestDatasets
{
    /// <summary>Sample i has features i*featureCount + f and targets i*targetCount + t, all distinct and exact in float.</summary>
    public static ArrayDataset<T> Indexed<T>(int count, int featureCount = 3, int targetCount = 1)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var features = new T[count * featureCount];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = T.CreateChecked(i);
        }

        var targets = new T[count * targetCount];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = T.CreateChecked(i);
        }

        return new ArrayDataset<T>(features, featureCount, targets, targetCount);
    }

    /// <summary>The sample a row of an <see cref="Indexed{T}"/> dataset came from.</summary>
    public static int SampleOf<T>(ReadOnlySpan<T> featureRow)
        where T : unmanaged, System.Numerics.INumberBase<T>
        => int.CreateChecked(featureRow[0]) / featureRow.Length;

    /// <summary>The samples of one epoch, in the order the loader yields them, checking each batch's rows are intact.</summary>
    public static List<int> EpochOrder<T>(DataLoader<T> loader)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var order = new List<int>();
        foreach (Batch<T> batch in loader)
        {
            for (int row = 0; row < batch.Count; row++)
            {
                int sample = SampleOf(batch.FeaturesOf(row));
                ReadOnlySpan<T> expected = loader.Dataset.FeaturesOf(sample);
                Assert.True(batch.FeaturesOf(row).SequenceEqual(expected), $"row {row} mixes samples");
                Assert.True(batch.TargetsOf(row).SequenceEqual(loader.Dataset.TargetsOf(sample)), $"row {row}'s targets belong to another sample");
                order.Add(sample);
            }
        }

        return order;
    }

    /// <summary>A dataset whose single target is the class label given.</summary>
    public static ArrayDataset<double> Labelled(params int[] labels)
    {
        var features = new double[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            features[i] = i;
        }

        return new ArrayDataset<double>(features, 1, labels.Select(l => (double)l).ToArray(), 1);
    }
}
