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
    public const string OutputAttributeName = "SharpGrad.OutputAttribute";

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
            return floating && !IsOutput(method, parameter) && (wrt.Length > 0 ? wrt.Contains(parameter.Name) : !noGrad);
        }).ToArray();
    }

    /// <summary>Per parameter, whether it is an output (see <see cref="IsOutput"/>).</summary>
    public static bool[] OutputParameters(IMethodSymbol method) => method.Parameters.Select(p => IsOutput(method, p)).ToArray();

    /// <summary>
    /// Whether <paramref name="parameter"/> is an output of <paramref name="method"/>: a <c>Span&lt;float&gt;</c> or
    /// <c>Span&lt;double&gt;</c> marked <c>[Output]</c>, or, in a method that returns <c>void</c>, one not marked
    /// <c>[NoGrad]</c>. Outputs take a seed in the gradient method, never a gradient buffer.
    /// </summary>
    public static bool IsOutput(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None || !IsWritableFloatingSpan(parameter.Type))
        {
            return false;
        }

        if (HasAttribute(parameter, OutputAttributeName))
        {
            return true;
        }

        return method.ReturnsVoid && !HasAttribute(parameter, MethodParser.NoGradAttributeName);
    }

    /// <summary>Whether <paramref name="parameter"/> carries the attribute named <paramref name="attributeName"/>.</summary>
    public static bool HasAttribute(IParameterSymbol parameter, string attributeName)
        => parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attributeName);

    private static bool IsWritableFloatingSpan(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "Span", IsGenericType: true, TypeArguments: [{ SpecialType: SpecialType.System_Single or SpecialType.System_Double }] } span
        && span.ContainingNamespace?.ToDisplayString() == "System";

    /// <summary>
    /// For a method with [CustomGradient]: the empty string when the named gradient method follows the calling
    /// convention, else what is wrong with it; null when <paramref name="method"/> has no [CustomGradient].
    /// </summary>
    public static string? CustomGradientProblem(IMethodSymbol method, out string gradientName, out string expectedText)
    {
        gradientName = string.Empty;
        expectedText = string.Empty;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == CustomGradientAttributeName);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
        {
            return null;
        }

        gradientName = name;
        IReadOnlyList<string> expected = ExpectedParameterTypes(method);
        expectedText = string.Join(", ", expected);
        if (method.ReturnsVoid || OutputParameters(method).Any(o => o))
        {
            return "a [CustomGradient] method with outputs or a void result is not supported yet; make it [Differentiable]";
        }

        IMethodSymbol[] candidates = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0)
        {
            return "no such method";
        }

        bool matches = candidates.Any(candidate =>
            candidate.IsStatic
            && SymbolEqualityComparer.Default.Equals(candidate.ReturnType, method.ReturnType)
            && candidate.Parameters.Length == expected.Count
            && candidate.Parameters.Select(p => (p.RefKind == RefKind.Ref ? "ref " : string.Empty) + p.Type.ToDisplayString()).SequenceEqual(expected));
        if (matches)
        {
            return string.Empty;
        }

        string actual = string.Join(", ", candidates[0].Parameters.Select(p => (p.RefKind == RefKind.Ref ? "ref " : string.Empty) + p.Type.ToDisplayString()));
        return $"it has ({actual})" + (candidates[0].IsStatic ? string.Empty : " and is not static");
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
