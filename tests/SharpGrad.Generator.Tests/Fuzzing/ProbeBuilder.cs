using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Writes the probe of one program: for each accessible <c>[Differentiable]</c> method with a companion, a
/// pair of static methods taking plain arrays that call the method and its companion as the README
/// documents them (the same parameters, then a buffer per differentiated parameter, then
/// <c>outputGradient</c>). It also finds methods that have a companion despite an error, or none without one.
/// </summary>
internal sealed partial class ProbeBuilder
{
    private static readonly double[] _fixedValues = [0.75, -1.25, 0.5, 1.5, -0.3, 1.1, -0.6];
    private readonly StringBuilder _code = new();
    private readonly FuzzSubject _subject;
    private readonly List<ProbeMethod> _methods = [];
    private readonly List<(FuzzOutcome Outcome, string Detail)> _defects = [];
    private (string Original, string Twin)? _twin;
    private HashSet<IMethodSymbol> _vectorized = new(SymbolEqualityComparer.Default);

    private ProbeBuilder(FuzzSubject subject) => _subject = subject;

    public IReadOnlyList<ProbeMethod> Methods => _methods;

    public IReadOnlyList<(FuzzOutcome Outcome, string Detail)> Defects => _defects;

    public string Source => _code.ToString();

    /// <summary>Builds the probe for <paramref name="tree"/>, whose SG errors lie at <paramref name="errorSpans"/>.</summary>
    public static ProbeBuilder Build(Compilation output, SyntaxTree tree, FuzzSubject subject, string probeNamespace, IReadOnlyList<TextSpan> errorSpans, (string Original, string Twin)? twin)
    {
        var builder = new ProbeBuilder(subject) { _twin = twin };
        builder._code.Append("namespace ").Append(probeNamespace).Append("\n{\npublic static class Probe\n{\n");
        SemanticModel model = output.GetSemanticModel(tree);
        var declared = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(syntax => (Syntax: syntax, Symbol: model.GetDeclaredSymbol(syntax)))
            .Where(m => m.Symbol is not null)
            .Select(m => (m.Syntax, Symbol: m.Symbol!, HasError: errorSpans.Any(span => m.Syntax.Span.Contains(span)), Calls: Callees(model, m.Syntax)))
            .ToList();

        // Refused: a method with an SG error, or one that calls a refused method (documented: no companion, no error of its own).
        var refused = new HashSet<IMethodSymbol>(declared.Where(m => m.HasError).Select(m => m.Symbol), SymbolEqualityComparer.Default);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var m in declared.Where(m => !refused.Contains(m.Symbol) && m.Calls.Any(refused.Contains)))
            {
                grew |= refused.Add(m.Symbol);
            }
        }

        // A companion with a vectorized loop (or one that calls such a companion) may sum in another order: its value
        // is compared within the documented tolerance instead of exactly (GradientChecker).
        var vectorized = new HashSet<IMethodSymbol>(declared.Where(m => HasAttribute(m.Symbol, "SharpGrad.DifferentiableAttribute") && FindCompanion(m.Symbol) is { } c && IsVectorized(c)).Select(m => m.Symbol), SymbolEqualityComparer.Default);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var m in declared.Where(m => !vectorized.Contains(m.Symbol) && m.Calls.Any(vectorized.Contains)))
            {
                grew |= vectorized.Add(m.Symbol);
            }
        }

        builder._vectorized = vectorized;
        foreach ((MethodDeclarationSyntax syntax, IMethodSymbol method, bool hasError, _) in declared)
        {
            if (!HasAttribute(method, "SharpGrad.DifferentiableAttribute"))
            {
                continue;
            }

            IMethodSymbol? companion = FindCompanion(method);
            if (refused.Contains(method) && companion is not null)
            {
                string why = hasError ? "has an SG error" : "calls a refused method";
                builder._defects.Add((FuzzOutcome.CompanionDespiteError, $"'{method.ToDisplayString()}' {why} but got '{companion.ToDisplayString()}'"));
            }
            else if (!refused.Contains(method) && companion is null)
            {
                builder._defects.Add((FuzzOutcome.MissingCompanion, $"'{method.ToDisplayString()}' has no error, calls no refused method, and has no companion"));
            }
            else if (companion is not null)
            {
                builder.AddMethod(method, companion);
            }
        }

        builder._code.Append("}\n}\n");
        return builder;
    }

    /// <summary>
    /// Whether the generated companion runs a vectorized loop (the emitter's comment above each one says so), itself or
    /// in the overload with the <c>accumulate</c> flag that it forwards to.
    /// </summary>
    private static bool IsVectorized(IMethodSymbol companion)
        => new[] { companion }.Concat(OverwritingOverload(companion) is { } overload ? [overload] : [])
            .SelectMany(c => c.DeclaringSyntaxReferences).Any(r => r.GetSyntax().ToFullString().Contains("// Vectorized (", StringComparison.Ordinal));

    /// <summary>The companion's overload that takes <c>bool accumulate</c> right after its gradient buffers (a static method's), or null.</summary>
    private static IMethodSymbol? OverwritingOverload(IMethodSymbol companion)
    {
        int buffers = companion.Parameters.Length - 1;
        return companion.ContainingType.GetMembers(companion.Name).OfType<IMethodSymbol>().FirstOrDefault(c =>
            c.Parameters.Length == companion.Parameters.Length + 1
            && c.Parameters[buffers].Type.SpecialType == SpecialType.System_Boolean
            && companion.Parameters.Take(buffers).Zip(c.Parameters).All(p => p.First.RefKind == p.Second.RefKind && SymbolEqualityComparer.Default.Equals(p.First.Type, p.Second.Type)));
    }

    private static HashSet<IMethodSymbol> Callees(SemanticModel model, MethodDeclarationSyntax syntax)
        => new(syntax.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => model.GetSymbolInfo(call).Symbol as IMethodSymbol)
            .Where(m => m is not null)
            .Select(m => m!.OriginalDefinition), SymbolEqualityComparer.Default);

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>
    /// The companion whose leading parameters are the method's, preferring the one with exactly a buffer per
    /// differentiated parameter and the seed after them: with overloads F(double) and F(double, double), the
    /// companion of the second also starts with a double.
    /// </summary>
    private static IMethodSymbol? FindCompanion(IMethodSymbol method)
    {
        int expected = method.Parameters.Length + Differentiated(method).Count(d => d) + 1;
        bool anyDifferentiated = Differentiated(method).Any(d => d);
        IMethodSymbol[] candidates = method.ContainingType.GetMembers(method.Name + "WithGradient").OfType<IMethodSymbol>().Where(candidate =>
            candidate.Parameters.Length > method.Parameters.Length
            && method.Parameters.Zip(candidate.Parameters).All(p => p.First.RefKind == p.Second.RefKind && SymbolEqualityComparer.Default.Equals(p.First.Type, p.Second.Type))
            && (!anyDifferentiated || IsBuffer(candidate.Parameters[method.Parameters.Length])))
            .ToArray();
        return candidates.FirstOrDefault(c => c.Parameters.Length == expected) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// A gradient buffer (<c>Span&lt;T&gt;</c> or <c>ref T</c>): what follows a companion's copies of the method's parameters,
    /// so that the companion of an overload with more parameters (<c>F(w, double extra)</c>'s, which goes on with a
    /// double) is not taken for that of <c>F(w)</c>.
    /// </summary>
    private static bool IsBuffer(IParameterSymbol parameter)
        => parameter.RefKind == RefKind.Ref || parameter.Type is INamedTypeSymbol { Name: "Span" };

    /// <summary>The documented rule: floating-point parameters, those named in [Differentiable(...)] if any, else those without [NoGrad].</summary>
    private static bool[] Differentiated(IMethodSymbol method)
    {
        AttributeData attribute = method.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == "SharpGrad.DifferentiableAttribute");
        string[] wrt = attribute.ConstructorArguments is [{ Kind: TypedConstantKind.Array } names]
            ? names.Values.Select(v => v.Value as string ?? string.Empty).ToArray()
            : [];
        return method.Parameters.Select(p => ElementOf(p.Type) is SpecialType.System_Double or SpecialType.System_Single
            && (wrt.Length > 0 ? wrt.Contains(p.Name) : !HasAttribute(p, "SharpGrad.NoGradAttribute"))).ToArray();
    }

    private static SpecialType ElementOf(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType.SpecialType,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments: [var element] } => element.SpecialType,
        _ => type.SpecialType,
    };

    private static bool IsScalar(ITypeSymbol type) => type is not IArrayTypeSymbol && type is not INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" };

    private static string Keyword(SpecialType type) => type switch
    {
        SpecialType.System_Double => "double",
        SpecialType.System_Single => "float",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Boolean => "bool",
        _ => string.Empty,
    };

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword ? "@" + name : name;

    private static bool Accessible(IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
        {
            return false;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType || type.IsFileLocal || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    private string? Receiver(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (method.IsStatic)
        {
            return name;
        }

        if (type.TypeKind == TypeKind.Struct)
        {
            return "default(" + name + ")";
        }

        return type.TypeKind == TypeKind.Class && !type.IsAbstract && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
            ? "new " + name + "()"
            : null;
    }

    private void AddMethod(IMethodSymbol method, IMethodSymbol companion)
    {
        string? receiver = Receiver(method);
        SpecialType returnType = method.ReturnType.SpecialType;
        if (!Accessible(method) || receiver is null || returnType is not (SpecialType.System_Double or SpecialType.System_Single)
            || method.Parameters.Any(p => Keyword(ElementOf(p.Type)).Length == 0 || p.RefKind is RefKind.Ref or RefKind.Out))
        {
            return;
        }

        bool[] differentiated = Differentiated(method);
        string signatureProblem = CheckSignature(method, companion, differentiated);
        if (signatureProblem.Length > 0)
        {
            _defects.Add((FuzzOutcome.WrongSignature, signatureProblem));
            return;
        }

        int index = _methods.Count;
        var unpack = new StringBuilder("        int o = 0;\n");
        var arguments = new List<string>();
        var buffers = new StringBuilder("        int p = 0;\n");
        var copyBack = new StringBuilder("        p = 0;\n");
        var bufferArguments = new List<string>();
        int inputs = 0;
        bool firstArray = true;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            string element = Keyword(ElementOf(parameter.Type));
            bool scalar = IsScalar(parameter.Type);
            ProbeInput input = _subject.Spec.Find(method.Name, parameter.Name) ?? new ProbeInput();
            int length = input.Array?.Length ?? input.Length;
            string a = "a" + i.ToString(CultureInfo.InvariantCulture);
            string n = length.ToString(CultureInfo.InvariantCulture);
            if (differentiated[i] && scalar)
            {
                unpack.Append($"        {element} {a} = ({element})x[o++];\n");
                inputs++;
            }
            else if (differentiated[i])
            {
                unpack.Append($"        {element}[] {a} = new {element}[{n}];\n        for (int q = 0; q < {n}; q++) {a}[q] = ({element})x[o++];\n");
                inputs += length;
            }
            else if (scalar)
            {
                unpack.Append($"        {element} {a} = {input.Scalar ?? DefaultScalar(element, i)};\n");
            }
            else
            {
                double[] values = input.Array ?? Enumerable.Range(0, length).Select(q => _fixedValues[(q + i) % _fixedValues.Length]).ToArray();
                unpack.Append($"        {element}[] {a} = new {element}[] {{ {string.Join(", ", values.Select(v => Literal(element, v)))} }};\n");
            }

            arguments.Add((parameter.RefKind == RefKind.In ? "in " : string.Empty) + a);
            if (!differentiated[i])
            {
                continue;
            }

            string b = "b" + i.ToString(CultureInfo.InvariantCulture);
            if (scalar)
            {
                buffers.Append($"        {element} {b} = ({element})pre[p++];\n");
                copyBack.Append($"        grad[p++] = {b};\n");
                bufferArguments.Add("ref " + b);
            }
            else
            {
                string bufferLength = firstArray ? $"mode == 2 ? {length + 1} : {n}" : n;
                firstArray = false;
                buffers.Append($"        {element}[] {b} = new {element}[{bufferLength}];\n        for (int q = 0; q < {n}; q++) {b}[q] = ({element})pre[p++];\n");
                copyBack.Append($"        for (int q = 0; q < {n}; q++) grad[p++] = {b}[q];\n");
                bufferArguments.Add(b);
            }
        }

        string call = receiver + "." + Escape(method.Name);
        string all = string.Join(", ", arguments.Concat(bufferArguments));
        string seedType = Keyword(returnType);
        string i0 = index.ToString(CultureInfo.InvariantCulture);
        _code.Append($"    public static double V{i0}(double[] x)\n    {{\n{unpack}        return {call}({string.Join(", ", arguments)});\n    }}\n\n");
        if (_twin is { } twin)
        {
            string twinCall = call.Replace("global::" + twin.Original + ".", "global::" + twin.Twin + ".", StringComparison.Ordinal);
            _code.Append($"    public static double T{i0}(double[] x)\n    {{\n{unpack}        return {twinCall}({string.Join(", ", arguments)});\n    }}\n\n");
        }

        _code.Append($"    public static double G{i0}(double[] x, double[] pre, double seed, double[] grad, int mode)\n    {{\n{unpack}{buffers}");
        IMethodSymbol? overload = OverwritingOverload(companion);
        bool overwrites = overload is not null;
        bool overwritingLoop = overload is not null && overload.DeclaringSyntaxReferences.Any(r => r.GetSyntax().ToFullString().Contains("over its old contents, which it does not load", StringComparison.Ordinal));
        string seeded = $"{call}WithGradient({all}{(all.Length > 0 ? ", " : string.Empty)}({seedType})seed)";
        string overwriting = overwrites ? $"mode == 3 ? {call}WithGradient({all}{(all.Length > 0 ? ", " : string.Empty)}false, ({seedType})seed) : " : string.Empty;
        _code.Append($"        double r = mode == 0 ? {call}WithGradient({all}) : {overwriting}{seeded};\n");
        _code.Append($"{copyBack}        return r;\n    }}\n\n");
        bool single = returnType == SpecialType.System_Single || method.Parameters.Any(p => ElementOf(p.Type) == SpecialType.System_Single);
        bool mayRound = single || MentionsFloat().IsMatch(_subject.Types);
        _methods.Add(new ProbeMethod(index, method.ToDisplayString(), inputs, single, !firstArray, _twin is not null, mayRound, _vectorized.Contains(method), overwrites, overwritingLoop));
    }

    private static string CheckSignature(IMethodSymbol method, IMethodSymbol companion, bool[] differentiated)
    {
        var expected = method.Parameters.Select(p => (p.RefKind == RefKind.In ? "in " : string.Empty) + p.Type.ToDisplayString()).ToList();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (differentiated[i])
            {
                string element = Keyword(ElementOf(method.Parameters[i].Type));
                expected.Add(IsScalar(method.Parameters[i].Type) ? "ref " + element : "System.Span<" + element + ">");
            }
        }

        expected.Add(method.ReturnType.ToDisplayString() + " = 1");
        var actual = companion.Parameters.Select(p => (p.RefKind switch { RefKind.Ref => "ref ", RefKind.In => "in ", _ => string.Empty }) + p.Type.ToDisplayString()
            + (p.HasExplicitDefaultValue ? " = " + Convert.ToString(p.ExplicitDefaultValue, CultureInfo.InvariantCulture) : string.Empty)).ToList();
        bool returns = SymbolEqualityComparer.Default.Equals(companion.ReturnType, method.ReturnType) && companion.IsStatic == method.IsStatic;
        return returns && expected.SequenceEqual(actual)
            ? string.Empty
            : $"'{method.ToDisplayString()}': expected companion ({string.Join(", ", expected)}), got {companion.ReturnType.ToDisplayString()} {companion.Name}({string.Join(", ", actual)})";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(float|Single|MathF)\b|\d[fF]\b")]
    private static partial System.Text.RegularExpressions.Regex MentionsFloat();

    private static string DefaultScalar(string element, int ordinal) => element switch
    {
        "int" => "2",
        "bool" => "true",
        _ => Literal(element, _fixedValues[ordinal % _fixedValues.Length]),
    };

    private static string Literal(string element, double value) => element switch
    {
        "float" => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f",
        "int" => ((int)value).ToString(CultureInfo.InvariantCulture),
        "bool" => value != 0 ? "true" : "false",
        _ => value.ToString("R", CultureInfo.InvariantCulture) + "d",
    };
}
