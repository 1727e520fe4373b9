using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SharpGrad.Generator.Tests;

/// <summary>
/// One case per diagnostic: the id, the exact location (the text between [| and |]) and the message.
/// A method with an error generates nothing; the analyzer reports where the user typed it.
/// </summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "SG0001", """
                [Differentiable]
                public static double F(double x)
                {
                    double y = x;
                    [|lock (typeof(Model)) { y = x * x; }|]
                    return y;
                }
            """, "'lock (typeof(Model)) { y = x * x; }' is not supported in a [Differentiable] method"
        },
        {
            "SG0002", """
                [Differentiable]
                public static double F(double x) => x * [|Environment.ProcessorCount|];
            """, "'Environment.ProcessorCount' is not differentiable"
        },
        {
            "SG0018", """
                [Differentiable]
                public static double H([NoGrad] double c, double p) => c * p;

                [Differentiable]
                public static double F(double x) => H([|x|], 2.0) + x;
            """, "the argument for 'c' of 'Model.H' depends on the differentiated parameters, but 'c' takes no gradient ([NoGrad])"
        },
        {
            "SG0019", """
                [Differentiable]
                public static void Layer(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = x[i] * 2; } }

                [Differentiable]
                public static double F(double[] h)
                {
                    Layer(h, [|h|]);
                    return h[0];
                }
            """, "'h' is passed to the output 'y' of 'Model.Layer' and also as 'x'"
        },
        {
            "SG0019", """
                [Differentiable]
                public static void Layer(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = x[i] * 2; } }

                [Differentiable]
                public static double F(ReadOnlySpan<double> w)
                {
                    double[] h = new double[4];
                    h[0] = w[0];
                    Layer(h.AsSpan(0, 2), [|h.AsSpan(2, 2)|]);
                    return h[3];
                }
            """, "'h' is passed to the output 'y' of 'Model.Layer' and also as 'x'"
        },
        {
            "SG0013", """
                [Differentiable]
                public static [|void|] F(double x, ReadOnlySpan<double> v) { }
            """, "it returns void and has no outputs"
        },
        {
            "SG0013", """
                [Differentiable]
                public static double F(double x, [Output] ReadOnlySpan<double> [|v|]) => x * v[0];
            """, "[Output] parameter 'v' must be a Span<float> or Span<double>"
        },
        {
            "SG0002", """
                [Differentiable]
                public static double Scaled(double x, [Output] Span<double> y) { y[0] = x; return x * x; }

                [Differentiable]
                public static double F(double x, double[] h) => x > 0 ? [|Scaled(x, h)|] : x;
            """, "the call to 'Model.Scaled', which writes outputs, here"
        },
        {
            "SG0002", """
                [Differentiable]
                public static double Scaled(double x, [Output] Span<double> y) { y[0] = x; return x * x; }

                [Differentiable]
                public static double F(double x, double[] h)
                {
                    double s = h[0] + [|Scaled(x, h)|];
                    return s;
                }
            """, "which writes outputs the same statement also reads"
        },
        {
            "SG0002", """
                [Differentiable]
                public static void Layer(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = x[i] * 2; } }

                [Differentiable]
                public static double F(ReadOnlySpan<double> w, double[] h)
                {
                    Layer(w, [|h[1..3]|]);
                    return h[1];
                }
            """, "'array[a..b]' passed as an output"
        },
        {
            "SG0003", """
                static double Helper(double v) => v * 2;

                [Differentiable]
                public static double F(double x) => [|Helper(x)|] + 1;
            """, "call to 'Model.Helper' is not differentiable: mark it [Differentiable] or give it a custom derivative"
        },
        {
            "SG0004", """
                [Differentiable]
                public static double F(double x, string [|label|]) => x;
            """, "parameter 'label' has type 'string'"
        },
        {
            "SG0006", """
                [[|Differentiable("y")|]]
                public static double F(double x) => x * x;
            """, "[Differentiable] names 'y', which is not a floating-point parameter of 'F'"
        },
        {
            "SG0007", """
                [Differentiable]
                public static double F(double x, [|double unused|]) => x * x;
            """, "the result of 'F' never depends on 'unused': its gradient is always zero"
        },
        {
            "SG0008", """
                [Differentiable]
                public static double F(double x)
                {
                    [|x|] = x * 2;
                    return x;
                }
            """, "assignment to the parameter 'x' is not supported in a [Differentiable] method: copy it into a local and change the local"
        },
        {
            "SG0009", """
                [Differentiable]
                public static double F(double x)
                {
                    double y = x;
                    [|foreach (double v in new double[] { x }) { y = y * v; }|]
                    return y;
                }
            """, "this loop cannot be differentiated"
        },
        {
            "SG0009", """
                [Differentiable]
                public static double F(double x)
                {
                    int n = 3;
                    double y = x;
                    [|for (int i = 0; i < n; i++)
                    {
                        y = y * x;
                        n = 2;
                    }|]

                    return y;
                }
            """, "'n' decides how many times the loop runs and changes inside it"
        },
        {
            "SG0011", """
                [Differentiable]
                public static double F(double x)
                {
                    Func<double, double> square = [|v => v * v|];
                    return x;
                }
            """, "a lambda or delegate cannot be differentiated"
        },
        {
            "SG0012", """
                [Differentiable]
                public static double F(double x)
                {
                    double y = x;
                    [|try { y = x * x; } catch (Exception) { }|]
                    return y;
                }
            """, "'try' is not supported in a [Differentiable] method: move error handling to the caller"
        },
        {
            "SG0013", """
                [Differentiable]
                public static double [|F|]<T>(double x) => x;
            """, "'F' cannot be differentiated: generic methods are not supported"
        },
        {
            "SG0002", """
                [Differentiable]
                public static double Scale(Span<double> x)
                {
                    x[0] = 2 * x[0];
                    return x[0];
                }

                [Differentiable]
                public static double F(double v)
                {
                    double[] w = new double[1];
                    w[0] = v;
                    return Scale([|w|]) + w[0];
                }
            """, "passing an array to the writable parameter 'x' of 'Model.Scale' is not differentiable: declare that parameter ReadOnlySpan<double>"
        },
        {
            "SG0015", """
                [Differentiable]
                public static double F(double x) => x * [|x.CompareTo(1.0)|];
            """, "call to 'Double.CompareTo' cannot be differentiated: which implementation runs is decided at run time"
        },
        {
            "SG0016", """
                [Differentiable]
                public static double F(double x, [NoGrad] double[] data) => x * [|System.Linq.Enumerable.Sum(data)|];
            """, "the LINQ call 'Sum' cannot be differentiated"
        },
        {
            "SG0017", """
                [Differentiable]
                public static double F(double x)
                {
                    double y = x;
                    again:
                    y = y * 0.5;
                    if (y > 1)
                    {
                        [|goto again;|]
                    }

                    return y;
                }
            """, "'goto' cannot be differentiated"
        },
        {
            "SG0014", """
                [[|CustomGradient("FGrad")|]]
                public static double F(double x) => x;

                public static double FGrad(double x, double outputGradient) => x;
            """, "[CustomGradient] on 'F' needs a method 'FGrad' in the same type (static for a static method, an instance method for an instance one) with parameters (double, ref double, double): it has (double, double)"
        },
        {
            "SG0014", """
                [[|CustomGradient(nameof(FGrad), Backward = nameof(FBack))|]]
                public static void F(ReadOnlySpan<double> x, Span<double> y) => x.CopyTo(y);

                public static void FGrad(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad, ReadOnlySpan<double> yGrad, Span<double> yInitialGrad) => x.CopyTo(y);

                public static void FBack(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad) { }
            """, "needs a method 'FBack' in the same type (static for a static method, an instance method for an instance one) with parameters (System.ReadOnlySpan<double>, System.Span<double>, System.Span<double>, System.ReadOnlySpan<double>, System.Span<double>): it has (System.ReadOnlySpan<double>, System.Span<double>, System.Span<double>)"
        },
        {
            "SG0014", """
                [[|CustomGradient(nameof(FGrad), Backward = nameof(FGrad))|]]
                public static double F(double x) => x;

                public static double FGrad(double x, ref double xGrad, double outputGradient) => x;
            """, "a backward method receives the outputs a call wrote, and this method has no outputs"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_IsReportedAtTheOffendingCode(string id, string method, string messageFragment)
    {
        (string source, TextSpan expectedSpan) = ExtractSpan(Sources.Method(method));
        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(result.AllDiagnostics, d => d.Id == id);
        Assert.Equal(expectedSpan, diagnostic.Location.SourceSpan);
        Assert.Contains(messageFragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            // The method in error gets no companion (a valid callee beside it still does).
            Assert.DoesNotContain(" FWithGradient(", result.GeneratedText);
        }
    }

    [Fact]
    public void NonPartialType_IsReported_SG0005()
    {
        const string source = """
            using SharpGrad;
            public static class Plain
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """;
        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(result.AllDiagnostics, d => d.Id == "SG0005");
        Assert.Equal("F", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("'Plain' must be declared partial so that SharpGrad can add 'FWithGradient' to it", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.RunResult.GeneratedTrees);
    }

    [Fact]
    public void EveryDescriptor_HasATestOrIsTheInternalError()
    {
        var tested = new HashSet<string>(Cases.Concat(ModelGeneratorTests.Cases).Select(c => (string)c[0])) { "SG0005" };
        foreach (var descriptor in SharpGrad.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.True(tested.Contains(descriptor.Id) || descriptor.Id == "SG9999", $"{descriptor.Id} has no test"); // SG9999: InternalErrorTests
            Assert.False(string.IsNullOrEmpty(descriptor.HelpLinkUri));
        }
    }

    [Fact]
    public void SupportedMethod_ProducesNoDiagnostics()
        => Assert.Empty(GeneratorHarness.Run(Sources.SeedLoss).AllDiagnostics);

    internal static (string Source, TextSpan Span) ExtractSpan(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}

public sealed class InternalErrorTests
{
    [Fact]
    public void FailureInsideAStage_BecomesSG9999_AskingForAReport()
    {
        var method = new SharpGrad.Generator.Ir.MethodIr(
            "Broken", "Demo", SharpGrad.Generator.Helpers.EquatableArray<SharpGrad.Generator.Ir.ContainingType>.Empty, "public", true,
            SharpGrad.Generator.Ir.NumericType.Double,
            SharpGrad.Generator.Helpers.EquatableArray<SharpGrad.Generator.Ir.IrParameter>.Empty,
            SharpGrad.Generator.Helpers.EquatableArray<SharpGrad.Generator.Ir.IrLocal>.Empty,
            SharpGrad.Generator.Helpers.EquatableArray<SharpGrad.Generator.Ir.IrStmt>.Empty);

        DifferentiableGenerator.GradientOrError result = DifferentiableGenerator.Guard(method, _ => throw new InvalidOperationException("stage exploded"));

        Assert.Null(result.Program);
        Assert.NotNull(result.Error);
        Diagnostic diagnostic = result.Error!.ToDiagnostic();
        Assert.Equal("SG9999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Broken'", message);
        Assert.Contains("InvalidOperationException: stage exploded", message);
        Assert.Contains("please report it", message);
    }
}
