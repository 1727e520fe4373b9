using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

public static partial class Checkpoint
{
    // decorateOutput wraps the temporary file's stream; tests use it to make a write fail midway.
    internal static void Save<T>(string path, IEnumerable<Parameter<T>> parameters, Optimizer<T>? optimizer, CheckpointSaveOptions? options, Func<Stream, Stream>? decorateOutput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(parameters);
        byte elementType = RequireSupportedElementType<T>();
        Parameter<T>[] list = UniquelyNamed(parameters);
        OptimizerState? state = optimizer?.GetState();
        CheckpointExtras extras = ExtrasToSave(options, optimizer);

        string fullPath = Path.GetFullPath(path);
        if (options?.AllowNonFinite != true)
        {
            // Before the temporary file exists: a refused save writes nothing at all.
            RequireFinite(fullPath, list, state);
        }

        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        // Same directory, so the final rename stays on one file system and is atomic; hidden and unique, so
        // concurrent saves and directory listings ignore it.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream output = decorateOutput?.Invoke(file) ?? file;
                using (var writer = new CheckpointWriter(output))
                {
                    WriteContents(writer, elementType, list, state, extras);
                }

                output.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception error)
        {
            TryDelete(temporary);
            if (error is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointException(fullPath, $"Could not save checkpoint '{fullPath}': {error.Message} Any previous checkpoint there is unchanged.", error);
            }

            throw;
        }
    }

    private static void WriteContents<T>(CheckpointWriter writer, byte elementType, Parameter<T>[] parameters, OptimizerState? state, CheckpointExtras extras)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        writer.WriteBytes(CheckpointFormat.Magic);
        writer.WriteUInt16(CheckpointFormat.Version);
        writer.WriteByte(elementType);
        writer.WriteByte((byte)CheckpointElementType.SizeOf(elementType));
        writer.WriteInt32(parameters.Length);
        foreach (Parameter<T> parameter in parameters)
        {
            writer.WriteString(parameter.Name);
            writer.WriteInt32(parameter.Shape.Length);
            foreach (int dimension in parameter.Shape)
            {
                writer.WriteInt32(dimension);
            }

            writer.WriteValues<T>(parameter.Data);
        }

        if (state is null)
        {
            writer.WriteByte(CheckpointFormat.NoOptimizerState);
        }
        else
        {
            writer.WriteByte(CheckpointFormat.OptimizerStatePresent);
            WriteOptimizerState(writer, state);
        }

        WriteExtras(writer, extras);
        writer.WriteChecksum();
    }

    // Keys in ordinal order, so the same state always gives the same bytes.
    private static void WriteOptimizerState(CheckpointWriter writer, OptimizerState state)
    {
        writer.WriteString(state.OptimizerName);
        WriteScalars(writer, state.Scalars);

        string[] bufferKeys = [.. state.Buffers.Keys.Order(StringComparer.Ordinal)];
        writer.WriteInt32(bufferKeys.Length);
        foreach (string key in bufferKeys)
        {
            double[] values = state.Buffers[key];
            writer.WriteString(key);
            writer.WriteInt32(values.Length);
            writer.WriteValues<double>(values);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a leftover hidden .tmp file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
