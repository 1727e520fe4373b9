using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SharpGrad.Generator.Tests;

/// <summary>Model classes: the generated model file and instance companions, their diagnostics and their caching.</summary>
public sealed class ModelGeneratorTests
{
    private static readonly string[] _methodSteps = [TrackingNames.Parse, TrackingNames.Differentiate, TrackingNames.Optimize, TrackingNames.Emit];

    /// <summary>Invalid model declarations: the id, the exact location (between [| and |]) and a message fragment.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "SG0020", """
                public sealed class [|Plain|] : Module<float>
                {
                    [Parameter] public Parameter<float> W = new("w", 2);
                }
            """, "'Plain' must be declared partial: 'Plain' has [Parameter] or [Module] members"
        },
        {
            "SG0021", """
                public sealed partial class Model : Module<float>
                {
                    [Parameter] public int[] [|Counts|] = new int[2];
                }
            """, "[Parameter] 'Counts' has type 'int[]', which SharpGrad cannot train: a parameter is a Parameter<float> or a float[]"
        },
        {
            "SG0021", """
                public sealed partial class Model : Module<float>
                {
                    [Parameter] public Parameter<double> [|W|] = new("w", 2);
                }
            """, "the module is a Module<float>, so its parameters are Parameter<float> or float[]"
        },
        {
            "SG0021", """
                public sealed partial class Model : Module<float>
                {
                    [Module] public string [|Name|] = "";
                }
            """, "[Module] 'Name' has type 'string', which SharpGrad cannot train: a nested module is a class deriving from SharpGrad.Module<float>"
        },
        {
            "SG0021", """
                public sealed partial class Model : Module<float>
                {
                    [Parameter] public static Parameter<float> [|Shared|] = new("s", 1);
                }
            """, "a model's parameters and modules are instance members"
        },
        {
            "SG0022", """
                public sealed partial class [|Model|]
                {
                    [Parameter] public Parameter<float> W = new("w", 2);
                }
            """, "'Model' has [Parameter] or [Module] members but cannot be a model: it does not derive from SharpGrad.Module<float> or Module<double>"
        },
        {
            "SG0008", """
                public sealed partial class Model : Module<float>
                {
                    [Parameter] public float[] W = new float[2];

                    [Differentiable]
                    public float F(float x)
                    {
                        [|W[0]|] = x;
                        return x * W[1];
                    }
                }
            """, "assignment to an element of the member 'W' is not supported in a [Differentiable] method: a differentiable method must not change its module's parameters or state"
        },
        {
            "SG0002", """
                public sealed partial class Model
                {
                    [Parameter] public float[] W = new float[2];

                    [Differentiable]
                    public float F(float x) => x * [|W|][0];
                }
            """, "the [Parameter] 'W' of type 'float[]' is not differentiable: a plain array parameter needs gradient storage"
        },
        {
            "SG0002", """
                public sealed partial class Inner : Module<float>
                {
                    [Parameter] public Parameter<float> W = new("w", 1);

                    [Differentiable]
                    public float F(float x) => x * W[0];
                }

                public sealed partial class Model : Module<float>
                {
                    [Module] public Inner Marked = new();
                    public Inner Unmarked = new();

                    [Differentiable]
                    public float G(float x) => Marked.F(x) + [|Unmarked.F(x)|];
                }
            """, "the call to 'Inner.F' is not differentiable: a differentiable callee must be a non-generic static method, or a non-virtual [Differentiable] or [CustomGradient] instance method of this class or of a [Module] member"
        },
        {
            "SG0014", """
                public sealed partial class Chain : Module<float>
                {
                    [Parameter] public Parameter<float> W = new("w", 2);

                    [[|CustomGradient(nameof(ForwardWithGradient))|]]
                    public void Forward(ReadOnlySpan<float> x, Span<float> y) { }

                    public void ForwardWithGradient(ReadOnlySpan<float> x, Span<float> y, Span<float> xGrad, ReadOnlySpan<float> yGrad, Span<float> yInitialGrad = default) { }
                }
            """, "a module's instance method also needs the overload without the argument gradient buffers"
        },
        {
            "SG0014", """
                public sealed partial class Chain : Module<float>
                {
                    [[|CustomGradient(nameof(ForwardWithGradient))|]]
                    public void Forward(ReadOnlySpan<float> x, Span<float> y) { }

                    public static void ForwardWithGradient(ReadOnlySpan<float> x, Span<float> y, Span<float> xGrad, ReadOnlySpan<float> yGrad, Span<float> yInitialGrad) { }
                }
            """, "with parameters (System.ReadOnlySpan<float>, System.Span<float>, System.Span<float>, System.ReadOnlySpan<float>, System.Span<float>): it has (System.ReadOnlySpan<float>, System.Span<float>, System.Span<float>, System.ReadOnlySpan<float>, System.Span<float>) and is static"
        },
        {
            "SG0014", """
                public class Generic<T> : Module<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
                {
                    [CustomGradient(nameof(FGrad))]
                    public void F(ReadOnlySpan<T> x, Span<T> y) { }

                    public void FGrad(ReadOnlySpan<T> x) { }
                }

                public sealed partial class User : Module<float>
                {
                    [Module] public Generic<float> Inner = new();

                    [Differentiable]
                    public float L(ReadOnlySpan<float> x)
                    {
                        float[] y = new float[2];
                        [|Inner.F(x, y)|];
                        return y[0];
                    }
                }
            """, "[CustomGradient] on 'Generic.F' needs a method 'FGrad'"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidModel_IsReportedAtTheDeclaration(string id, string body, string messageFragment)
    {
        (string source, TextSpan expectedSpan) = DiagnosticTests.ExtractSpan("using System;\nusing SharpGrad;\n\n" + body);
        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(result.AllDiagnostics, d => d.Id == id);
        Assert.Equal(expectedSpan, diagnostic.Location.SourceSpan);
        Assert.Contains(messageFragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG9999");
    }

    [Theory]
    [InlineData("Weight", "weight")]
    [InlineData("Fc1", "fc1")]
    [InlineData("_fc1", "fc1")]
    [InlineData("RunningMean", "running_mean")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Conv2d", "conv2d")]
    [InlineData("already_snake", "already_snake")]
    public void MemberNames_BecomePyTorchStateDictNames(string member, string expected)
        => Assert.Equal(expected, SharpGrad.Generator.Emission.ModelEmitter.StateName(member));

    [Fact]
    public void CustomGradientInstanceMethodWithOutputs_IsCalledThroughItsOverloads()
    {
        // A hand-written layer (as Sequential is) with both companion overloads; a model calls it like a generated one.
        const string source = """
            using System;
            using SharpGrad;

            public sealed partial class Scale : Module<double>
            {
                [Parameter] public Parameter<double> S = new("s", 1);

                [CustomGradient(nameof(ForwardWithGradient))]
                public void Forward(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < x.Length; i++) { y[i] = S[0] * x[i]; } }

                public void ForwardWithGradient(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad, ReadOnlySpan<double> yGrad, Span<double> yInitialGrad = default)
                {
                    ForwardWithGradient(x, y, yGrad, yInitialGrad);
                    for (int i = 0; i < x.Length; i++) { xGrad[i] += S[0] * yGrad[i]; }
                }

                public void ForwardWithGradient(ReadOnlySpan<double> x, Span<double> y, ReadOnlySpan<double> yGrad, Span<double> yInitialGrad = default)
                {
                    for (int i = 0; i < x.Length; i++) { S.Grad[0] += x[i] * yGrad[i]; y[i] = S[0] * x[i]; }
                }
            }

            public sealed partial class Net : Module<double>
            {
                [Module] public Scale First = new();
                [Module] public Scale Second = new();

                [Differentiable]
                public double Loss(ReadOnlySpan<double> x)
                {
                    double[] h = new double[2];
                    double[] y = new double[2];
                    First.Forward(x, h);
                    Second.Forward(h, y);
                    return y[0] + y[1];
                }
            }
            """;
        GenerationResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.AllDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("this.Second.ForwardWithGradient(", result.GeneratedText);
        Assert.Contains("this.First.ForwardWithGradient(", result.GeneratedText);
    }

    [Fact]
    public void ModelClass_MatchesSnapshot()
        => Snapshots.AssertMatches("Model", GeneratorHarness.Run(ModelSources.Mlp).GeneratedText.Replace("\r\n", "\n"));

    [Fact]
    public void ModelClass_CompilesWithoutWarnings_AndNeedsNoDiagnostics()
    {
        GenerationResult result = GeneratorHarness.Run(ModelSources.Mlp);
        Assert.Empty(result.AllDiagnostics);
        Assert.Empty(result.CompilationProblems);

        // A model file per class, a companion per method, and the parameters-only companion of Forward (x is differentiated).
        string[] files = [.. result.RunResult.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order(StringComparer.Ordinal)];
        Assert.Equal(2, files.Count(f => f.EndsWith(".Module.g.cs", StringComparison.Ordinal)));
        Assert.Single(files, f => f.StartsWith("Demo.Neuron.Forward.", StringComparison.Ordinal) && f.EndsWith(".parameters.g.cs", StringComparison.Ordinal));
        Assert.Contains("public float LossWithGradient(global::System.ReadOnlySpan<float> x, global::System.ReadOnlySpan<float> y, global::System.Span<float> xGrad, float outputGradient = 1f)", result.GeneratedText);
        Assert.Contains("public float LossWithGradient(global::System.ReadOnlySpan<float> x, global::System.ReadOnlySpan<float> y, float outputGradient = 1f)", result.GeneratedText);
        Assert.Contains("this.First.ForwardWithGradient(", result.GeneratedText);
    }

    [Fact]
    public void NestedOutputLayers_Compile_AndAFirstLayerWithAConstantInputGetsNoGradientBuffer()
    {
        GenerationResult result = GeneratorHarness.Run(ModelSources.VectorLayers);
        Assert.Empty(result.AllDiagnostics);
        Assert.Empty(result.CompilationProblems);
        SyntaxTree parametersOnly = Assert.Single(result.RunResult.GeneratedTrees, t => Path.GetFileName(t.FilePath).StartsWith("Demo.Net.Loss.", StringComparison.Ordinal) && t.FilePath.EndsWith(".parameters.g.cs", StringComparison.Ordinal));
        string[] calls = [.. parametersOnly.GetText().ToString().Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("this.Fc", StringComparison.Ordinal) && l.Contains("WithGradient(", StringComparison.Ordinal))];
        Assert.Equal(2, calls.Length);

        // Fc2 carries h's gradient back (a buffer for h); Fc1's input x is constant here: (x, copy, seed, initial) only.
        Assert.StartsWith("this.Fc2.ForwardWithGradient(h, ", calls[0]);
        Assert.StartsWith("this.Fc1.ForwardWithGradient(x, ", calls[1]);
        Assert.Equal(4, calls[1].Split(',').Length);
        Assert.Equal(5, calls[0].Split(',').Length);
    }

    [Fact]
    public void EditInOneMethodOfAModel_RegeneratesOnlyThatMethod()
    {
        string edited = ModelSources.Mlp.Replace("(Margin * a * b)", "(Margin * a * a * b)");
        (GeneratorDriverRunResult second, _) = RunTwice(ModelSources.Mlp, edited);

        // Loss has two companions (full and parameters-only): both change; Forward's two are cached; no model file is rebuilt.
        IncrementalStepRunReason[] emits = Outputs(second, TrackingNames.Emit).ToArray();
        Assert.Equal(2, emits.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, emits.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.All(Outputs(second, TrackingNames.EmitModel), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void AddedMember_RegeneratesTheModelFileOnly()
    {
        string edited = ModelSources.Mlp.Replace("[Module]\n    public Neuron Second = new(3);", "[Module]\n    public Neuron Second = new(3);\n\n    [Parameter]\n    public float[] Extra = new float[2];");
        Assert.NotEqual(ModelSources.Mlp, edited);
        (GeneratorDriverRunResult second, _) = RunTwice(ModelSources.Mlp, edited);

        IncrementalStepRunReason[] models = Outputs(second, TrackingNames.EmitModel).ToArray();
        Assert.Single(models, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(models, r => r == IncrementalStepRunReason.Cached);
        Assert.All(Outputs(second, TrackingNames.Emit), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void SameModelTwice_EveryStepIsCached()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(ModelSources.Mlp, ModelSources.Mlp);
        foreach (string step in _methodSteps.Append(TrackingNames.Model).Append(TrackingNames.EmitModel))
        {
            Assert.All(Outputs(second, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }

    private static (GeneratorDriverRunResult Second, GeneratorDriverRunResult First) RunTwice(string first, string second)
        => IncrementalityTests.RunTwice(first, second);

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorDriverRunResult result, string step)
        => IncrementalityTests.Outputs(result, step);
}
