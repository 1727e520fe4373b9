using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using SharpGrad.Generator.Diagnostics;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Compiles a batch of programs in memory, each in its own file and namespace, with the generator and the
/// analyzer, and classifies what each program got: refused (SG errors inside its methods), or generated
/// code, which is compiled with each program's probe and emitted. Every problem is pinned on one program by
/// file, generated hint name or method name; what cannot be pinned is reported for the caller to bisect.
/// </summary>
internal static partial class BatchCompiler
{
    private static readonly Lazy<CSharpCompilation> _empty = new(() => GeneratorHarness.Compile(string.Empty)
        .RemoveAllSyntaxTrees()
        .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999)));

    private static int _batches;

    public static string Namespace(int index) => "Fuzz.P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ProbeNamespace(int index) => "FuzzProbe.P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string TwinNamespace(int index) => "FuzzTwin.P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Lazy<SyntaxTree> _support = new(() => CSharpSyntaxTree.ParseText(StopTwin.SupportSource, GeneratorHarness.ParseOptions, "FuzzStop.cs"));

    [GeneratedRegex(@"Fuzz\.P(\d+)\b")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"'(\w+Exception)'|(\w+Exception):")]
    private static partial Regex ExceptionPattern();

    public static BatchOutput Compile(IReadOnlyList<FuzzSubject> subjects)
    {
        var output = new BatchOutput();
        SyntaxTree[] trees = subjects.Select((s, k) => CSharpSyntaxTree.ParseText(s.Render(Namespace(k)), GeneratorHarness.ParseOptions, "P" + k + ".cs")).ToArray();
        var treeIndex = trees.Select((t, k) => (t, k)).ToDictionary(p => p.t, p => p.k);
        CSharpCompilation compilation = _empty.Value.AddSyntaxTrees(trees).WithAssemblyName("FuzzBatch" + Interlocked.Increment(ref _batches));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new DifferentiableGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions);
        (Compilation generated, ImmutableArray<Diagnostic> generatorDiagnostics) = FuzzTimings.Measure("generator", () =>
        {
            driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation result, out ImmutableArray<Diagnostic> diagnostics);
            return (result, diagnostics);
        });

        var defects = Enumerable.Range(0, subjects.Count).Select(_ => new List<FuzzResult>()).ToArray();
        var generatedOf = new Dictionary<SyntaxTree, int>();
        foreach (SyntaxTree tree in generated.SyntaxTrees.Skip(trees.Length))
        {
            int? k = SubjectOf(Path.GetFileName(tree.FilePath)) ?? SubjectOf(tree.GetText().ToString());
            if (k is null)
            {
                output.Unattributable = "generated file '" + tree.FilePath + "' belongs to no program";
                return output;
            }

            generatedOf[tree] = k.Value;
            string text = tree.GetText().ToString();
            foreach (string kernel in new[] { "Dot", "AddScaled", "DotRows", "AddScaledRows", "MultiplyTransposed", "AddTransposedMultiply" }.Where(n => text.Contains("Kernels." + n + "(", StringComparison.Ordinal)))
            {
                FuzzTimings.Count("files calling " + kernel);
            }

            if (text.Contains("tape.Push", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files recording on the tape");
            }

            if (text.Contains("fused with it", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files with a fused loop");
            }

            if (text.Contains(".ConditionalSelect(", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files with a per-lane select in a vector loop");
            }

            if (text.Contains("the branch's direction, computed again from its condition", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files recomputing a branch's direction");
            }

            if (text.Contains("run as selects in the vector lanes", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files with an if-converted vector loop");
            }

            if (text.Contains("VectorMath.Relu(", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files with a vectorized Relu");
            }

            if (text.Contains("global::SharpGrad.Nn.Functional.", StringComparison.Ordinal) && text.Contains("WithGradient(", StringComparison.Ordinal))
            {
                FuzzTimings.Count("files differentiating through vector layer calls");
            }
        }

        bool crashed = false;
        foreach (Diagnostic diagnostic in generatorDiagnostics)
        {
            crashed |= diagnostic.Id is "CS8784" or "CS8785";
            int? k = diagnostic.Location.SourceTree is { } tree && treeIndex.TryGetValue(tree, out int owner) ? owner
                : SubjectOf(diagnostic.GetMessage()) ?? SubjectByMethodName(trees, diagnostic);
            if (k is null)
            {
                output.Unattributable = "generator diagnostic " + diagnostic;
                return output;
            }

            Match exception = ExceptionPattern().Match(diagnostic.GetMessage());
            string key = diagnostic.Id + (exception.Success ? ":" + exception.Groups[1].Value + exception.Groups[2].Value : string.Empty);
            defects[k.Value].Add(FuzzResult.Defect(subjects[k.Value], FuzzOutcome.GeneratorCrash, diagnostic.ToString(), key));
        }

        if (crashed)
        {
            // The generator contributed nothing to this batch: compile the others again without the culprits.
            for (int k = 0; k < subjects.Count; k++)
            {
                if (defects[k].Count > 0)
                {
                    output.Decided[k] = defects[k][0];
                }
                else
                {
                    output.Rerun.Add(k);
                }
            }

            return output;
        }

        var errorSpans = Enumerable.Range(0, subjects.Count).Select(_ => new List<TextSpan>()).ToArray();
        var errors = Enumerable.Range(0, subjects.Count).Select(_ => new List<string>()).ToArray();
        // The analyzer runs on the user's files alone: its verdicts cannot depend on generated code, and
        // analyzing the whole output would bind every generated method a second time.
        ImmutableArray<Diagnostic> analyzerDiagnostics = FuzzTimings.Measure("analyzer", () => compilation.WithAnalyzers([new DifferentiableAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
        foreach (Diagnostic diagnostic in analyzerDiagnostics.Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal)))
        {
            SyntaxTree? tree = diagnostic.Location.SourceTree;
            if (tree is not null && treeIndex.TryGetValue(tree, out int k))
            {
                TextSpan span = diagnostic.Location.SourceSpan;
                bool inside = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Span.Contains(span));
                if (!inside)
                {
                    defects[k].Add(FuzzResult.Defect(subjects[k], FuzzOutcome.MisplacedDiagnostic, diagnostic + " lies outside every method", diagnostic.Id));
                }
                else if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    errorSpans[k].Add(span);
                    errors[k].Add(diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else if (tree is not null && generatedOf.TryGetValue(tree, out int g))
            {
                defects[g].Add(FuzzResult.Defect(subjects[g], FuzzOutcome.MisplacedDiagnostic, diagnostic + " lies in generated code", diagnostic.Id));
            }
            else
            {
                output.Unattributable = "analyzer diagnostic without a location: " + diagnostic;
                return output;
            }
        }

        var probeOf = new Dictionary<SyntaxTree, int>();
        for (int k = 0; k < subjects.Count; k++)
        {
            (string, string)? twin = StopTwin.Needed(subjects[k]) ? (Namespace(k), TwinNamespace(k)) : null;
            ProbeBuilder probe = ProbeBuilder.Build(generated, trees[k], subjects[k], ProbeNamespace(k), errorSpans[k], twin);
            defects[k].AddRange(probe.Defects.Select(d => FuzzResult.Defect(subjects[k], d.Outcome, d.Detail)));
            if (probe.Methods.Count > 0)
            {
                probeOf[CSharpSyntaxTree.ParseText(probe.Source, GeneratorHarness.ParseOptions, "P" + k + ".Probe.cs")] = k;
                if (twin is not null)
                {
                    probeOf[CSharpSyntaxTree.ParseText(StopTwin.Render(subjects[k], TwinNamespace(k)), GeneratorHarness.ParseOptions, "P" + k + ".Twin.cs")] = k;
                }

                output.Probes[k] = probe.Methods;
            }

            if (errorSpans[k].Count > 0)
            {
                output.Refused[k] = errors[k];
            }
        }

        output.Image = Emit(generated.AddSyntaxTrees(probeOf.Keys).AddSyntaxTrees(_support.Value), subjects, trees, treeIndex, generatedOf, probeOf, defects, output);
        for (int k = 0; k < subjects.Count; k++)
        {
            if (defects[k].Count > 0)
            {
                output.Decided[k] = defects[k].OrderBy(d => Priority(d.Outcome)).First();
            }
        }

        return output;
    }

    private static int Priority(FuzzOutcome outcome) => outcome switch
    {
        FuzzOutcome.InvalidProgram => 0,
        FuzzOutcome.GeneratorCrash => 1,
        FuzzOutcome.NonCompilingOutput => 2,
        FuzzOutcome.MisplacedDiagnostic => 3,
        _ => 4,
    };

    /// <summary>Emits, dropping the programs whose generated code or probe does not compile, until the rest emits cleanly.</summary>
    private static byte[]? Emit(
        Compilation compilation,
        IReadOnlyList<FuzzSubject> subjects,
        SyntaxTree[] trees,
        Dictionary<SyntaxTree, int> treeIndex,
        Dictionary<SyntaxTree, int> generatedOf,
        Dictionary<SyntaxTree, int> probeOf,
        List<FuzzResult>[] defects,
        BatchOutput output)
    {
        while (true)
        {
            using var stream = new MemoryStream();
            EmitResult result = FuzzTimings.Measure("emit", () => compilation.Emit(stream));
            var broken = new HashSet<int>();
            // A warning the user's own code has too (x <= x, k = k) is inherited, not the generator's doing.
            var inherited = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && treeIndex.ContainsKey(t))
                .Select(d => (treeIndex[d.Location.SourceTree!], d.Id))
                .ToHashSet();
            foreach (Diagnostic diagnostic in result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
            {
                SyntaxTree? tree = diagnostic.Location.SourceTree;
                bool error = diagnostic.Severity == DiagnosticSeverity.Error;
                if (tree is not null && generatedOf.TryGetValue(tree, out int g) && !error && inherited.Contains((g, diagnostic.Id)))
                {
                    continue;
                }

                if (tree is not null && generatedOf.TryGetValue(tree, out g))
                {
                    defects[g].Add(FuzzResult.Defect(subjects[g], FuzzOutcome.NonCompilingOutput, diagnostic + "\n" + Excerpt(tree, diagnostic.Location.SourceSpan), diagnostic.Id));
                    broken.Add(g);
                }
                else if (tree is not null && probeOf.TryGetValue(tree, out int p) && error)
                {
                    defects[p].Add(FuzzResult.Defect(subjects[p], FuzzOutcome.InvalidProgram, "the probe or the Stop twin does not compile: " + diagnostic + "\n" + Excerpt(tree, diagnostic.Location.SourceSpan), diagnostic.Id));
                    broken.Add(p);
                }
                else if (tree is not null && treeIndex.TryGetValue(tree, out int k) && error)
                {
                    defects[k].Add(UserFileError(subjects[k], trees[k], diagnostic));
                    broken.Add(k);
                }
                else if (tree is null && error)
                {
                    output.Unattributable = "emit error without a location: " + diagnostic;
                    return null;
                }
            }

            foreach (int k in broken)
            {
                output.Probes.Remove(k);
            }

            if (result.Success)
            {
                FindRecursion(compilation, subjects, trees, generatedOf, defects, output);
                return stream.ToArray();
            }

            if (broken.Count == 0)
            {
                output.Unattributable = "emit failed: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3));
                return null;
            }

            SyntaxTree[] remove = compilation.SyntaxTrees.Where(t =>
                (generatedOf.TryGetValue(t, out int g) && broken.Contains(g)) || (probeOf.TryGetValue(t, out int p) && broken.Contains(p))
                || (treeIndex.TryGetValue(t, out int k) && broken.Contains(k) && defects[k].Any(d => d.Outcome == FuzzOutcome.InvalidProgram))).ToArray();
            compilation = compilation.RemoveSyntaxTrees(remove);
        }
    }

    /// <summary>Programs whose methods or companions call themselves are not run (a stack overflow would end the test run).</summary>
    private static void FindRecursion(Compilation compilation, IReadOnlyList<FuzzSubject> subjects, SyntaxTree[] trees, Dictionary<SyntaxTree, int> generatedOf, List<FuzzResult>[] defects, BatchOutput output)
    {
        foreach (int k in output.Probes.Keys.ToList())
        {
            SyntaxTree[] generated = generatedOf.Where(g => g.Value == k).Select(g => g.Key).ToArray();
            if (CallCycles.Find(compilation, [trees[k]]) is { } user)
            {
                defects[k].Add(FuzzResult.Defect(subjects[k], FuzzOutcome.InvalidProgram, $"'{user.ToDisplayString()}' is recursive; the fuzzer writes no recursion", "Recursive"));
                output.Probes.Remove(k);
            }
            else if (CallCycles.Find(compilation, [trees[k], .. generated]) is { } companion)
            {
                defects[k].Add(FuzzResult.Defect(subjects[k], FuzzOutcome.Hang, $"'{companion.ToDisplayString()}' is on a call cycle the user's code does not have: it would never return", "Recursive"));
                output.Probes.Remove(k);
            }
        }
    }

    /// <summary>An error in the user's file: the fuzzer's fault if the file alone does not compile, else the generated code's.</summary>
    private static FuzzResult UserFileError(FuzzSubject subject, SyntaxTree tree, Diagnostic diagnostic)
    {
        bool alone = _empty.Value.AddSyntaxTrees(tree).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return alone
            ? FuzzResult.Defect(subject, FuzzOutcome.InvalidProgram, "the program does not compile: " + diagnostic, diagnostic.Id)
            : FuzzResult.Defect(subject, FuzzOutcome.NonCompilingOutput, "the generated code breaks the user's file: " + diagnostic, diagnostic.Id);
    }

    private static string Excerpt(SyntaxTree tree, TextSpan span)
    {
        SourceText text = tree.GetText();
        int line = text.Lines.GetLineFromPosition(span.Start).LineNumber;
        return string.Join("\n", Enumerable.Range(Math.Max(0, line - 2), Math.Min(5, text.Lines.Count - Math.Max(0, line - 2)))
            .Select(i => (i == line ? ">> " : "   ") + text.Lines[i].ToString().Trim()));
    }

    private static int? SubjectOf(string text)
    {
        Match match = SubjectPattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>SG9999 from a late stage has no location, only the method's name: pin it if one program declares that name.</summary>
    private static int? SubjectByMethodName(SyntaxTree[] trees, Diagnostic diagnostic)
    {
        Match name = Regex.Match(diagnostic.GetMessage(), "gradient of '([^']+)'");
        if (!name.Success)
        {
            return null;
        }

        int[] owners = Enumerable.Range(0, trees.Length)
            .Where(k => trees[k].GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == name.Groups[1].Value))
            .ToArray();
        return owners.Length == 1 ? owners[0] : null;
    }
}
