using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SharpGrad.Generator.Diagnostics;

/// <summary>
/// Every diagnostic SharpGrad reports, one descriptor per class of problem. Messages speak in the user's
/// terms and say what to do instead; generator/DIAGNOSTICS.md lists each with an example and the fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SharpGrad";
    private const string HelpBase = "https://github.com/sharpgrad/sharpgrad/blob/main/generator/DIAGNOSTICS.md#";

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "SG0001",
        "Statement not supported in a differentiable method",
        "{0} is not supported in a [Differentiable] method: {1}");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "SG0002",
        "Expression not differentiable",
        "{0} is not differentiable: {1}");

    public static readonly DiagnosticDescriptor NonDifferentiableCall = Error(
        "SG0003",
        "Call to a method with no derivative",
        "call to '{0}' is not differentiable: mark it [Differentiable] or give it a custom derivative");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "SG0004",
        "Type not supported in a differentiable method",
        "{0} '{1}' has type '{2}', which a [Differentiable] method cannot use: use float, double, int or bool values, or arrays and spans of float or double");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "SG0005",
        "Containing type must be partial",
        "'{0}' must be declared partial so that SharpGrad can add '{1}WithGradient' to it");

    public static readonly DiagnosticDescriptor UnknownWrtParameter = Error(
        "SG0006",
        "Unknown parameter in [Differentiable]",
        "[Differentiable] names '{0}', which is not a floating-point parameter of '{1}'");

    public static readonly DiagnosticDescriptor ResultIndependentOfParameters = new(
        "SG0007",
        "Result does not depend on the differentiated parameters",
        "the result of '{0}' never depends on '{1}': its gradient is always zero",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Differentiating with respect to a parameter the result cannot depend on is usually a mistake: check the formula or mark the parameter [NoGrad].",
        helpLinkUri: HelpBase + "sg0007");

    public static readonly DiagnosticDescriptor UnsupportedAssignment = Error(
        "SG0008",
        "Assignment target not supported",
        "assignment to {0} is not supported in a [Differentiable] method: {1}");

    public static readonly DiagnosticDescriptor UnsupportedLoop = Error(
        "SG0009",
        "Loop shape not supported",
        "this loop cannot be differentiated: {0}");

    public static readonly DiagnosticDescriptor LambdaOrDelegate = Error(
        "SG0011",
        "Lambda or delegate in a differentiable method",
        "{0} cannot be differentiated: SharpGrad cannot see through lambdas, delegates and LINQ; write the computation as a loop");

    public static readonly DiagnosticDescriptor ExceptionHandling = Error(
        "SG0012",
        "Exception handling in a differentiable method",
        "{0} is not supported in a [Differentiable] method: move error handling to the caller");

    public static readonly DiagnosticDescriptor UnsupportedSignature = Error(
        "SG0013",
        "Method signature not supported",
        "'{0}' cannot be differentiated: {1}");

    public static readonly DiagnosticDescriptor CustomGradientSignature = Error(
        "SG0014",
        "Custom gradient method has the wrong signature",
        "[CustomGradient] on '{0}' needs a method '{1}' in the same type (static for a static method, an instance method for an instance one) with parameters ({2}): {3}");

    public static readonly DiagnosticDescriptor VirtualCall = Error(
        "SG0015",
        "Virtual, interface or instance call in a differentiable method",
        "call to '{0}' cannot be differentiated: which implementation runs is decided at run time; call a static [Differentiable] method instead");

    public static readonly DiagnosticDescriptor Linq = Error(
        "SG0016",
        "LINQ in a differentiable method",
        "the LINQ call '{0}' cannot be differentiated: SharpGrad cannot see through its lambdas and iterators; write the loop");

    public static readonly DiagnosticDescriptor Goto = Error(
        "SG0017",
        "goto in a differentiable method",
        "'goto' cannot be differentiated: use loops with 'break' and 'continue', or an early 'return'");

    public static readonly DiagnosticDescriptor ActiveArgumentToNoGrad = Error(
        "SG0018",
        "Differentiated value passed to a parameter without gradient",
        "the argument for '{0}' of '{1}' depends on the differentiated parameters, but '{0}' takes no gradient ([NoGrad]), so its derivative would be lost: pass Gradient.Stop(...) to use the value as a constant, or make '{0}' differentiable");

    public static readonly DiagnosticDescriptor OverlappingOutputArgument = Error(
        "SG0019",
        "Output argument shares memory with another argument",
        "'{0}' is passed to the output '{1}' of '{2}' and also as '{3}': an output must not share memory with the call's other array arguments (the gradient treats them as distinct values); write the result into a separate local array");

    public static readonly DiagnosticDescriptor ModelNotPartial = Error(
        "SG0020",
        "Model class must be partial",
        "'{0}' must be declared partial: '{1}' has [Parameter] or [Module] members, and SharpGrad adds to it the code that lists them (Parameters(), ZeroGrad(), Train()) and their gradient storage");

    public static readonly DiagnosticDescriptor UnsupportedModelMember = Error(
        "SG0021",
        "Model member type not supported",
        "{0} '{1}' has type '{2}', which SharpGrad cannot train: {3}");

    public static readonly DiagnosticDescriptor NotAModule = Error(
        "SG0022",
        "Class with [Parameter] or [Module] members is not a module",
        "'{0}' has [Parameter] or [Module] members but cannot be a model: {1}");

    public static readonly DiagnosticDescriptor InternalError = new(
        "SG9999",
        "Internal error in the SharpGrad generator",
        "SharpGrad failed to generate the gradient of '{0}': {1}. This is a bug in SharpGrad: please report it with this message and the method's source.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "sg9999");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        UnsupportedStatement, UnsupportedExpression, NonDifferentiableCall, UnsupportedType, TypeNotPartial,
        UnknownWrtParameter, ResultIndependentOfParameters, UnsupportedAssignment, UnsupportedLoop,
        LambdaOrDelegate, ExceptionHandling, UnsupportedSignature, CustomGradientSignature, VirtualCall, Linq, Goto, ActiveArgumentToNoGrad, OverlappingOutputArgument,
        ModelNotPartial, UnsupportedModelMember, NotAModule, InternalError,
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> _byId = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => _byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
