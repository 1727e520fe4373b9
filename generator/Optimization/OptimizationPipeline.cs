using SharpGrad.Generator.Differentiation;

namespace SharpGrad.Generator.Optimization;

/// <summary>The optimization passes, in order; kernel selection, vectorization and checkpointing (their own stage folders) run last.</summary>
internal static class OptimizationPipeline
{
    private static readonly IOptimizationPass[] _passes =
    [
        new AlgebraicSimplification(), // first: turns chain-rule products by 1 and double negations into plain operands
        new ConstantFolding(),         // after simplification, which exposes constant operands
        new AlgebraicSimplification(), // folding can create new x * 1 and x + 0
        new StatementFolding(),        // after both: takes constant branches and drops the x = x they leave
        new FreshArrayRecords(),       // before recomputation and fusion, which then see fewer records; the record loops are still as the transform wrote them
        new BranchRecomputation(),     // before recomputation, which takes a loop's scalar records only when no flag is recorded inside a branch, and before fusion and vectorization
        new LoopLocalRecomputation(),  // before DCE (which then drops what the removed pops left) and vectorization (a loop that records is not vectorized)
        new RepeatedCallElimination(), // after recomputation, whose reverse loops compute again what derivative rules recompute too
        new AlgebraicSimplification(), // after call reuse: f(x) <= f(x) became v <= v, which C# warns about (CS1718) and which folds
        new DeadCodeElimination(),     // needs the final expressions to know what is read
        new Kernels.KernelSelection(), // replaces whole loops by kernel calls, so it needs their final bodies
        new DeadCodeElimination(),     // again: drops the indices of the loops kernels replaced
        new Fusion.LoopFusion(),       // after kernel selection (whose calls it reads as statements of the body) and DCE (needs what is read); after recomputation, which leaves fewer records
        new RepeatedCallElimination(), // again: a fused body computes what its forward half already did (no DCE after: it would drop the fusion's comments, and the reuse leaves nothing dead)
        new AlgebraicSimplification(), // again after call reuse, for the v <= v it can leave in a fused body
        new Kernels.MatrixProductSelection(), // after fusion (a fused sample loop holds its layer's dot products and gradient updates both) and before distribution, which would otherwise split the sample loop around them
        new LoopLocalRecomputation(),  // again after matrix-product selection: a dot product it moved out of a loop leaves t = b[k] + products[i, k], cheap to recompute where the loop recorded it
        new SpanRecords(),             // after both recomputations (a loop's last scalar records gone, only its array's are left) and before vectorization and checkpointing, which take loops that no longer touch the tape and the records that are left
        new Vectorization.LoopDistribution(),  // after fusion (it splits fused sample loops) and before vectorization, which vectorizes the element-wise loop it leaves
        new Kernels.RowKernelSelection(), // after distribution, whose part loops of per-row Dot and AddScaled calls it turns into matrix-vector kernels
        new CopyPropagation(),         // after every kernel selection (it only renames reads) and before product sharing, to which t1 * t1 and t * t then look the same
        new RepeatedProductElimination(), // after kernel selection, whose dot-product patterns a shared product would hide, and before vectorization, which then multiplies once per vector
        new RepeatedCallElimination(), // again after product sharing, which makes exp(t * u) and a rule's exp(u * t) the same call
        new ScalarReplacement(),       // after distribution (it sees the part loops too) and before vectorization: one load and one store per element become one vector load and store
        new FirstWriteOverwrite(),     // after scalar replacement, whose one load per element it reads as zero when not accumulating, and before vectorization, which then skips that load
        new AlgebraicSimplification(), // again after both sharings and scalar replacement: x * x <= x * x, or v[i] >= v[i], became v <= v, which C# warns about (CS1718) and which folds
        new Vectorization.LoopVectorization(), // after every loop rewrite: loops a kernel computes exactly stay kernel calls, and no pass after it needs to read a vectorized loop
        new Checkpointing.LoopCheckpointing(), // last: it takes the loops that still record (every pass before may have removed their pushes), and no pass reads its checkpointed loops
    ];

    public static GradientProgram Run(GradientProgram program)
    {
        foreach (IOptimizationPass pass in _passes)
        {
            program = pass.Run(program);
        }

        return program;
    }
}
