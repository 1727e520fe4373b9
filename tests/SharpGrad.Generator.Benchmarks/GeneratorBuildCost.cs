using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SharpGrad.Generator;

namespace SharpGrad.Generator.Benchmarks;

/// <summary>
/// What the generator adds to a build of a project with 200 differentiable methods (20 files of 10):
/// a cold run, and the run after an edit inside one method (what an IDE does on every keystroke).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBuildCost
{
    private const int Files = 20;
    private const int MethodsPerFile = 10;

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees = Enumerable.Range(0, Files).Select(f => CSharpSyntaxTree.ParseText(Source(f, edited: false), parse, $"Model{f}.cs")).ToArray();
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        ImmutableArray<MetadataReference> references = trusted.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Append(typeof(DifferentiableAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(trees[7], CSharpSyntaxTree.ParseText(Source(7, edited: true), parse, "Model7.cs"));
        _warmDriver = NewDriver().RunGenerators(_compilation);
    }

    [Benchmark(Baseline = true, Description = "cold: 200 methods")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "after an edit in one method")]
    public GeneratorDriver AfterEdit() => _warmDriver.RunGenerators(_edited);

    private static GeneratorDriver NewDriver()
        => CSharpGeneratorDriver.Create([new DifferentiableGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest));

    /// <summary>Ten methods mixing loops, branches, math calls and array writes, like real models.</summary>
    private static string Source(int file, bool edited)
    {
        var source = new StringBuilder("using System;\nusing SharpGrad;\nnamespace Bench;\npublic static partial class Model" + file + "\n{\n");
        for (int m = 0; m < MethodsPerFile; m++)
        {
            string op = edited && m == 3 ? "-" : "+";
            source.Append($$"""
                    [Differentiable]
                    public static double Loss{{m}}(ReadOnlySpan<double> w, double b, [NoGrad] ReadOnlySpan<double> x)
                    {
                        double[] h = new double[w.Length];
                        double total = 0;
                        for (int i = 0; i < w.Length; i++)
                        {
                            h[i] = Math.Tanh(w[i] * x[i] {{op}} b);
                            if (h[i] > 0.5)
                            {
                                total += h[i] * h[i];
                            }
                            else
                            {
                                total += Math.Exp(h[i] - 1) * {{m + 1}}.0;
                            }
                        }

                        return Math.Log(1 + total);
                    }

                """);
        }

        return source.Append("}\n").ToString();
    }
}
