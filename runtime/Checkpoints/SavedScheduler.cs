namespace SharpGrad.Checkpoints;

/// <summary>A scheduler's state as a checkpoint holds it: the scheduler's type name and its <c>GetState()</c> scalars.</summary>
internal sealed record SavedScheduler(string Name, IReadOnlyDictionary<string, double> State);
