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
    /// convention, else what is wrong with it; null when <paramref name="method"/> has no [CustomGradient]. The
    /// gradient method is static for a static method and an instance method (of the same module) for an instance
    /// one; a module's instance method with differentiated arguments also needs the parameters-only overload
    /// (no argument buffers), as its generated companion would have. A backward method, when one is named, is checked
    /// the same way, and only a method with outputs may name one.
    /// </summary>
    public static string? CustomGradientProblem(IMethodSymbol method, out string gradientName, out string expectedText)
    {
        gradientName = string.Empty;
        expectedText = string.Empty;
        AttributeData? attribute = CustomGradientAttribute(method);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
        {
            return null;
        }

        gradientName = name;
        string problem = SignatureProblem(method, name, out expectedText);
        if (problem.Length == 0 && BackwardName(attribute) is { } backward)
        {
            // The backward method takes the same arguments as the gradient method: only what it computes differs.
            gradientName = backward;
            problem = OutputParameters(method).Any(o => o)
                ? SignatureProblem(method, backward, out expectedText)
                : "a backward method receives the outputs a call wrote, and this method has no outputs";
        }

        return problem;
    }

    /// <summary>
    /// The name of <paramref name="method"/>'s backward method (<c>[CustomGradient(..., Backward = nameof(B))]</c>), or
    /// null: a gradient method that takes the outputs the call already wrote and adds the vector-Jacobian product
    /// without computing them again, which the reverse sweep calls before it restores the outputs' previous contents.
    /// </summary>
    public static string? BackwardOf(IMethodSymbol method)
        => CustomGradientAttribute(method) is { } attribute ? BackwardName(attribute) : null;

    private static AttributeData? CustomGradientAttribute(IMethodSymbol method)
        => method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == CustomGradientAttributeName);

    private static string? BackwardName(AttributeData attribute)
        => attribute.NamedArguments.FirstOrDefault(a => a.Key == "Backward").Value.Value is string { Length: > 0 } backward ? backward : null;

    /// <summary>The empty string when the methods named <paramref name="name"/> follow the calling convention for <paramref name="method"/>, else what is wrong.</summary>
    private static string SignatureProblem(IMethodSymbol method, string name, out string expectedText)
    {
        IReadOnlyList<string> expected = ExpectedParameterTypes(method, parametersOnly: false);
        expectedText = string.Join(", ", expected);
        IMethodSymbol[] candidates = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0)
        {
            return "no such method";
        }

        if (!candidates.Any(candidate => Matches(method, candidate, expected)))
        {
            IMethodSymbol first = candidates[0];
            string actual = string.Join(", ", first.Parameters.Select(ParameterText));
            string staticness = first.IsStatic == method.IsStatic ? string.Empty : method.IsStatic ? " and is not static" : " and is static";
            return $"it has ({actual}){staticness}";
        }

        bool moduleMethod = !method.IsStatic && Models.ModuleSymbols.ModuleElementType(method.ContainingType) is not null;
        if (Models.ParametersOnlyCompanion.HasVariant(moduleMethod, DifferentiatedParameters(method)))
        {
            IReadOnlyList<string> parametersOnly = ExpectedParameterTypes(method, parametersOnly: true);
            if (!candidates.Any(candidate => Matches(method, candidate, parametersOnly)))
            {
                expectedText = string.Join(", ", parametersOnly);
                return "a module's instance method also needs the overload without the argument gradient buffers, which callers whose arguments carry no derivative use";
            }
        }

        return string.Empty;
    }

    private static bool Matches(IMethodSymbol method, IMethodSymbol candidate, IReadOnlyList<string> expected)
        => candidate.IsStatic == method.IsStatic
        && SymbolEqualityComparer.Default.Equals(candidate.ReturnType, method.ReturnType)
        && candidate.Parameters.Length == expected.Count
        && candidate.Parameters.Select(ParameterText).SequenceEqual(expected);

    private static string ParameterText(IParameterSymbol parameter)
        => (parameter.RefKind == RefKind.Ref ? "ref " : string.Empty) + parameter.Type.ToDisplayString();

    /// <summary>
    /// The parameter types, as display strings, that a gradient method for <paramref name="method"/> must have: the
    /// method's own, a buffer per differentiated one (none in the <paramref name="parametersOnly"/> variant), a
    /// <c>ReadOnlySpan</c> seed per output, <c>outputGradient</c> for a non-void result, then a <c>Span</c> per output
    /// that receives the gradient of the output's contents on entry.
    /// </summary>
    public static IReadOnlyList<string> ExpectedParameterTypes(IMethodSymbol method, bool parametersOnly = false)
    {
        var types = method.Parameters.Select(p => p.Type.ToDisplayString()).ToList();
        bool[] differentiated = DifferentiatedParameters(method);
        bool[] outputs = OutputParameters(method);
        for (int i = 0; i < method.Parameters.Length && !parametersOnly; i++)
        {
            if (differentiated[i])
            {
                string element = MethodParser.ElementTypeOf(method.Parameters[i].Type)!.Value.Keyword();
                bool scalar = MethodParser.ToNumericType(method.Parameters[i].Type) is not null;
                types.Add(scalar ? "ref " + element : "System.Span<" + element + ">");
            }
        }

        IEnumerable<string> outputElements = method.Parameters.Where((_, i) => outputs[i]).Select(p => MethodParser.ElementTypeOf(p.Type)!.Value.Keyword()).ToList();
        types.AddRange(outputElements.Select(element => "System.ReadOnlySpan<" + element + ">"));
        if (!method.ReturnsVoid)
        {
            types.Add(method.ReturnType.ToDisplayString());
        }

        types.AddRange(outputElements.Select(element => "System.Span<" + element + ">"));
        return types;
    }
}
