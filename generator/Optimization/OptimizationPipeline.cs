using SharpGrad.Generator.Differentiation;

namespace SharpGrad.Generator.Optimization;

/// <summary>The optimization passes, in order.</summary>
internal static class OptimizationPipeline
{
    private static readonly IOptimizationPass[] _passes =
    [
        new AlgebraicSimplification(), // first: turns chain-rule products by 1 and double negations into plain operands
        new ConstantFolding(),         // after simplification, which exposes constant operands
        new AlgebraicSimplification(), // folding can create new x * 1 and x + 0
        new DeadCodeElimination(),     // last: needs the final expressions to know what is read
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
