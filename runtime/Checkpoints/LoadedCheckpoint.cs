using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

/// <summary>A checkpoint read and checked but not yet applied: the values waiting to be copied into each parameter, and the states waiting to be restored.</summary>
internal sealed record LoadedCheckpoint<T>(
    int FormatVersion,
    IReadOnlyList<(Parameter<T> Parameter, T[] Values)> Values,
    OptimizerState? OptimizerState,
    CheckpointExtras Extras,
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys)
    where T : unmanaged, IFloatingPointIeee754<T>;
