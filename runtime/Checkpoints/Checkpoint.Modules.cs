using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

// A model saved and loaded by its parameters' dotted names (PyTorch: model.state_dict() and load_state_dict).
public static partial class Checkpoint
{
    /// <summary>
    /// Saves <paramref name="model"/>'s parameters by their dotted names (<c>fc1.weight</c>; PyTorch:
    /// <c>torch.save(model.state_dict(), path)</c>) and, if given, the optimizer's state and what
    /// <paramref name="options"/> names, atomically.
    /// </summary>
    /// <param name="path">The checkpoint file; its directory must exist.</param>
    /// <param name="model">The model; its <see cref="Module{T}.Parameters"/> are saved.</param>
    /// <param name="optimizer">An optimizer whose state is saved too, or <see langword="null"/>.</param>
    /// <param name="options">What else to save; <see langword="null"/> for nothing else.</param>
    /// <exception cref="CheckpointException">A value is not finite (unless allowed) or writing failed.</exception>
    public static void Save<T>(string path, Module<T> model, Optimizer<T>? optimizer = null, CheckpointSaveOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, model.Parameters(), optimizer, options);
    }

    /// <summary>
    /// Loads <paramref name="model"/>'s parameters by their dotted names (PyTorch: <c>model.load_state_dict(torch.load(path), strict)</c>)
    /// and, if given, the optimizer's state and what <paramref name="options"/> names. Everything is checked before anything changes.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="model">The model whose <see cref="Module{T}.Parameters"/> receive the values.</param>
    /// <param name="optimizer">An optimizer to restore, or <see langword="null"/>.</param>
    /// <param name="options">A scheduler and random generators to restore, or <see langword="null"/>.</param>
    /// <param name="strict">
    /// True: the file must hold exactly the model's parameter names. False: the parameters both have are loaded, and
    /// the result names the model's parameters the file lacks (<see cref="CheckpointInfo.MissingKeys"/>) and the
    /// file's parameters the model lacks (<see cref="CheckpointInfo.UnexpectedKeys"/>). Shapes must match either way.
    /// </param>
    /// <returns>What else the file holds, and with <paramref name="strict"/> false the missing and unexpected keys.</returns>
    /// <exception cref="CheckpointException">
    /// The file is unreadable or does not fit: the message names each missing, unexpected or shape-mismatched key.
    /// </exception>
    public static CheckpointInfo Load<T>(string path, Module<T> model, Optimizer<T>? optimizer = null, CheckpointLoadOptions? options = null, bool strict = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(path, model.Parameters(), optimizer, options, strict);
    }
}
