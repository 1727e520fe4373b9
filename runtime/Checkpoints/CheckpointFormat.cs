namespace SharpGrad.Checkpoints;

/// <summary>Constants of the checkpoint format; docs/runtime/checkpoints.md describes it byte by byte.</summary>
internal static class CheckpointFormat
{
    /// <summary>The version this code writes and the only one it reads.</summary>
    public const ushort Version = 1;

    /// <summary>Magic, version, element type, element size and parameter count.</summary>
    public const int HeaderLength = 16;

    /// <summary>A SHA-256 digest of every preceding byte.</summary>
    public const int ChecksumLength = 32;

    /// <summary>A header, an empty optimizer flag and a checksum: the smallest valid file.</summary>
    public const int MinimumLength = HeaderLength + 1 + ChecksumLength;

    /// <summary>More dimensions than any real tensor, so a corrupt rank is caught before allocating.</summary>
    public const int MaximumRank = 64;

    public const byte NoOptimizerState = 0;
    public const byte OptimizerStatePresent = 1;

    /// <summary>
    /// "\x89SGRAD\r\n": the high first byte catches 7-bit transfers and the line ending catches newline
    /// translation, as PNG's signature does.
    /// </summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'S', (byte)'G', (byte)'R', (byte)'A', (byte)'D', 0x0D, 0x0A];
}
