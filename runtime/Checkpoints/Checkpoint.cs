using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

/// <summary>
/// Saves and restores parameters and optimizer state (PyTorch: <c>torch.save({'model': model.state_dict(),
/// 'optimizer': optimizer.state_dict()}, path)</c> and the matching <c>load_state_dict</c> calls).
/// </summary>
/// <remarks>
/// <para>
/// The file is a small versioned binary format, little-endian, ending in a SHA-256 checksum of everything
/// before it; docs/runtime/checkpoints.md describes it byte by byte. Parameters are stored by name with
/// their shape and values; gradients and <see cref="Parameter{T}.RequiresGrad"/> are not stored. A checkpoint can
/// also carry a learning-rate scheduler's state, the epoch and step, random generators' states and metadata
/// (<see cref="CheckpointSaveOptions"/>), so that a resumed run continues its schedule and its shuffling.
/// </para>
/// <para>
/// <see cref="Save{T}(string, IEnumerable{Parameter{T}}, Optimizer{T}, CheckpointSaveOptions)"/> is atomic: it writes a temporary file
/// in the same directory, flushes it to disk and renames it over <c>path</c>, so a crash or error leaves
/// either the previous checkpoint or the new one, never a partial file.
/// <see cref="Load{T}(string, IEnumerable{Parameter{T}}, Optimizer{T}, CheckpointLoadOptions, bool)"/> checks the whole file and its fit to
/// the model before changing anything, so a failed load leaves the model and optimizer as they were.
/// </para>
/// </remarks>
public static partial class Checkpoint
{
    /// <summary>The format version written by this SharpGrad; <c>Load</c> reads it and every older version (1).</summary>
    public const int FormatVersion = CheckpointFormat.Version;

    /// <summary>
    /// Saves <paramref name="parameters"/> and, if given, <paramref name="optimizer"/>'s state and what
    /// <paramref name="options"/> names (a scheduler, the epoch and step, random generators, metadata) to
    /// <paramref name="path"/>, replacing any file there atomically.
    /// </summary>
    /// <param name="path">The checkpoint file; its directory must exist.</param>
    /// <param name="parameters">The model's parameters; names must be unique. Their order is kept in the file but loading matches by name.</param>
    /// <param name="optimizer">An optimizer whose state (<see cref="Optimizer{T}.GetState"/>) is saved too, or <see langword="null"/>.</param>
    /// <param name="options">What else to save, and whether non-finite values may be saved; <see langword="null"/> for nothing else.</param>
    /// <exception cref="ArgumentException">Two parameters share a name, or an option is invalid (a negative epoch, a scheduler of another optimizer, an empty name).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="float"/>, <see cref="double"/> or <see cref="Half"/>.</exception>
    /// <exception cref="CheckpointException">
    /// A parameter or the optimizer state holds NaN or an infinity (unless <see cref="CheckpointSaveOptions.AllowNonFinite"/>),
    /// or writing failed; the message names the value or the error. Any previous file at <paramref name="path"/> is
    /// unchanged and no temporary file is left.
    /// </exception>
    public static void Save<T>(string path, IEnumerable<Parameter<T>> parameters, Optimizer<T>? optimizer = null, CheckpointSaveOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Save(path, parameters, optimizer, options, decorateOutput: null);

    /// <summary>
    /// Restores <paramref name="parameters"/> and, if given, <paramref name="optimizer"/>'s state and what
    /// <paramref name="options"/> names from <paramref name="path"/>, and returns what else the file holds (the epoch,
    /// the step, metadata). Everything is checked first (signature, version, checksum, element type, parameter
    /// names and shapes, optimizer and scheduler types and states, generators); on any failure nothing is changed.
    /// </summary>
    /// <param name="path">The checkpoint file, of format version 1 or 2.</param>
    /// <param name="parameters">The model's parameters; the file must hold exactly these names with the same shapes (unless <paramref name="strict"/> is false).</param>
    /// <param name="optimizer">
    /// An optimizer to restore (<see cref="Optimizer{T}.LoadState"/>); the file must then hold state saved from the
    /// same kind of optimizer. With <see langword="null"/>, any optimizer state in the file is checked and ignored.
    /// </param>
    /// <param name="options">A scheduler and random generators to restore; the file must hold state for each. <see langword="null"/> restores neither.</param>
    /// <param name="strict">
    /// True (PyTorch's default): the file and the model must have the same parameter names. False: load the parameters
    /// both have, leave the model's others as they are and ignore the file's others; the result lists both
    /// (<see cref="CheckpointInfo.MissingKeys"/>, <see cref="CheckpointInfo.UnexpectedKeys"/>). Shapes must match either way.
    /// </param>
    /// <returns>The file's epoch, step, metadata and the names of the states it holds.</returns>
    /// <exception cref="ArgumentException">Two of <paramref name="parameters"/> share a name, or the scheduler does not act on <paramref name="optimizer"/>.</exception>
    /// <exception cref="CheckpointException">The file is missing, unreadable, damaged or does not fit the model, optimizer, scheduler or generators; the message says which.</exception>
    public static CheckpointInfo Load<T>(string path, IEnumerable<Parameter<T>> parameters, Optimizer<T>? optimizer = null, CheckpointLoadOptions? options = null, bool strict = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(parameters);
        string fullPath = Path.GetFullPath(path);
        Parameter<T>[] model = UniquelyNamed(parameters);
        RequireLoadOptionsFit(options, optimizer);
        LoadedCheckpoint<T> loaded = Read(fullPath, model, strict);
        if (optimizer is not null)
        {
            CheckOptimizerState(fullPath, loaded.OptimizerState, optimizer);
        }

        CheckRequestedExtras(fullPath, loaded.Extras, options);
        if (optimizer is not null)
        {
            RestoreStates(fullPath, loaded, optimizer, options?.Scheduler);
        }

        // Only now, with every check passed, do the generators and the model change; neither can fail.
        foreach ((string name, RandomGenerator generator) in options?.Generators ?? new Dictionary<string, RandomGenerator>())
        {
            generator.SetState(loaded.Extras.Generators[name]);
        }

        foreach ((Parameter<T> parameter, T[] values) in loaded.Values)
        {
            values.CopyTo(parameter.Data);
        }

        return InfoOf(loaded);
    }

    private static Parameter<T>[] UniquelyNamed<T>(IEnumerable<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Parameter<T>[] list = [.. parameters];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"parameters[{i}] is null.", nameof(parameters));
            }

            if (!names.Add(list[i].Name))
            {
                throw new ArgumentException($"Two parameters are named '{list[i].Name}'; checkpoints store parameters by name, so names must be unique.", nameof(parameters));
            }
        }

        return list;
    }

    private static byte RequireSupportedElementType<T>()
    {
        byte code = CheckpointElementType.Of<T>();
        return code != 0
            ? code
            : throw new NotSupportedException($"Checkpoints store float, double or Half parameters, not {typeof(T).Name}.");
    }

    private static CheckpointException Failure(string path, string problem, Exception? innerException = null) =>
        new(path, $"Checkpoint '{path}' {problem} Nothing was loaded: the parameters, the optimizer, the scheduler and the generators are unchanged.", innerException);
}
