namespace SharpGrad.Checkpoints;

/// <summary>Constants of the checkpoint format; docs/runtime/checkpoints.md describes it byte by byte.</summary>
internal static class CheckpointFormat
{
    /// <summary>The version this code writes: 2 added the scheduler, position, generator and metadata sections.</summary>
    public const ushort Version = 2;

    /// <summary>The oldest version this code reads; every version from it to <see cref="Version"/> is read.</summary>
    public const ushort OldestReadableVersion = 1;

    /// <summary>Magic, version, element type, element size and parameter count.</summary>
    public const int HeaderLength = 16;

    /// <summary>A SHA-256 digest of every preceding byte.</summary>
    public const int ChecksumLength = 32;

    /// <summary>
    /// The smallest valid file of a version: a header, an empty optimizer flag, for version 2 the empty extra
    /// sections (scheduler, epoch and step flags, generator and metadata counts), and a checksum.
    /// </summary>
    public static int MinimumLength(int version) => HeaderLength + 1 + (version >= 2 ? 3 + 4 + 4 : 0) + ChecksumLength;

    /// <summary>More dimensions than any real tensor, so a corrupt rank is caught before allocating.</summary>
    public const int MaximumRank = 64;

    public const byte NoOptimizerState = 0;
    public const byte OptimizerStatePresent = 1;

    /// <summary>The flag of an optional section or value (scheduler, epoch, step): absent or present.</summary>
    public const byte Absent = 0;
    public const byte Present = 1;

    /// <summary>xoshiro256** keeps four 64-bit words.</summary>
    public const int GeneratorWords = 4;

    /// <summary>
    /// "\x89SGRAD\r\n": the high first byte catches 7-bit transfers and the line ending catches newline
    /// translation, as PNG's signature does.
    /// </summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'S', (byte)'G', (byte)'R', (byte)'A', (byte)'D', 0x0D, 0x0A];
}
