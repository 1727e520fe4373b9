using System.Numerics;
using System.Security.Cryptography;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

public static partial class Checkpoint
{
    // A long mismatch list helps nobody; the first few show the pattern.
    private const int MaximumProblemsListed = 10;

    private static LoadedCheckpoint<T> Read<T>(string path, Parameter<T>[] model, bool strict)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            CheckHeader(path, file);
            VerifyChecksum(path, file);
            file.Position = 0;
            return ReadContents(path, file, model, strict);
        }
        catch (InvalidDataException error)
        {
            // The checksum matched, so the file is as written, but not by a correct writer.
            throw Failure(path, $"is malformed: {error.Message}", error);
        }
        catch (FileNotFoundException error)
        {
            throw Failure(path, "does not exist.", error);
        }
        catch (DirectoryNotFoundException error)
        {
            throw Failure(path, "does not exist (its directory is missing).", error);
        }
        catch (Exception error) when (error is (IOException or UnauthorizedAccessException) and not CheckpointException)
        {
            throw Failure(path, $"could not be read: {error.Message}", error);
        }
    }

    // Signature and version come before the checksum so that a wrong file or a newer format gets its own message.
    private static void CheckHeader(string path, FileStream file)
    {
        long length = file.Length;
        Span<byte> header = stackalloc byte[CheckpointFormat.HeaderLength];
        int read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        ReadOnlySpan<byte> magic = CheckpointFormat.Magic;
        if (read < magic.Length || !header[..magic.Length].SequenceEqual(magic))
        {
            bool prefixOfMagic = header[..Math.Min(read, magic.Length)].SequenceEqual(magic[..Math.Min(read, magic.Length)]);
            throw Failure(path, prefixOfMagic
                ? $"is truncated: it is only {length} bytes long."
                : "is not a SharpGrad checkpoint: it does not start with the checkpoint signature 89 53 47 52 41 44 0D 0A (\"\\x89SGRAD\\r\\n\").");
        }

        int version = CheckpointFormat.OldestReadableVersion;
        if (read >= magic.Length + sizeof(ushort))
        {
            version = header[8] | (header[9] << 8);
            if (version < CheckpointFormat.OldestReadableVersion || version > CheckpointFormat.Version)
            {
                throw Failure(path, $"has format version {version}, but this SharpGrad reads only versions {CheckpointFormat.OldestReadableVersion} to {CheckpointFormat.Version}.");
            }
        }

        int minimum = CheckpointFormat.MinimumLength(version);
        if (length < minimum)
        {
            throw Failure(path, $"is truncated: it is only {length} bytes long, less than the {minimum} of an empty checkpoint of version {version}.");
        }
    }

    private static void VerifyChecksum(string path, FileStream file)
    {
        long dataLength = file.Length - CheckpointFormat.ChecksumLength;
        file.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        for (long left = dataLength; left > 0;)
        {
            int chunk = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (chunk == 0)
            {
                throw new EndOfStreamException("The file became shorter while it was read.");
            }

            hash.AppendData(buffer, 0, chunk);
            left -= chunk;
        }

        Span<byte> stored = stackalloc byte[CheckpointFormat.ChecksumLength];
        file.ReadExactly(stored);
        Span<byte> computed = stackalloc byte[CheckpointFormat.ChecksumLength];
        hash.GetHashAndReset(computed);
        if (!stored.SequenceEqual(computed))
        {
            throw Failure(path, "is damaged: its SHA-256 checksum does not match its contents, so it was truncated or modified after it was saved.");
        }
    }

    private static LoadedCheckpoint<T> ReadContents<T>(string path, FileStream file, Parameter<T>[] model, bool strict)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reader = new CheckpointReader(file, file.Length - CheckpointFormat.ChecksumLength);
        reader.Skip(CheckpointFormat.Magic.Length, "the signature");
        ushort version = reader.ReadUInt16("the format version");
        byte elementType = reader.ReadByte("the element type");
        byte elementSize = reader.ReadByte("the element size");
        int elementSizeOfType = CheckpointElementType.SizeOf(elementType);
        if (elementSizeOfType == 0 || elementSize != elementSizeOfType)
        {
            throw new InvalidDataException($"the element type {elementType} with size {elementSize} is not one this SharpGrad knows.");
        }

        byte expectedType = RequireSupportedElementType<T>();
        if (elementType != expectedType)
        {
            throw Failure(path, $"holds {CheckpointElementType.NameOf(elementType)} values, but the parameters are {CheckpointElementType.NameOf(expectedType)} ({typeof(T).Name}).");
        }

        var problems = new List<string>();
        var missing = new List<(string Name, string Shape)>();
        var unexpected = new List<(string Name, string Shape)>();
        List<(Parameter<T>, T[])> values = ReadParameters(reader, elementSize, model, problems, missing, unexpected);
        if (strict && missing.Count + unexpected.Count > 0)
        {
            // PyTorch's load_state_dict(strict=True): every key on both sides. Listed unexpected first, as the file is read.
            problems.InsertRange(0, unexpected.Select(key => $"the file has parameter '{key.Name}' {key.Shape}, which the model lacks (unexpected key)"));
            problems.AddRange(missing.Select(key => $"the model has parameter '{key.Name}' {key.Shape}, which the file lacks (missing key)"));
        }
        OptimizerState? optimizerState = ReadOptimizerState(reader);
        CheckpointExtras extras = version >= 2 ? ReadExtras(reader) : CheckpointExtras.None;
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} unexpected bytes follow the {(version >= 2 ? "metadata" : "optimizer state")}.");
        }

        if (problems.Count > 0)
        {
            string listed = string.Join("; ", problems.Take(MaximumProblemsListed));
            string more = problems.Count > MaximumProblemsListed ? $"; and {problems.Count - MaximumProblemsListed} more" : string.Empty;
            string hint = strict && missing.Count + unexpected.Count > 0 ? " Load with strict: false to load only the parameters both have." : string.Empty;
            throw Failure(path, $"does not match the model: {listed}{more}.{hint}");
        }

        return new LoadedCheckpoint<T>(version, values, optimizerState, extras, strict ? [] : [.. missing.Select(k => k.Name)], strict ? [] : [.. unexpected.Select(k => k.Name)]);
    }

    private static List<(Parameter<T>, T[])> ReadParameters<T>(CheckpointReader reader, int elementSize, Parameter<T>[] model, List<string> problems, List<(string Name, string Shape)> missing, List<(string Name, string Shape)> unexpected)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var byName = model.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<(Parameter<T>, T[])>(model.Length);
        int count = reader.ReadCount("the parameter count");
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString($"the name of parameter {i}");
            if (!inFile.Add(name))
            {
                throw new InvalidDataException($"parameter '{name}' appears twice.");
            }

            int[] shape = ReadShape(reader, name);
            long length = 1;
            foreach (int dimension in shape)
            {
                length *= dimension;
            }

            string shapeText = "[" + string.Join(", ", shape) + "]";
            if (length > Array.MaxLength)
            {
                throw new InvalidDataException($"parameter '{name}' has shape {shapeText}, more elements than an array can hold.");
            }

            string what = $"the values of parameter '{name}'";
            if (!byName.TryGetValue(name, out Parameter<T>? parameter))
            {
                unexpected.Add((name, shapeText));
                reader.Skip(length * elementSize, what);
            }
            else if (!parameter.Shape.SequenceEqual(shape))
            {
                problems.Add($"parameter '{name}' has shape {shapeText} in the file but {parameter.ShapeText} in the model (shape mismatch)");
                reader.Skip(length * elementSize, what);
            }
            else
            {
                var staged = new T[length];
                reader.ReadValues<T>(staged, what);
                values.Add((parameter, staged));
            }
        }

        foreach (Parameter<T> parameter in model)
        {
            if (!inFile.Contains(parameter.Name))
            {
                missing.Add((parameter.Name, parameter.ShapeText));
            }
        }

        return values;
    }

    private static int[] ReadShape(CheckpointReader reader, string name)
    {
        int rank = reader.ReadInt32($"the rank of parameter '{name}'");
        if (rank < 1 || rank > CheckpointFormat.MaximumRank)
        {
            throw new InvalidDataException($"parameter '{name}' has rank {rank}; a rank is between 1 and {CheckpointFormat.MaximumRank}.");
        }

        var shape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = reader.ReadInt32($"dimension {d} of parameter '{name}'");
            if (shape[d] <= 0)
            {
                throw new InvalidDataException($"dimension {d} of parameter '{name}' is {shape[d]}; dimensions are positive.");
            }
        }

        return shape;
    }

    private static OptimizerState? ReadOptimizerState(CheckpointReader reader)
    {
        byte flag = reader.ReadByte("the optimizer flag");
        if (flag == CheckpointFormat.NoOptimizerState)
        {
            return null;
        }

        if (flag != CheckpointFormat.OptimizerStatePresent)
        {
            throw new InvalidDataException($"the optimizer flag is {flag}; it is 0 (no state) or 1 (state follows).");
        }

        string name = reader.ReadString("the optimizer name");
        Dictionary<string, double> scalars = ReadScalars(reader, "optimizer");

        int bufferCount = reader.ReadCount("the optimizer buffer count");
        var buffers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int i = 0; i < bufferCount; i++)
        {
            string key = reader.ReadString($"optimizer buffer key {i}");
            int length = reader.ReadCount($"the length of optimizer buffer '{key}'");
            if ((long)length * sizeof(double) > reader.Remaining)
            {
                throw new InvalidDataException($"optimizer buffer '{key}' claims {length} values, more than the file holds.");
            }

            var values = new double[length];
            reader.ReadValues<double>(values, $"optimizer buffer '{key}'");
            if (!buffers.TryAdd(key, values))
            {
                throw new InvalidDataException($"optimizer buffer '{key}' appears twice.");
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidDataException("the optimizer name is empty.");
        }

        return new OptimizerState(name, scalars, buffers);
    }
}
