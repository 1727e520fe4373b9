using System.Linq;
using Microsoft.CodeAnalysis;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator.Models;

/// <summary>The runtime's model types as Roslyn sees them: <c>Module&lt;T&gt;</c>, <c>Parameter&lt;T&gt;</c> and the member attributes.</summary>
internal static class ModuleSymbols
{
    public const string ParameterAttributeName = "SharpGrad.ParameterAttribute";
    public const string ModuleAttributeName = "SharpGrad.ModuleAttribute";

    /// <summary>The name of the generated field that holds a plain array parameter's gradient storage.</summary>
    public static string ArrayStorageName(string member) => "__sharpGradParameter_" + member;

    public static bool HasAttribute(ISymbol symbol, string attributeName)
        => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attributeName);

    /// <summary>T for <c>SharpGrad.Parameter&lt;T&gt;</c>, else null.</summary>
    public static NumericType? ParameterElementType(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Parameter", TypeArguments.Length: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == "SharpGrad"
            ? MethodParser.ToNumericType(named.TypeArguments[0])
            : null;

    /// <summary>T when <paramref name="type"/> is or derives from <c>SharpGrad.Module&lt;T&gt;</c>, else null.</summary>
    public static NumericType? ModuleElementType(ITypeSymbol? type)
    {
        for (INamedTypeSymbol? current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Module", TypeArguments.Length: 1 } && current.ContainingNamespace?.ToDisplayString() == "SharpGrad")
            {
                return MethodParser.ToNumericType(current.TypeArguments[0]);
            }
        }

        return null;
    }

    /// <summary>The field or property's type, or null for other symbols.</summary>
    public static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };
}
