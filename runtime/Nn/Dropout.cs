namespace SharpGrad.Nn;

/// <summary>
/// <c>nn.Dropout(p)</c> with its own seeded generator: <see cref="Mask(Span{double})"/> fills the scale of each element,
/// 0 with probability p and 1 / (1 − p) otherwise while training, 1 everywhere after <see cref="Eval"/>; a model
/// multiplies with <see cref="Functional.Dropout(double, double)"/>. The same seed gives the same masks.
/// </summary>
public sealed class Dropout
{
    private readonly RandomGenerator _random;

    /// <summary>Creates the layer in training mode.</summary>
    /// <param name="p">The probability of dropping an element, in [0, 1).</param>
    /// <param name="seed">The seed of the layer's generator.</param>
    public Dropout(double p = 0.5, long seed = 0)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1).");
        }

        P = p;
        _random = new RandomGenerator(seed);
    }

    /// <summary>The probability of dropping an element.</summary>
    public double P { get; }

    /// <summary>Whether the layer drops elements (training mode, the default) or passes them through (evaluation mode).</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Switches to training mode (PyTorch: <c>module.train()</c>).</summary>
    public Dropout Train()
    {
        IsTraining = true;
        return this;
    }

    /// <summary>Switches to evaluation mode (PyTorch: <c>module.eval()</c>).</summary>
    public Dropout Eval()
    {
        IsTraining = false;
        return this;
    }

    /// <summary>Fills <paramref name="scales"/> with the next mask.</summary>
    /// <param name="scales">One scale per element.</param>
    public void Mask(Span<double> scales)
    {
        double keep = 1 / (1 - P);
        for (int i = 0; i < scales.Length; i++)
        {
            scales[i] = !IsTraining ? 1 : _random.NextDouble() < P ? 0 : keep;
        }
    }

    /// <inheritdoc cref="Mask(Span{double})"/>
    public void Mask(Span<float> scales)
    {
        float keep = (float)(1 / (1 - P));
        for (int i = 0; i < scales.Length; i++)
        {
            scales[i] = !IsTraining ? 1 : _random.NextDouble() < P ? 0 : keep;
        }
    }
}
