using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Ir;

/// <summary>A scalar or a whole array that a checkpoint saves: something a loop's iterations carry to the next.</summary>
internal sealed record CheckpointValue(string Name, NumericType Type, bool IsArray);

/// <summary>The method locals a checkpointed loop's two halves share (ints, except the two byte counts).</summary>
/// <param name="Begin">(long) The tape's size when the loop started.</param>
/// <param name="Limit">(long) The tape's size past which the loop stops recording.</param>
/// <param name="Next">The index of the first iteration that ran without recording.</param>
/// <param name="Rest">How many iterations ran without recording.</param>
/// <param name="Length">How many iterations one checkpoint covers.</param>
/// <param name="Segment">The segment the reverse sweep re-runs.</param>
/// <param name="First">That segment's first iteration (counted from <see cref="Next"/>).</param>
/// <param name="End">One past its last.</param>
/// <param name="Counter">The iteration, counted from <see cref="Next"/>.</param>
internal sealed record CheckpointLocals(string Begin, string Limit, string Next, string Rest, string Length, string Segment, string First, string End, string Counter);

/// <summary>
/// Gradient programs only, forward sweep (Checkpointing/LoopCheckpointing.cs): <see cref="Loop"/>, a top-level loop
/// whose iterations record, runs while the tape holds at most its checkpoint threshold. The iterations after run
/// <see cref="Unrecorded"/> (the body without its pushes), and every checkpoint length of them first pushes
/// <see cref="State"/>. A <see cref="CheckpointReplayStmt"/> in the reverse sweep takes them back.
/// </summary>
/// <param name="Loop">The loop as the forward sweep wrote it (unit step).</param>
/// <param name="Unrecorded">Its body without the tape pushes.</param>
/// <param name="State">What its iterations write, saved in each checkpoint.</param>
/// <param name="Remaining">The iterations left when the index is <see cref="CheckpointLocals.Next"/>, at least 0.</param>
/// <param name="Recorded">The iterations recorded before it, when the index is <see cref="CheckpointLocals.Next"/>.</param>
/// <param name="Locals">The locals it shares with its replay.</param>
internal sealed record CheckpointedLoopStmt(ForStmt Loop, EquatableArray<IrStmt> Unrecorded, EquatableArray<CheckpointValue> State, IrExpr Remaining, IrExpr Recorded, CheckpointLocals Locals) : IrStmt;

/// <summary>
/// Gradient programs only, reverse sweep: the reverse of the iterations a <see cref="CheckpointedLoopStmt"/> ran
/// without recording, last segment first. Each pops its checkpoint (<see cref="State"/>), re-runs its iterations
/// with <see cref="Loop"/>'s recording body, then runs them backwards with <see cref="ReverseBody"/>. The reverse loop
/// of the recorded iterations follows it.
/// </summary>
internal sealed record CheckpointReplayStmt(ForStmt Loop, EquatableArray<IrStmt> ReverseBody, EquatableArray<CheckpointValue> State, CheckpointLocals Locals) : IrStmt;
