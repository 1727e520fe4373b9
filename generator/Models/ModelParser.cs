using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator.Models;

/// <summary>The result of reading a model class: its description (null when no model file can be emitted) and what is wrong with it.</summary>
internal sealed record ModelResult(ModelDescription? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Reads a class with <c>[Parameter]</c> or <c>[Module]</c> members into a <see cref="ModelDescription"/>. The
/// generator and the analyzer share it. A member of a type SharpGrad cannot train is reported and left out; a class
/// that is not a partial <c>Module&lt;T&gt;</c> is reported and gets no model file.
/// </summary>
internal static class ModelParser
{
    /// <summary>Whether <paramref name="type"/> declares a marked member, so that it is a model class.</summary>
    public static bool HasMarkedMembers(INamedTypeSymbol type)
        => type.GetMembers().Any(m => ModuleSymbols.HasAttribute(m, ModuleSymbols.ParameterAttributeName) || ModuleSymbols.HasAttribute(m, ModuleSymbols.ModuleAttributeName));

    public static ModelResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        Location? typeLocation = type.Locations.FirstOrDefault();
        NumericType? element = ModuleSymbols.ModuleElementType(type);
        bool emittable = true;
        if (type.TypeKind != TypeKind.Class || type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAModule, typeLocation, type.Name, "a model is a class deriving from SharpGrad.Module<float> or Module<double>"));
            emittable = false;
        }
        else if (element is not (NumericType.Float or NumericType.Double))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAModule, typeLocation, type.Name, "it does not derive from SharpGrad.Module<float> or Module<double>, which lists its parameters (Parameters()), clears their gradients (ZeroGrad()) and switches modes (Train(), Eval())"));
            emittable = false;
        }
        else if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAModule, typeLocation, type.Name, "generic model classes are not supported yet"));
            emittable = false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelNotPartial, current.Locations.FirstOrDefault(), current.Name, type.Name));
                emittable = false;
            }
        }

        var members = new List<ModelMember>();
        foreach (ISymbol member in MarkedMembers(type))
        {
            if (CheckMember(member, element, diagnostics) is { } kind)
            {
                members.Add(new ModelMember(member.Name, kind));
            }
        }

        ModelDescription? model = emittable
            ? new ModelDescription(NamespaceOf(type), ContainingTypesOf(type), element!.Value, members.ToEquatableArray())
            : null;
        return new ModelResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>The marked fields and properties in declaration order: by file, then by position, so partial files list stably.</summary>
    private static IEnumerable<ISymbol> MarkedMembers(INamedTypeSymbol type)
        => type.GetMembers()
            .Where(m => m is IFieldSymbol or IPropertySymbol)
            .Where(m => ModuleSymbols.HasAttribute(m, ModuleSymbols.ParameterAttributeName) || ModuleSymbols.HasAttribute(m, ModuleSymbols.ModuleAttributeName))
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);

    private static ModelMemberKind? CheckMember(ISymbol member, NumericType? element, List<DiagnosticInfo> diagnostics)
    {
        bool isParameter = ModuleSymbols.HasAttribute(member, ModuleSymbols.ParameterAttributeName);
        bool isModule = ModuleSymbols.HasAttribute(member, ModuleSymbols.ModuleAttributeName);
        string attribute = isParameter ? "[Parameter]" : "[Module]";
        ITypeSymbol? type = ModuleSymbols.MemberType(member);
        string typeText = type?.ToDisplayString() ?? "?";
        string elementText = element?.Keyword() ?? "T";
        Location? location = member.Locations.FirstOrDefault();
        string? problem = null;
        ModelMemberKind? kind = null;
        if (isParameter && isModule)
        {
            problem = "a member is either a [Parameter] or a [Module], not both";
        }
        else if (member.IsStatic)
        {
            problem = "a model's parameters and modules are instance members (a static one would be shared by every instance)";
        }
        else if (member is IPropertySymbol { GetMethod: null } or IPropertySymbol { IsIndexer: true })
        {
            problem = "it needs a getter and no index parameters";
        }
        else if (isParameter && ModuleSymbols.ParameterElementType(type) is { } parameterElement)
        {
            kind = ModelMemberKind.Parameter;
            problem = parameterElement == element ? null : $"the module is a Module<{elementText}>, so its parameters are Parameter<{elementText}> or {elementText}[]";
        }
        else if (isParameter && type is IArrayTypeSymbol { Rank: 1 } array && MethodParser.ToNumericType(array.ElementType) is { } arrayElement && arrayElement.IsFloatingPoint())
        {
            kind = ModelMemberKind.ParameterArray;
            problem = arrayElement == element ? null : $"the module is a Module<{elementText}>, so its parameters are Parameter<{elementText}> or {elementText}[]";
        }
        else if (isParameter)
        {
            problem = $"a parameter is a Parameter<{elementText}> or a {elementText}[]";
        }
        else if (ModuleSymbols.ModuleElementType(type) is { } moduleElement)
        {
            kind = ModelMemberKind.Module;
            problem = moduleElement == element ? null : $"a nested module must be a Module<{elementText}> like the module that holds it";
        }
        else
        {
            problem = $"a nested module is a class deriving from SharpGrad.Module<{elementText}>";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelMember, location, attribute, member.Name, typeText, problem));
            return null;
        }

        return kind;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string NamespaceOf(INamedTypeSymbol type)
        => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    private static EquatableArray<ContainingType> ContainingTypesOf(INamedTypeSymbol type)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            string keyword = current.IsRecord ? (current.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : current.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            types.Insert(0, new ContainingType(keyword, current.Name));
        }

        return types.ToEquatableArray();
    }
}
