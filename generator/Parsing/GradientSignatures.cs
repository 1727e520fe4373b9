using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SharpGrad.Generator.Emission;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// The gradient calling convention, shared by generated companions and hand-written [CustomGradient]
/// methods: the original parameters, a buffer per differentiated parameter (<c>ref T</c> for a scalar,
/// <c>Span&lt;T&gt;</c> for an array or span), then <c>T outputGradient</c>; the value is returned.
/// </summary>
internal static class GradientSignatures
{
    public const string CustomGradientAttributeName = "SharpGrad.CustomGradientAttribute";

    /// <summary>The name of the method that computes <paramref name="method"/>'s gradient, or null if it has none.</summary>
    public static string? CompanionOf(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name == MethodParser.DifferentiableAttributeName)
            {
                return method.Name + GradientEmitter.Suffix;
            }

            if (name == CustomGradientAttributeName && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom)
            {
                return custom;
            }
        }

        return null;
    }

    /// <summary>Per parameter, whether the gradient method takes a buffer for it.</summary>
    public static bool[] DifferentiatedParameters(IMethodSymbol method)
    {
        AttributeData? differentiable = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MethodParser.DifferentiableAttributeName);
        string[] wrt = differentiable is { ConstructorArguments: [{ Kind: TypedConstantKind.Array } names] }
            ? names.Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToArray()
            : [];
        return method.Parameters.Select(parameter =>
        {
            NumericType? element = MethodParser.ElementTypeOf(parameter.Type);
            bool floating = element is NumericType.Float or NumericType.Double;
            bool noGrad = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == MethodParser.NoGradAttributeName);
            return floating && (wrt.Length > 0 ? wrt.Contains(parameter.Name) : !noGrad);
        }).ToArray();
    }

    /// <summary>The parameter types, as display strings, that a gradient method for <paramref name="method"/> must have.</summary>
    public static IReadOnlyList<string> ExpectedParameterTypes(IMethodSymbol method)
    {
        var types = method.Parameters.Select(p => p.Type.ToDisplayString()).ToList();
        bool[] differentiated = DifferentiatedParameters(method);
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (differentiated[i])
            {
                string element = MethodParser.ElementTypeOf(method.Parameters[i].Type)!.Value.Keyword();
                bool scalar = MethodParser.ToNumericType(method.Parameters[i].Type) is not null;
                types.Add(scalar ? "ref " + element : "System.Span<" + element + ">");
            }
        }

        types.Add(method.ReturnType.ToDisplayString());
        return types;
    }
}
