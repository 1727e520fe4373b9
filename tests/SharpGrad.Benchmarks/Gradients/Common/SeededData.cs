namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// Deterministic data for every workload: <see cref="Random"/> with a fixed seed, each value rounded to the nearest
/// float, so that the float and double implementations see identical inputs.
/// </summary>
public static class SeededData
{
    /// <summary><paramref name="count"/> values uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double[] Uniform(Random random, int count, double low, double high)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(low + ((high - low) * random.NextDouble()));
        }

        return values;
    }

    /// <summary>PyTorch's nn.Linear initialisation: uniform in ±1/sqrt(fan_in).</summary>
    public static double[] LinearInit(Random random, int count, int fanIn) => Uniform(random, count, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn));

    /// <summary><paramref name="count"/> integers uniform in [0, <paramref name="classes"/>).</summary>
    public static int[] Labels(Random random, int count, int classes)
    {
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
        }

        return labels;
    }
}
