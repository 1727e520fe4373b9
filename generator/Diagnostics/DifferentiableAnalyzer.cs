using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator.Diagnostics;

/// <summary>
/// Reports, while the user types, every construct in a [Differentiable] method that SharpGrad cannot
/// differentiate, and parameters the result never depends on. It runs the generator's own parser, so the
/// two always agree on what is supported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DifferentiableAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeMethod, SyntaxKind.MethodDeclaration);
        context.RegisterSymbolAction(CheckCustomGradient, SymbolKind.Method);
    }

    /// <summary>A [CustomGradient] method must follow the generated calling convention exactly, or calls to it would not compile.</summary>
    private static void CheckCustomGradient(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == GradientSignatures.CustomGradientAttributeName);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
        {
            return;
        }

        System.Collections.Generic.IReadOnlyList<string> expected = GradientSignatures.ExpectedParameterTypes(method);
        string expectedText = string.Join(", ", expected);
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
        IMethodSymbol[] candidates = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CustomGradientSignature, location, method.Name, name, expectedText, "no such method"));
            return;
        }

        bool matches = candidates.Any(candidate =>
            candidate.IsStatic
            && SymbolEqualityComparer.Default.Equals(candidate.ReturnType, method.ReturnType)
            && candidate.Parameters.Length == expected.Count
            && candidate.Parameters.Select(p => (p.RefKind == RefKind.Ref ? "ref " : string.Empty) + p.Type.ToDisplayString()).SequenceEqual(expected));
        if (!matches)
        {
            string actual = string.Join(", ", candidates[0].Parameters.Select(p => (p.RefKind == RefKind.Ref ? "ref " : string.Empty) + p.Type.ToDisplayString()));
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CustomGradientSignature, location, method.Name, name, expectedText, $"it has ({actual})" + (candidates[0].IsStatic ? string.Empty : " and is not static")));
        }
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method
            || !method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == MethodParser.DifferentiableAttributeName))
        {
            return;
        }

        ParseResult result = MethodParser.Parse(method, syntax, context.SemanticModel.GetOperation(syntax, context.CancellationToken), context.CancellationToken);
        foreach (DiagnosticInfo diagnostic in result.Diagnostics)
        {
            // Internal errors are the generator's to report, once.
            if (diagnostic.Id != DiagnosticDescriptors.InternalError.Id)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic(syntax.SyntaxTree));
            }
        }

        if (result.Method is not null)
        {
            ReportIndependentParameters(context, result.Method, syntax);
        }
    }

    private static void ReportIndependentParameters(SyntaxNodeAnalysisContext context, MethodIr method, MethodDeclarationSyntax syntax)
    {
        ActivityAnalysis activity = ActivityAnalysis.Run(method);
        foreach (IrParameter parameter in method.Parameters.Where(p => p.IsDifferentiated && !activity.IsUseful(p.Name)))
        {
            ParameterSyntax? parameterSyntax = syntax.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == parameter.Name);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ResultIndependentOfParameters,
                parameterSyntax?.GetLocation() ?? syntax.Identifier.GetLocation(),
                method.Name,
                parameter.Name));
        }
    }
}
