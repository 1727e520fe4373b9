using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;
using SharpGrad.Generator.Optimization;

namespace SharpGrad.Generator.Kernels;

/// <summary>
/// Replaces innermost unit-step loops whose statements are all dot-product reductions
/// (<c>acc = acc + a[i + p] * b[i + q]</c>) or scaled accumulations (<c>y[i + p] += s * x[i + q]</c>) by
/// calls to <c>SharpGrad.Numerics.Kernels</c>, one call per statement when the statements are independent
/// (loop fission). AddScaled computes exactly what its loop computes; Dot sums in SIMD lanes, so a dot product's
/// value may change in the last bits, as a vectorized reduction's does (see the kernels' docs). A loop with any
/// other statement, a stride other than 1, or statements that read what another writes stays as it is.
/// </summary>
internal sealed class KernelSelection : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
        => program with { Forward = RewriteBlock(program.Forward), Reverse = RewriteBlock(program.Reverse) };

    private static EquatableArray<IrStmt> RewriteBlock(IEnumerable<IrStmt> block)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in block)
        {
            switch (statement)
            {
                case ForStmt loop:
                    ForStmt rewritten = loop with { Body = RewriteBlock(loop.Body) };
                    IReadOnlyList<IrStmt>? kernels = Select(rewritten);
                    if (kernels is null)
                    {
                        output.Add(rewritten);
                    }
                    else
                    {
                        output.AddRange(kernels);
                    }

                    break;
                case WhileStmt loop:
                    output.Add(loop with { Body = RewriteBlock(loop.Body) });
                    break;
                case IfStmt branch:
                    output.Add(branch with { Then = RewriteBlock(branch.Then), Else = RewriteBlock(branch.Else) });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output.ToEquatableArray();
    }

    /// <summary>The kernel calls that replace <paramref name="loop"/>, or null if it has another shape.</summary>
    private static IReadOnlyList<IrStmt>? Select(ForStmt loop)
    {
        if (LoopRange.Of(loop) is not { } range)
        {
            return null;
        }

        AssignStmt[] statements = loop.Body.Where(s => s is not CommentStmt).OfType<AssignStmt>().ToArray();
        if (statements.Length == 0 || statements.Length != loop.Body.Count(s => s is not CommentStmt))
        {
            return null;
        }

        var written = new HashSet<string>(statements.Select(s => ActivityAnalysis.TargetName(s.Target)));
        var matches = new List<KernelMatch>();
        foreach (AssignStmt statement in statements)
        {
            KernelMatch? match = KernelMatch.Dot(statement, loop.Index, written) ?? KernelMatch.AddScaled(statement, loop.Index, written);
            if (match is null)
            {
                return null;
            }

            matches.Add(match);
        }

        // Fission: each statement becomes its own loop, so none may read or write what another writes.
        for (int k = 0; k < matches.Count; k++)
        {
            for (int l = 0; l < matches.Count; l++)
            {
                if (k != l && (matches[l].Reads.Contains(matches[k].Writes) || matches[l].Writes == matches[k].Writes))
                {
                    return null;
                }
            }
        }

        string header = IrPrinter.PrintHeader(loop);
        return matches.Select(m => (IrStmt)m.ToCall(range, header)).ToList();
    }
}
