using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Ir;

/// <summary>An array a vectorized loop reads (and maybe writes) at <c>i + Offset</c>, through the reference <see cref="Reference"/>.</summary>
internal sealed record VectorArray(string Array, IrExpr Offset, bool Written, string Reference);

/// <summary>A scalar a vectorized loop accumulates by + (or -): per vector width, <see cref="Accumulators"/> independent vector partial sums.</summary>
internal sealed record VectorReduction(string Variable, EquatableArray<string> Accumulators);

/// <summary>A scalar of a vectorized loop and the vector local that stands for it in the vector code.</summary>
internal sealed record VectorName(string Scalar, string Vector);

/// <summary>
/// Gradient programs only: a unit-step loop whose iterations are independent apart from + reductions into scalars,
/// rewritten by the vectorization stage (Vectorization/LoopVectorization.cs). It runs as a <c>Vector512</c> main loop,
/// or a <c>Vector256</c> one where Vector512 is not accelerated (<see cref="Unroll"/> vectors an iteration,
/// one accumulator per copy for each reduction), then the rest of <see cref="Source"/> as a scalar tail (of at least one
/// iteration when a private scalar's last value is read after the loop, so that it ends with the value the scalar loop leaves). The vector part runs only when
/// <see cref="Guard"/> holds on entry: every element it touches is in bounds (so it loads and stores without bounds
/// checks) and the values it assumes hold (a private adjoint is zero; two written buffers are the same memory or none of
/// it); otherwise the whole loop runs as <see cref="Source"/> does, with its own bounds checks.
/// </summary>
/// <param name="Source">The loop as it was: printed above the vector code, and run as the tail.</param>
/// <param name="Index">The loop index.</param>
/// <param name="Lowest">The lowest index the loop visits.</param>
/// <param name="Count">How many indices it visits.</param>
/// <param name="ElementType">float or double: the type of every lane.</param>
/// <param name="Arrays">The arrays it accesses, each at one offset from the index.</param>
/// <param name="Reductions">The scalars it sums into.</param>
/// <param name="Privates">Scalars each iteration assigns (at its top level) before reading them: a vector local per copy.</param>
/// <param name="Resets">Scalars each iteration reads as zero and sets back to zero at its end (adjoints of privates).</param>
/// <param name="Invariants">Scalars of the element type the loop reads and never writes: broadcast once per width.</param>
/// <param name="Guard">The entry condition of the vector part, or null when it always holds.</param>
/// <param name="Cursor">The int local that walks the vector part (the index for an ascending loop).</param>
/// <param name="Limit">The int local that holds where the vector part stops: the end for an ascending loop, the lowest index for a descending one.</param>
/// <param name="Unroll">Vectors per main-loop iteration.</param>
/// <param name="PrivatesReadAfter">
/// Whether a private's value after the loop can be read: then the scalar tail keeps at least one iteration, which
/// leaves the privates as the loop does; otherwise the vector part may take every whole vector.
/// </param>
/// <param name="LaneBody">
/// The body the vector part runs when it is not <see cref="Source"/>'s: the if-converted one (Vectorization/IfConversion.cs),
/// whose per-iteration branches are selects; the scalar tail still runs <see cref="Source"/>.
/// </param>
internal sealed record VectorLoopStmt(
    ForStmt Source,
    string Index,
    IrExpr Lowest,
    IrExpr Count,
    NumericType ElementType,
    EquatableArray<VectorArray> Arrays,
    EquatableArray<VectorReduction> Reductions,
    EquatableArray<VectorName> Privates,
    EquatableArray<VectorName> Resets,
    EquatableArray<VectorName> Invariants,
    IrExpr? Guard,
    string Cursor,
    string Limit,
    int Unroll,
    bool PrivatesReadAfter = true,
    EquatableArray<IrStmt>? LaneBody = null) : IrStmt
{
    /// <summary>The statements each vector of lanes runs.</summary>
    public EquatableArray<IrStmt> VectorBody => LaneBody ?? Source.Body;

    /// <summary>Whether the source loop visits its indices in ascending order (else the vector part runs from the top down).</summary>
    public bool Ascending => Source.Step > 0;
}
