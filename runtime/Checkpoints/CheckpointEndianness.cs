namespace SharpGrad.Checkpoints;

/// <summary>Checkpoints store values as raw little-endian memory, which needs a little-endian machine.</summary>
internal static class CheckpointEndianness
{
    public static void Require()
    {
        // Every platform .NET supports today is little-endian; refuse rather than write a file others misread.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("SharpGrad checkpoints are little-endian and cannot be read or written on a big-endian machine.");
        }
    }
}
