namespace SharpGrad;

/// <summary>
/// The 256-bit state of a <see cref="RandomGenerator"/> (xoshiro256**'s four 64-bit words, in the algorithm's
/// order): everything needed to continue its sequence. Checkpoints store it; see <see cref="RandomGenerator.GetState"/>.
/// </summary>
/// <param name="S0">Word 0.</param>
/// <param name="S1">Word 1.</param>
/// <param name="S2">Word 2.</param>
/// <param name="S3">Word 3.</param>
public readonly record struct RandomGeneratorState(ulong S0, ulong S1, ulong S2, ulong S3)
{
    /// <summary>Whether every word is zero: the one state xoshiro256** cannot use.</summary>
    public bool IsZero => (S0 | S1 | S2 | S3) == 0;
}
