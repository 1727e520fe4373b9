using System.Buffers.Binary;
using System.Numerics;

namespace SharpGrad;

/// <summary>
/// A seeded random generator whose state can be read and restored (PyTorch: <c>torch.Generator</c> with
/// <c>manual_seed</c>, <c>get_state</c> and <c>set_state</c>), so that a run resumed from a checkpoint draws the
/// same numbers as one that never stopped. It is a <see cref="Random"/>, so it goes wherever one is taken
/// (<see cref="Init"/>, your own code).
/// </summary>
/// <remarks>
/// <para>
/// The algorithm is xoshiro256** (Blackman and Vigna, 2018), 256 bits of state, seeded by expanding the 64-bit
/// seed with SplitMix64, as its authors recommend. Every method is defined here, in terms of
/// <see cref="NextUInt64"/>, so the sequence for a seed is part of SharpGrad's reproducibility promise and does
/// not change with the .NET version: bounded integers use Lemire's multiply-and-reject method (unbiased),
/// <see cref="NextDouble"/> takes the top 53 bits and <see cref="NextSingle"/> the top 24.
/// </para>
/// <para>Not thread-safe, like <see cref="Random"/> created with a seed. The numbers differ from PyTorch's for the same seed.</para>
/// </remarks>
public sealed class RandomGenerator : Random
{
    /// <summary>The name of the algorithm, as checkpoints record it.</summary>
    public const string Algorithm = "xoshiro256**";

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a seed; the same seed always gives the same sequence.</summary>
    /// <param name="seed">Any value; negative seeds are as good as positive ones.</param>
    public RandomGenerator(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator that continues from <paramref name="state"/> (see <see cref="GetState"/>).</summary>
    /// <exception cref="ArgumentException">The state is all zeros, which xoshiro256** can never leave.</exception>
    public RandomGenerator(RandomGeneratorState state)
        : this(0)
    {
        SetState(state);
    }

    /// <summary>A snapshot of the generator's position in its sequence (PyTorch: <c>generator.get_state()</c>).</summary>
    public RandomGeneratorState GetState() => new(_s0, _s1, _s2, _s3);

    /// <summary>Moves the generator to <paramref name="state"/>, so it draws what it drew after that snapshot (PyTorch: <c>generator.set_state()</c>).</summary>
    /// <exception cref="ArgumentException">The state is all zeros, which xoshiro256** can never leave; the generator is unchanged.</exception>
    public void SetState(RandomGeneratorState state)
    {
        if (state.IsZero)
        {
            throw new ArgumentException("A xoshiro256** state of all zeros would only ever produce zeros; no generator reaches it, so it was not saved by one.", nameof(state));
        }

        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }

    /// <summary>The next 64 random bits: one step of xoshiro256**.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A value in [0, <see cref="int.MaxValue"/>).</summary>
    public override int Next()
    {
        while (true)
        {
            // The top 31 bits, redrawn in the one case int.MaxValue that the contract excludes.
            ulong value = NextUInt64() >> 33;
            if (value != int.MaxValue)
            {
                return (int)value;
            }
        }
    }

    /// <summary>A value in [0, <paramref name="maxValue"/>); 0 when <paramref name="maxValue"/> is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative.</exception>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((uint)maxValue);
    }

    /// <summary>A value in [<paramref name="minValue"/>, <paramref name="maxValue"/>); <paramref name="minValue"/> when they are equal.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValue"/> is greater than <paramref name="maxValue"/>.</exception>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + NextBelow((uint)((long)maxValue - minValue)));
    }

    /// <summary>A value in [0, <see cref="long.MaxValue"/>).</summary>
    public override long NextInt64()
    {
        while (true)
        {
            ulong value = NextUInt64() >> 1;
            if (value != long.MaxValue)
            {
                return (long)value;
            }
        }
    }

    /// <summary>A value in [0, <paramref name="maxValue"/>); 0 when <paramref name="maxValue"/> is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative.</exception>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    /// <summary>A value in [<paramref name="minValue"/>, <paramref name="maxValue"/>); <paramref name="minValue"/> when they are equal.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValue"/> is greater than <paramref name="maxValue"/>.</exception>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (long)((ulong)minValue + NextBelow((ulong)maxValue - (ulong)minValue));
    }

    /// <summary>A value in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2^-53.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A value in [0, 1): the top 24 bits of <see cref="NextUInt64"/> times 2^-24.</summary>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Fills <paramref name="buffer"/> with random bytes, eight per <see cref="NextUInt64"/>, little-endian.</summary>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes, eight per <see cref="NextUInt64"/>, little-endian.</summary>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[sizeof(ulong)..];
        }

        if (!buffer.IsEmpty)
        {
            Span<byte> last = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(last, NextUInt64());
            last[..buffer.Length].CopyTo(buffer);
        }
    }

    /// <summary>The same as <see cref="NextDouble"/>, for code that derives from <see cref="Random"/>'s protocol.</summary>
    protected override double Sample() => NextDouble();

    // Lemire, "Fast random integer generation in an interval" (2019): the high half of a 64x32-bit product is
    // uniform in [0, bound) once the few low halves below 2^32 mod bound are rejected.
    private uint NextBelow(uint bound)
    {
        ulong product = (NextUInt64() >> 32) * bound;
        uint low = (uint)product;
        if (low < bound)
        {
            uint threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                product = (NextUInt64() >> 32) * bound;
                low = (uint)product;
            }
        }

        return (uint)(product >> 32);
    }

    // The same with a 64x64-bit product.
    private ulong NextBelow(ulong bound)
    {
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
