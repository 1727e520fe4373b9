using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SharpGrad.Generator;
using SharpGrad.Generator.Diagnostics;

namespace SharpGrad.Generator.Tests;

/// <summary>Compiles source in memory, offline, and runs the generator and the analyzer on it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(() =>
    {
        // The test host's own framework assemblies plus the SharpGrad runtime: nothing is downloaded.
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(DifferentiableAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(string source, string path = "Model.cs")
        => CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path)],
            _references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new DifferentiableGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with generated files added and everything reported.</summary>
    public static GenerationResult Run(string source)
    {
        CSharpCompilation compilation = Compile(source);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new DifferentiableAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics, analyzerDiagnostics);
    }
}

internal sealed record GenerationResult(
    GeneratorDriverRunResult RunResult,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    public string GeneratedText => string.Join("\n", RunResult.GeneratedTrees.Select(t => t.GetText().ToString()));

    public IEnumerable<Diagnostic> AllDiagnostics => GeneratorDiagnostics.Concat(AnalyzerDiagnostics);

    /// <summary>Errors and warnings of the final compilation, generated files included.</summary>
    public IEnumerable<Diagnostic> CompilationProblems
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
