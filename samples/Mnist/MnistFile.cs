using System.Buffers.Binary;
using System.IO.Compression;
using SharpGrad.Data;

namespace Mnist;

/// <summary>
/// Reads <c>mnist-10k.bin.gz</c> (format in <c>data/README.md</c>): a gzip stream holding the 8-byte magic
/// <c>SGMNIST1</c>, the image count, rows and columns as little-endian uint32, then one label byte per image
/// and the images' pixels, one byte (0 = background, 255 = ink) per pixel, row-major.
/// </summary>
internal sealed class MnistFile
{
    private static ReadOnlySpan<byte> Magic => "SGMNIST1"u8;

    private MnistFile(int count, int rows, int columns, byte[] labels, byte[] pixels)
    {
        Count = count;
        Rows = rows;
        Columns = columns;
        Labels = labels;
        Pixels = pixels;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Pixel rows per image (28).</summary>
    public int Rows { get; }

    /// <summary>Pixel columns per image (28).</summary>
    public int Columns { get; }

    /// <summary>One class (0 to 9) per image.</summary>
    public byte[] Labels { get; }

    /// <summary><c>Count × Rows × Columns</c> pixel bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>Reads and checks the file; a malformed file is an <see cref="InvalidDataException"/> naming it and what is wrong.</summary>
    public static MnistFile Load(string path)
    {
        byte[] content;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            gzip.CopyTo(buffer);
            content = buffer.ToArray();
        }

        const int HeaderLength = 8 + (3 * 4);
        if (content.Length < HeaderLength || !content.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not an MNIST file of this sample (expected the magic 'SGMNIST1' at byte 0).");
        }

        int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(8)));
        int rows = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(12)));
        int columns = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(16)));
        long expected = HeaderLength + count + ((long)count * rows * columns);
        if (content.Length != expected)
        {
            throw new InvalidDataException($"{path}: the header announces {count} images of {rows}x{columns}, which take {expected} bytes, but the file holds {content.Length}.");
        }

        byte[] labels = content.AsSpan(HeaderLength, count).ToArray();
        for (int i = 0; i < count; i++)
        {
            if (labels[i] > 9)
            {
                throw new InvalidDataException($"{path}: label {i} is {labels[i]}, not a digit 0 to 9.");
            }
        }

        return new MnistFile(count, rows, columns, labels, content.AsSpan(HeaderLength + count).ToArray());
    }

    /// <summary>The images as a data set of raw pixel values in [0, 1] (one feature per pixel) with the digit as the target.</summary>
    public ArrayDataset<float> ToDataset()
    {
        var features = new float[Pixels.Length];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = Pixels[i] / 255f;
        }

        var targets = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            targets[i] = Labels[i];
        }

        return new ArrayDataset<float>(features, Rows * Columns, targets);
    }
}
