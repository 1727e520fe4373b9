using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Checkpoints;

/// <summary>A checkpoint read and checked but not yet applied: the values waiting to be copied into each parameter.</summary>
internal sealed record LoadedCheckpoint<T>(IReadOnlyList<(Parameter<T> Parameter, T[] Values)> Values, OptimizerState? OptimizerState)
    where T : unmanaged, IFloatingPointIeee754<T>;
