using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Emission;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Models;
using SharpGrad.Generator.Optimization;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator;

/// <summary>
/// The pipeline: parse each [Differentiable] method into IR, differentiate it, optimize the gradient, emit
/// C#. Only the first step sees Roslyn objects; every later model compares by value, so an edit that leaves
/// a method's IR unchanged stops the pipeline at Parse. Unsupported constructs are reported by
/// <see cref="DifferentiableAnalyzer"/>, which shares the parser; this generator just skips such methods.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MethodParser.DifferentiableAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => MethodParser.Parse(
                    (IMethodSymbol)syntaxContext.TargetSymbol,
                    (MethodDeclarationSyntax)syntaxContext.TargetNode,
                    syntaxContext.SemanticModel,
                    cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Keep only what later stages need: the IR (no locations, so moving code around regenerates nothing)
        // or, for an internal failure, its diagnostic.
        IncrementalValuesProvider<MethodOrError> methods = parsed
            .Select(static (result, _) => MethodOrError.From(result))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            // After parsing (it needs the parsed members), before differentiation (each variant is differentiated
            // on its own): an instance method that trains its module's members also gets a companion for them only.
            .SelectMany(static (m, _) => m.Method is null
                ? ImmutableArray.Create(m)
                : ParametersOnlyCompanion.WithVariant(m.Method).Select(static v => new MethodOrError(v, null)).ToImmutableArray())
            .WithTrackingName(TrackingNames.Variants);

        IncrementalValuesProvider<GradientOrError> gradients = methods
            .Select(static (m, _) => m.Method is null ? new GradientOrError(null, m.Error) : Guard(m.Method, static ir => ReverseModeTransform.Differentiate(ir)))
            .WithTrackingName(TrackingNames.Differentiate);

        IncrementalValuesProvider<GradientOrError> optimized = gradients
            .Select(static (g, _) => g.Program is null ? g : Guard(g.Program.Method, _ => OptimizationPipeline.Run(g.Program)))
            .WithTrackingName(TrackingNames.Optimize);

        IncrementalValuesProvider<GeneratedSource> sources = optimized
            .Select(static (g, _) => Emit(g))
            .WithTrackingName(TrackingNames.Emit);

        RegisterModels(context);

        context.RegisterSourceOutput(sources, static (output, source) =>
        {
            if (source.InternalError is not null)
            {
                output.ReportDiagnostic(source.InternalError.ToDiagnostic());
            }
            else if (source.Text is not null)
            {
                output.AddSource(source.HintName, source.Text);
            }
        });
    }

    /// <summary>
    /// Model classes: each [Parameter] or [Module] member leads to its class's description (the analyzer reports
    /// what is wrong with it); descriptions are deduplicated per class and each emits one file, the member list
    /// and gradient storage. Independent of the method pipeline: a method body edit leaves every description equal.
    /// </summary>
    private static void RegisterModels(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelDescription?> parameters = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModuleSymbols.ParameterAttributeName, static (node, _) => node is VariableDeclaratorSyntax or PropertyDeclarationSyntax, static (c, ct) => DescribeModel(c.TargetSymbol, ct))
            .WithTrackingName(TrackingNames.Model);
        IncrementalValuesProvider<ModelDescription?> modules = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModuleSymbols.ModuleAttributeName, static (node, _) => node is VariableDeclaratorSyntax or PropertyDeclarationSyntax, static (c, ct) => DescribeModel(c.TargetSymbol, ct))
            .WithTrackingName(TrackingNames.Model);

        IncrementalValuesProvider<ModelDescription> models = parameters.Collect()
            .Combine(modules.Collect())
            .SelectMany(static (pair, _) => pair.Left.Concat(pair.Right).OfType<ModelDescription>().Distinct().ToImmutableArray());

        IncrementalValuesProvider<GeneratedSource> files = models
            .Select(static (model, _) => EmitModel(model))
            .WithTrackingName(TrackingNames.EmitModel);
        context.RegisterSourceOutput(files, static (output, source) =>
        {
            if (source.InternalError is not null)
            {
                output.ReportDiagnostic(source.InternalError.ToDiagnostic());
            }
            else if (source.Text is not null)
            {
                output.AddSource(source.HintName, source.Text);
            }
        });
    }

    private static ModelDescription? DescribeModel(ISymbol member, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return member.ContainingType is { } type ? ModelParser.Parse(type, cancellationToken).Model : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null; // the analyzer runs the same parser and reports the failure (SG9999) where the class is
        }
    }

    private static GeneratedSource EmitModel(ModelDescription model)
    {
        try
        {
            return new GeneratedSource(model.HintName, ModelEmitter.Emit(model), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GeneratedSource(string.Empty, null, new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, null, Helpers.EquatableArray.Create(model.TypeName, exception.GetType().Name + ": " + exception.Message)));
        }
    }

    /// <summary>Runs a stage; an exception becomes SG9999 on the method instead of a crashed compiler.</summary>
    internal static GradientOrError Guard(MethodIr method, Func<MethodIr, GradientProgram> stage)
    {
        try
        {
            return new GradientOrError(stage(method), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GradientOrError(null, InternalError(method, exception));
        }
    }

    private static GeneratedSource Emit(GradientOrError gradient)
    {
        if (gradient.Program is null)
        {
            return new GeneratedSource(string.Empty, null, gradient.Error);
        }

        try
        {
            return new GeneratedSource(gradient.Program.Method.HintName, GradientEmitter.Emit(gradient.Program), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GeneratedSource(string.Empty, null, InternalError(gradient.Program.Method, exception));
        }
    }

    private static DiagnosticInfo InternalError(MethodIr method, Exception exception)
        => new(DiagnosticDescriptors.InternalError.Id, null, Helpers.EquatableArray.Create(method.Name, exception.GetType().Name + ": " + exception.Message));

    private sealed record MethodOrError(MethodIr? Method, DiagnosticInfo? Error)
    {
        public static MethodOrError? From(ParseResult result)
        {
            if (result.Method is not null)
            {
                return new MethodOrError(result.Method, null);
            }

            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
            {
                if (diagnostic.Id == DiagnosticDescriptors.InternalError.Id)
                {
                    return new MethodOrError(null, diagnostic);
                }
            }

            return null; // unsupported code: the analyzer reports it where the user can see it
        }
    }

    internal sealed record GradientOrError(GradientProgram? Program, DiagnosticInfo? Error);
}
