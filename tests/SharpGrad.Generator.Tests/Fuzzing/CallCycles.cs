using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Finds recursion before anything runs: a stack overflow cannot be caught and would end the whole test
/// run. A cycle among the user's own methods is the fuzzer's fault; one through generated code (a companion
/// that calls itself, say, for the wrong overload) is the generator's.
/// </summary>
internal static class CallCycles
{
    /// <summary>A method on a call cycle among the methods declared in <paramref name="trees"/>, or null.</summary>
    public static IMethodSymbol? Find(Compilation compilation, IEnumerable<SyntaxTree> trees)
    {
        var calls = new Dictionary<IMethodSymbol, HashSet<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(method) is IMethodSymbol symbol)
                {
                    calls[symbol] = new HashSet<IMethodSymbol>(
                        method.DescendantNodes().OfType<InvocationExpressionSyntax>()
                            .Select(call => model.GetSymbolInfo(call).Symbol as IMethodSymbol)
                            .Where(callee => callee is not null)
                            .Select(callee => callee!.OriginalDefinition),
                        SymbolEqualityComparer.Default);
                }
            }
        }

        var state = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        foreach (IMethodSymbol start in calls.Keys)
        {
            if (Visit(start, calls, state) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Depth-first search: 1 on the current path, 2 done; a callee on the path closes a cycle.</summary>
    private static IMethodSymbol? Visit(IMethodSymbol method, Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> calls, Dictionary<IMethodSymbol, int> state)
    {
        if (state.TryGetValue(method, out int seen))
        {
            return seen == 1 ? method : null;
        }

        state[method] = 1;
        foreach (IMethodSymbol callee in calls.GetValueOrDefault(method) ?? [])
        {
            if (calls.ContainsKey(callee) && Visit(callee, calls, state) is { } found)
            {
                return found;
            }
        }

        state[method] = 2;
        return null;
    }
}
