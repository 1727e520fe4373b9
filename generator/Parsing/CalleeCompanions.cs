using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Whether a callee's gradient method will exist, so that a caller is emitted only when the companion it
/// calls compiles. A [Differentiable] callee in source has one when it parses without errors; a compiled one
/// (another assembly) when its companion is in its type; a [CustomGradient] one when the named method has the
/// calling convention (else SG0014 is reported at the callee). A caller of a refused callee is skipped without
/// a diagnostic of its own: the callee's error is the one root cause.
/// </summary>
internal static class CalleeCompanions
{
    public static bool WillExist(IMethodSymbol callee, string companion, Compilation compilation, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        if (GradientSignatures.CustomGradientProblem(callee, out _, out _) is { } customProblem)
        {
            return customProblem.Length == 0;
        }

        if (callee.DeclaringSyntaxReferences.Length == 0)
        {
            return callee.ContainingType.GetMembers(companion).OfType<IMethodSymbol>().Any();
        }

        if (visiting.Contains(callee))
        {
            return true; // recursion: the method being checked already is the one that decides
        }

        foreach (SyntaxReference reference in callee.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax && compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
                return MethodParser.Parse(callee, syntax, model, cancellationToken, visiting).Method is not null;
            }
        }

        return false;
    }
}
