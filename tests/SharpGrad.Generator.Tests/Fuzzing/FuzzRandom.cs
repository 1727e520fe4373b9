using CsCheck;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>The choices a program generator makes, drawn from CsCheck's PCG so that a seed reproduces a program.</summary>
internal sealed class FuzzRandom(PCG pcg)
{
    /// <summary>An int in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public int Int(int low, int high) => high <= low ? low : low + (int)pcg.Next((uint)(high - low + 1));

    public bool Chance(double probability) => pcg.Next() < probability * 4294967296.0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

    public T OneOf<T>(params T[] items) => items[Int(0, items.Length - 1)];

    /// <summary>One of <paramref name="choices"/>, each as likely as its weight; weights of 0 are never chosen.</summary>
    public T Weighted<T>(params (double Weight, T Value)[] choices)
    {
        double total = choices.Sum(c => c.Weight);
        double r = pcg.Next() / 4294967296.0 * total;
        foreach ((double weight, T value) in choices)
        {
            if (weight > 0 && r < weight)
            {
                return value;
            }

            r -= weight;
        }

        return choices.Last(c => c.Weight > 0).Value;
    }

    /// <summary>A value in [<paramref name="low"/>, <paramref name="high"/>], rounded to a short decimal.</summary>
    public double Real(double low, double high) => Math.Round(low + ((high - low) * (pcg.Next() / 4294967296.0)), 3);

    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Int(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
