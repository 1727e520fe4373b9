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
        context.RegisterSymbolAction(CheckModel, SymbolKind.NamedType);
    }

    /// <summary>A class with [Parameter] or [Module] members must be a partial Module&lt;T&gt; whose members SharpGrad can train.</summary>
    private static void CheckModel(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!Models.ModelParser.HasMarkedMembers(type))
        {
            return;
        }

        foreach (DiagnosticInfo diagnostic in Models.ModelParser.Parse(type, context.CancellationToken).Diagnostics)
        {
            SyntaxTree? tree = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).FirstOrDefault(t => t.FilePath == diagnostic.Location?.FilePath);
            context.ReportDiagnostic(diagnostic.ToDiagnostic(tree));
        }
    }

    /// <summary>A [CustomGradient] method must follow the generated calling convention exactly, or calls to it would not compile.</summary>
    private static void CheckCustomGradient(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType.TypeParameters.Length > 0)
        {
            return; // its parameter types depend on the type arguments: checked at each call (MethodParser.Calls)
        }

        string? problem = GradientSignatures.CustomGradientProblem(method, out string name, out string expectedText);
        if (problem is null || problem.Length == 0)
        {
            return;
        }

        AttributeData attribute = method.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == GradientSignatures.CustomGradientAttributeName);
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CustomGradientSignature, location, method.Name, name, expectedText, problem));
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

        ParseResult result = MethodParser.Parse(method, syntax, context.SemanticModel, context.CancellationToken);
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
        foreach (IrParameter parameter in method.Parameters.Where(p => p.IsDifferentiated && !p.IsImplicit && !activity.IsUseful(p.Name)))
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
