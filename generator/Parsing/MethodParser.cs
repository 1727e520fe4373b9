using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Turns a <c>[Differentiable]</c> method's IOperation tree into IR, or into diagnostics located at each
/// construct it cannot differentiate. The generator and the analyzer share it, so both agree on what is
/// supported. Partial files: signature (this file), statements, expressions.
/// </summary>
internal sealed partial class MethodParser
{
    public const string DifferentiableAttributeName = "SharpGrad.DifferentiableAttribute";
    public const string NoGradAttributeName = "SharpGrad.NoGradAttribute";

    private readonly IMethodSymbol _method;
    private readonly Compilation _compilation;
    private readonly HashSet<IMethodSymbol> _visiting;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, IrParameter> _parameters = new(StringComparer.Ordinal);
    private readonly List<IrParameter> _parameterList = [];
    private readonly Dictionary<ILocalSymbol, string> _localNames = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly List<IrLocal> _locals = [];
    private readonly HashSet<string> _loopIndices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumericType> _localArrays = new(StringComparer.Ordinal);
    private readonly Dictionary<AllocateStmt, (Location Location, string Name)> _nestedArrays = new(ReferenceComparer<AllocateStmt>.Instance);
    private readonly List<(IrExpr Argument, Location Location, string Parameter, string Callee)> _constantArguments = [];
    private readonly HashSet<string> _rejectedParameters = new(StringComparer.Ordinal);
    private readonly HashSet<ILocalSymbol> _rejectedLocals = new(SymbolEqualityComparer.Default);
    private int _nesting;
    private bool _callsRefusedCallee;

    private MethodParser(IMethodSymbol method, Compilation compilation, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        _method = method;
        _compilation = compilation;
        _visiting = visiting;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses <paramref name="method"/>, declared by <paramref name="syntax"/>, bound by <paramref name="model"/>.</summary>
    public static ParseResult Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        => Parse(method, syntax, model, cancellationToken, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

    /// <summary>As above, from inside the check of a caller: <paramref name="visiting"/> holds the methods being parsed.</summary>
    internal static ParseResult Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken, HashSet<IMethodSymbol> visiting)
    {
        var parser = new MethodParser(method, model.Compilation, visiting, cancellationToken);
        visiting.Add(method);
        try
        {
            MethodIr? ir = parser.ParseMethod(syntax, model.GetOperation(syntax, cancellationToken));
            bool complete = parser._diagnostics.Count == 0 && !parser._callsRefusedCallee;
            return new ParseResult(complete ? ir : null, parser._diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Never let the compiler crash: an internal failure becomes a diagnostic that asks for a report.
            DiagnosticInfo internalError = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                syntax.Identifier.GetLocation(),
                method.Name,
                exception.GetType().Name + ": " + exception.Message);
            return new ParseResult(null, EquatableArray.Create(internalError));
        }
        finally
        {
            visiting.Remove(method);
        }
    }

    private MethodIr? ParseMethod(MethodDeclarationSyntax syntax, IOperation? body)
    {
        Location nameLocation = syntax.Identifier.GetLocation();
        if (IsDuplicateDeclaration())
        {
            // Two methods with one signature: the compiler reports CS0111, and a companion for each would collide.
            return null;
        }

        CheckSignature(syntax, nameLocation);
        EquatableArray<ContainingType> containingTypes = CollectContainingTypes(nameLocation);
        ParseParameters(syntax);

        IOperation? bodyBlock = body switch
        {
            IMethodBodyOperation methodBody => (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody,
            _ => body,
        };

        if (bodyBlock is not IBlockOperation block)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, nameLocation, _method.Name, "it has no body to differentiate");
            return null;
        }

        List<IrStmt> statements = ParseBlock(block, isMethodBody: true);
        ReportInvalidMembers();
        var names = new Differentiation.NameScope(_usedNames);
        if (_diagnostics.Count == 0)
        {
            statements = LocalArrayHoisting.Hoist(statements, names, _locals, out List<AllocateStmt> unhoistable);
            foreach (AllocateStmt allocate in unhoistable)
            {
                (Location location, string name) = _nestedArrays[allocate];
                Report(DiagnosticDescriptors.UnsupportedStatement, location, $"the local array '{name}' inside a loop or branch", "its length changes inside that loop or branch; compute the length before it, so the array can be allocated once");
            }
        }

        if (_diagnostics.Count == 0)
        {
            statements = ControlFlowLowering.Lower(statements, ReturnTypeOrOutputType(), names, _locals);
        }

        var method = new MethodIr(
            _method.Name,
            _method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            containingTypes,
            AccessibilityText(_method.DeclaredAccessibility),
            _method.IsStatic,
            ReturnTypeOrOutputType(),
            _parameterList.ToEquatableArray(),
            _locals.ToEquatableArray(),
            statements.ToEquatableArray(),
            _method.ReturnsVoid,
            IsModuleMethod: !_method.IsStatic && Models.ModuleSymbols.ModuleElementType(_method.ContainingType) is not null);
        CheckConstantArguments(method);
        return method;
    }

    /// <summary>
    /// A value that depends on the differentiated parameters, passed where the callee takes no gradient
    /// ([NoGrad]), would lose its derivative without a word: refuse it at the argument (Swift's rule), with
    /// <c>Gradient.Stop</c> as the way to say the constant is meant.
    /// </summary>
    private void CheckConstantArguments(MethodIr method)
    {
        if (_constantArguments.Count == 0 || _diagnostics.Count > 0)
        {
            return;
        }

        Differentiation.ActivityAnalysis activity = Differentiation.ActivityAnalysis.Run(method);
        foreach ((IrExpr argument, Location location, string parameter, string callee) in _constantArguments)
        {
            if (activity.IsVaried(argument))
            {
                Report(DiagnosticDescriptors.ActiveArgumentToNoGrad, location, parameter, callee);
            }
        }
    }

    private bool IsDuplicateDeclaration()
        => _method.ContainingType?.GetMembers(_method.Name).OfType<IMethodSymbol>().Any(other =>
            !SymbolEqualityComparer.Default.Equals(other, _method)
            && other.Parameters.Length == _method.Parameters.Length
            && other.Parameters.Zip(_method.Parameters, (a, b) => a.RefKind == b.RefKind && SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(same => same)) == true;

    private void CheckSignature(MethodDeclarationSyntax syntax, Location location)
    {
        if (_method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, "generic methods are not supported; write it for float or double");
        }

        if (_method.ReturnsByRef || _method.ReturnsByRefReadonly)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, "it returns by reference; return the value instead");
        }
        else if (_method.ReturnsVoid)
        {
            if (!GradientSignatures.OutputParameters(_method).Any(o => o))
            {
                Report(DiagnosticDescriptors.UnsupportedSignature, syntax.ReturnType.GetLocation(), _method.Name, "it returns void and has no outputs; a void differentiable method writes its results into Span<float> or Span<double> parameters");
            }
        }
        else if (ToNumericType(_method.ReturnType) is not (NumericType.Float or NumericType.Double))
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, syntax.ReturnType.GetLocation(), _method.Name, $"it returns '{_method.ReturnType.ToDisplayString()}'; a differentiable method returns a float or double scalar, or void with Span<T> outputs");
        }

        if (_method.IsAsync || _method.IsExtern || _method.IsAbstract)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, "async, extern and abstract methods have no body SharpGrad can read");
        }
    }

    private EquatableArray<ContainingType> CollectContainingTypes(Location location)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? type = _method.ContainingType; type is not null; type = type.ContainingType)
        {
            bool isPartial = type.DeclaringSyntaxReferences.Any(reference =>
                reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                Report(DiagnosticDescriptors.TypeNotPartial, location, type.Name, _method.Name);
            }

            if (type.IsFileLocal)
            {
                Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, $"its containing type '{type.Name}' is a 'file' type, which the generated file holding '{_method.Name}{Emission.GradientEmitter.Suffix}' cannot extend; make the type internal");
            }

            if (type.IsGenericType)
            {
                Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, $"its containing type '{type.Name}' is generic, which is not supported yet");
            }

            string keyword = type.IsRecord
                ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : type.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            types.Insert(0, new ContainingType(keyword, type.Name));
        }

        return types.ToEquatableArray();
    }

    private void ParseParameters(MethodDeclarationSyntax syntax)
    {
        string[] wrt = ReadWrtNames(out AttributeData? attribute);
        bool[] differentiated = GradientSignatures.DifferentiatedParameters(_method);
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            _usedNames.Add(parameter.Name);
            Location location = parameter.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation();
            (NumericType? element, ParameterKind kind) = Classify(parameter.Type);
            if (element is null)
            {
                _rejectedParameters.Add(parameter.Name);
                Report(DiagnosticDescriptors.UnsupportedType, location, "parameter", parameter.Name, parameter.Type.ToDisplayString());
                continue;
            }

            string modifier = string.Empty;
            if (parameter.RefKind == RefKind.In)
            {
                modifier = "in ";
            }
            else if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, $"parameter '{parameter.Name}' is passed by 'ref' or 'out'; pass it by value or as a Span");
            }

            bool isOutput = GradientSignatures.IsOutput(_method, parameter);
            CheckOutputAttribute(parameter, location, isOutput);
            string typeText = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var irParameter = new IrParameter(parameter.Name, typeText, modifier, element.Value, kind, differentiated[parameter.Ordinal], isOutput);
            _parameters.Add(parameter.Name, irParameter);
            _parameterList.Add(irParameter);
        }

        foreach (string name in wrt)
        {
            if (!_parameters.TryGetValue(name, out IrParameter? parameter) || !parameter.ElementType.IsFloatingPoint())
            {
                Location? location = attribute?.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation();
                Report(DiagnosticDescriptors.UnknownWrtParameter, location ?? syntax.Identifier.GetLocation(), name, _method.Name);
            }
        }
    }

    private string[] ReadWrtNames(out AttributeData? attribute)
    {
        attribute = _method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName);
        if (attribute is null || attribute.ConstructorArguments.Length == 0)
        {
            return [];
        }

        TypedConstant argument = attribute.ConstructorArguments[0];
        return argument.Kind == TypedConstantKind.Array
            ? argument.Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToArray()
            : argument.Value is string single ? [single] : [];
    }

    private static (NumericType? Element, ParameterKind Kind) Classify(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return (ToNumericType(array.ElementType), ParameterKind.Array);
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == "System")
        {
            NumericType? element = ToNumericType(named.TypeArguments[0]);
            return named.Name switch
            {
                "Span" => (element, ParameterKind.Span),
                "ReadOnlySpan" => (element, ParameterKind.ReadOnlySpan),
                _ => (null, ParameterKind.Scalar),
            };
        }

        return (ToNumericType(type), ParameterKind.Scalar);
    }

    /// <summary>The scalar type of a scalar, array or span type, or null.</summary>
    internal static NumericType? ElementTypeOf(ITypeSymbol type) => Classify(type).Element;

    internal static NumericType? ToNumericType(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Int32 => NumericType.Int,
        SpecialType.System_Int64 => NumericType.Long,
        SpecialType.System_UInt32 => NumericType.UInt,
        SpecialType.System_Single => NumericType.Float,
        SpecialType.System_Double => NumericType.Double,
        SpecialType.System_Boolean => NumericType.Bool,
        _ => null,
    };

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private void Report(DiagnosticDescriptor descriptor, IOperation operation, params string[] arguments)
    {
        if (!UsesRejectedSymbol(operation))
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, operation.Syntax, arguments));
        }
    }

    /// <summary>
    /// Whether <paramref name="operation"/> uses a parameter or local whose type was already reported: one
    /// error per root cause, not one more at every use of it.
    /// </summary>
    private bool UsesRejectedSymbol(IOperation operation)
        => (_rejectedParameters.Count > 0 || _rejectedLocals.Count > 0)
        && operation.DescendantsAndSelf().Any(node => node switch
        {
            IParameterReferenceOperation parameter => _rejectedParameters.Contains(parameter.Parameter.Name),
            ILocalReferenceOperation local => _rejectedLocals.Contains(local.Local),
            _ => false,
        });

    /// <summary>A name for a local that no parameter or other local uses (C# lets sibling scopes reuse names; the IR hoists them).</summary>
    private string NameLocal(ILocalSymbol local)
    {
        if (_localNames.TryGetValue(local, out string? name))
        {
            return name;
        }

        name = local.Name;
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
        {
            name = local.Name + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _localNames.Add(local, name);
        return name;
    }
}
