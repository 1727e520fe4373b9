using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SharpGrad.Checkpoints;

/// <summary>
/// Reads little-endian checkpoint fields from the data part of a file (everything before the checksum). Never
/// reads past that part: a field that would is reported as <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class CheckpointReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private long _remaining;

    public CheckpointReader(Stream stream, long dataLength)
    {
        CheckpointEndianness.Require();
        _stream = stream;
        _remaining = dataLength;
    }

    /// <summary>Bytes left before the checksum.</summary>
    public long Remaining => _remaining;

    public void ReadBytes(Span<byte> destination, string what)
    {
        Take(destination.Length, what);
        _stream.ReadExactly(destination);
    }

    public byte ReadByte(string what)
    {
        Span<byte> bytes = stackalloc byte[1];
        ReadBytes(bytes, what);
        return bytes[0];
    }

    public ushort ReadUInt16(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        ReadBytes(bytes, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    public int ReadInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        ReadBytes(bytes, what);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Reads a count that must be non-negative.</summary>
    public int ReadCount(string what)
    {
        int count = ReadInt32(what);
        return count >= 0 ? count : throw new InvalidDataException($"{what} is {count}, which is negative.");
    }

    public long ReadInt64(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        ReadBytes(bytes, what);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public ulong ReadUInt64(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        ReadBytes(bytes, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>Reads a flag byte that must be <see cref="CheckpointFormat.Absent"/> or <see cref="CheckpointFormat.Present"/>.</summary>
    public bool ReadPresence(string what)
    {
        byte flag = ReadByte($"the flag of {what}");
        return flag switch
        {
            CheckpointFormat.Absent => false,
            CheckpointFormat.Present => true,
            _ => throw new InvalidDataException($"the flag of {what} is {flag}; it is 0 (absent) or 1 (present)."),
        };
    }

    public double ReadDouble(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(double)];
        ReadBytes(bytes, what);
        return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    public string ReadString(string what)
    {
        int length = ReadCount($"the length of {what}");
        Take(length, what);
        byte[] bytes = new byte[length];
        _stream.ReadExactly(bytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{what} is not valid UTF-8.");
        }
    }

    public void ReadValues<T>(Span<T> destination, string what)
        where T : unmanaged => ReadBytes(MemoryMarshal.AsBytes(destination), what);

    public void Skip(long byteCount, string what)
    {
        Take(byteCount, what);
        _stream.Seek(byteCount, SeekOrigin.Current);
    }

    private void Take(long byteCount, string what)
    {
        if (byteCount > _remaining)
        {
            throw new InvalidDataException($"{what} needs {byteCount} bytes but only {_remaining} remain before the checksum.");
        }

        _remaining -= byteCount;
    }
}
