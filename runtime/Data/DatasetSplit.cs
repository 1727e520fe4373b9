using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Random train/validation/test splits
/// (PyTorch: <c>torch.utils.data.random_split</c>; with <c>stratify</c>, scikit-learn's <c>train_test_split(..., stratify=y)</c>).
/// </summary>
/// <remarks>
/// <para>Split sizes: train gets round(n x trainFraction) samples, validation round(n x validationFraction), test the rest.
/// Rounding is to nearest, halves to even (<see cref="Math.Round(double)"/>).</para>
/// <para>Randomness comes from <c>System.Random(seed)</c> with Fisher–Yates shuffles, so a seed always gives the same
/// split; the split differs from PyTorch's or scikit-learn's for the same seed. Each split is a new
/// <see cref="ArrayDataset{T}"/> holding copies of its samples in random order.</para>
/// <para>Stratified splits keep every class's share: a class of m samples puts close to m x trainFraction in train and
/// m x validationFraction in validation (largest-remainder rounding, so the split sizes stay exactly as above).
/// Labels are read by <see cref="ClassLabels.Of{T}"/>.</para>
/// </remarks>
public static class DatasetSplit
{
    /// <summary>Splits <paramref name="dataset"/> into train, validation and test sets.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="trainFraction">Share of samples for training, in [0, 1].</param>
    /// <param name="validationFraction">Share for validation, in [0, 1]; the two fractions may sum to at most 1 and test gets the rest.</param>
    /// <param name="seed">Seed of the shuffling generator.</param>
    /// <param name="stratify">Whether each split keeps the class proportions of <paramref name="dataset"/>.</param>
    public static DatasetSplit<T> TrainValidationTest<T>(ArrayDataset<T> dataset, double trainFraction, double validationFraction, int seed, bool stratify = false)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckFraction(trainFraction, nameof(trainFraction));
        CheckFraction(validationFraction, nameof(validationFraction));
        if (trainFraction + validationFraction > 1 + 1e-9)
        {
            throw new ArgumentException($"trainFraction {trainFraction} + validationFraction {validationFraction} exceeds 1.");
        }

        int total = dataset.Count;
        int trainCount = (int)Math.Round(total * trainFraction);
        int validationCount = Math.Min((int)Math.Round(total * validationFraction), total - trainCount);
        var random = new Random(seed);
        int[][] parts = stratify
            ? StratifiedPartition.Split(ClassLabels.Of(dataset), trainCount, validationCount, trainFraction, validationFraction, random)
            : RandomParts(total, trainCount, validationCount, random);
        return new DatasetSplit<T>(dataset.Subset(parts[0]), dataset.Subset(parts[1]), dataset.Subset(parts[2]));
    }

    /// <summary>Splits <paramref name="dataset"/> into train and test sets (scikit-learn: <c>train_test_split</c>).</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="testFraction">Share of samples for testing, in [0, 1].</param>
    /// <param name="seed">Seed of the shuffling generator.</param>
    /// <param name="stratify">Whether both sets keep the class proportions of <paramref name="dataset"/>.</param>
    /// <returns>The split; its <see cref="DatasetSplit{T}.Validation"/> is empty.</returns>
    public static DatasetSplit<T> TrainTest<T>(ArrayDataset<T> dataset, double testFraction, int seed, bool stratify = false)
        where T : unmanaged, INumberBase<T>
    {
        CheckFraction(testFraction, nameof(testFraction));
        return TrainValidationTest(dataset, 1 - testFraction, 0, seed, stratify);
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, "A fraction must be in [0, 1].");
        }
    }

    private static int[][] RandomParts(int total, int trainCount, int validationCount, Random random)
    {
        int[] order = FisherYates.Permutation(total, random);
        return
        [
            order[..trainCount],
            order[trainCount..(trainCount + validationCount)],
            order[(trainCount + validationCount)..],
        ];
    }
}
