using System.Runtime.InteropServices;

namespace SharpGrad.Data;

/// <summary>Divides sample indices into train, validation and test so that every class keeps its share.</summary>
internal static class StratifiedPartition
{
    /// <summary>The indices of each part, each part in random order.</summary>
    /// <param name="labels">The class label of every sample.</param>
    /// <param name="trainCount">Exact size of the train part.</param>
    /// <param name="validationCount">Exact size of the validation part; test gets the rest.</param>
    /// <param name="trainFraction">Share of each class that should go to train.</param>
    /// <param name="validationFraction">Share of each class that should go to validation.</param>
    /// <param name="random">The split's generator.</param>
    public static int[][] Split(int[] labels, int trainCount, int validationCount, double trainFraction, double validationFraction, Random random)
    {
        // Samples of each present class, classes in label order, samples in random order. A dictionary, not an
        // array indexed by label, so that sparse labels (say 0 and 1000) cost nothing.
        var byLabel = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!byLabel.TryGetValue(labels[i], out List<int>? samplesOfLabel))
            {
                samplesOfLabel = [];
                byLabel.Add(labels[i], samplesOfLabel);
            }

            samplesOfLabel.Add(i);
        }

        List<int>[] members = [.. byLabel.Values];
        int classCount = members.Length;
        var sizes = new int[classCount];
        for (int c = 0; c < classCount; c++)
        {
            sizes[c] = members[c].Count;
            FisherYates.Shuffle(CollectionsMarshal.AsSpan(members[c]), random);
        }

        // How many of each class go to train, then to validation; test takes what is left of each class.
        int[] trainPerClass = Apportion(trainCount, sizes, sizes, trainFraction);
        var remaining = new int[classCount];
        for (int c = 0; c < classCount; c++)
        {
            remaining[c] = sizes[c] - trainPerClass[c];
        }

        int[] validationPerClass = Apportion(validationCount, sizes, remaining, validationFraction);

        var train = new List<int>(trainCount);
        var validation = new List<int>(validationCount);
        var test = new List<int>(labels.Length - trainCount - validationCount);
        for (int c = 0; c < classCount; c++)
        {
            ReadOnlySpan<int> samples = CollectionsMarshal.AsSpan(members[c]);
            int trainEnd = trainPerClass[c];
            int validationEnd = trainEnd + validationPerClass[c];
            train.AddRange(samples[..trainEnd]);
            validation.AddRange(samples[trainEnd..validationEnd]);
            test.AddRange(samples[validationEnd..]);
        }

        // Classes were appended one after another; mix them so no split is sorted by class.
        int[][] parts = [train.ToArray(), validation.ToArray(), test.ToArray()];
        foreach (int[] part in parts)
        {
            FisherYates.Shuffle(part, random);
        }

        return parts;
    }

    // Largest-remainder apportionment: gives each class floor(size x fraction), capped by what it has left, then hands
    // the seats still missing to the classes with the largest fractional parts (ties to the lower class index).
    // The floors sum to at most size x fraction, so they never exceed the seats, and the classes have at least
    // 'seats' samples available, so the loop always fills them.
    private static int[] Apportion(int seats, int[] sizes, int[] available, double fraction)
    {
        int classCount = sizes.Length;
        var counts = new int[classCount];
        int given = 0;
        for (int c = 0; c < classCount; c++)
        {
            counts[c] = Math.Min((int)Math.Floor(sizes[c] * fraction), available[c]);
            given += counts[c];
        }

        int[] byRemainder = Enumerable.Range(0, classCount)
            .OrderByDescending(c => (sizes[c] * fraction) - Math.Floor(sizes[c] * fraction))
            .ThenBy(c => c)
            .ToArray();

        // Normally one pass suffices; further passes only matter when caps by 'available' left seats over.
        while (given < seats)
        {
            bool progressed = false;
            foreach (int c in byRemainder)
            {
                if (given == seats)
                {
                    break;
                }

                if (counts[c] < available[c])
                {
                    counts[c]++;
                    given++;
                    progressed = true;
                }
            }

            if (!progressed)
            {
                break;
            }
        }

        return counts;
    }
}
