namespace SharpGrad.Data;

/// <summary>
/// The one shuffle used across the data pipeline, so that its documentation holds everywhere: for i from n-1 down
/// to 1, swap positions i and <c>random.Next(i + 1)</c>.
/// </summary>
/// <remarks>
/// Written out rather than calling <see cref="Random.Shuffle{T}(Span{T})"/>, whose draw sequence is an
/// implementation detail of the framework; this one is part of SharpGrad's reproducibility promise.
/// </remarks>
internal static class FisherYates
{
    /// <summary>Shuffles <paramref name="values"/> in place.</summary>
    public static void Shuffle(Span<int> values, Random random)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Sets <paramref name="order"/> to 0..n-1, then shuffles it: the result depends only on the generator's state.</summary>
    public static void Permute(Span<int> order, Random random)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Shuffle(order, random);
    }

    /// <summary>A random permutation of 0..count-1.</summary>
    public static int[] Permutation(int count, Random random)
    {
        var order = new int[count];
        Permute(order, random);
        return order;
    }
}
