using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SharpGrad.Checkpoints;

/// <summary>Writes little-endian checkpoint fields to a stream while hashing every byte for the trailing checksum.</summary>
internal sealed class CheckpointWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public CheckpointWriter(Stream stream)
    {
        CheckpointEndianness.Require();
        _stream = stream;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _stream.Write(bytes);
    }

    public void WriteByte(byte value) => WriteBytes([value]);

    public void WriteUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteDouble(double value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(double)];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    /// <summary>A byte count, then UTF-8.</summary>
    public void WriteString(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteInt32(bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>The values' memory as is: IEEE 754 little-endian on every supported platform.</summary>
    public void WriteValues<T>(ReadOnlySpan<T> values)
        where T : unmanaged => WriteBytes(MemoryMarshal.AsBytes(values));

    /// <summary>Appends the digest of everything written so far; the digest itself is not hashed.</summary>
    public void WriteChecksum()
    {
        Span<byte> digest = stackalloc byte[CheckpointFormat.ChecksumLength];
        _hash.GetHashAndReset(digest);
        _stream.Write(digest);
    }

    public void Dispose() => _hash.Dispose();
}
