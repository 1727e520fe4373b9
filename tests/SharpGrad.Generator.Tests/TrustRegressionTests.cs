using Microsoft.CodeAnalysis;

namespace SharpGrad.Generator.Tests;

/// <summary>
/// Issue 8's reproducers that are about what the compiler reports: no crash, no error inside a generated
/// file, and one diagnostic per root cause, at the spot. (The gradient reproducers are catalogue methods in
/// SharpGrad.Gradients.Tests.)
/// </summary>
public sealed class TrustRegressionTests
{
    [Fact]
    public void OverloadsByModifier_BothGenerate_NoCrash()
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method("""
            [Differentiable] public static double F(double x) => x * x;
            [Differentiable] public static double F(in double x) => x * x * x;
            [Differentiable] public static double G(double x) => x * 3;
            """));

        AssertClean(result);
        Assert.Equal(3, result.RunResult.GeneratedTrees.Length);
    }

    [Fact]
    public void EqualProductsCompared_FoldAfterSharing_NoCS1718()
    {
        // Fuzz seed 60, program 805: sharing x * x made the comparison v <= v, which C# warns about; it folds to !IsNaN(v).
        GenerationResult result = GeneratorHarness.Run(Sources.Method("""
            [Differentiable] public static float F(float x) => ((x * x) <= (x * x)) ? x : 1.0f;
            [Differentiable] public static double G(double x) => ((x * x) == (x * x)) ? x : 2 * x;
            """));

        AssertClean(result);
        Assert.Contains("!global::System.Single.IsNaN(xSquared)", result.GeneratedText);
    }

    [Fact]
    public void DuplicateDeclaration_LeavesTheCompilersError_AndTheOtherCompanions()
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method("""
            [Differentiable] public static double F(double x) => x * x;
            [Differentiable] public static double F(double y) => y;
            [Differentiable] public static double G(double x) => x * 3;
            """));

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Contains(result.Output.GetDiagnostics(), d => d.Id == "CS0111");
        Assert.Contains(" GWithGradient(", result.GeneratedText);
        Assert.DoesNotContain(" FWithGradient(", result.GeneratedText);
    }

    [Fact]
    public void FileLocalType_IsRefused_AtTheMethod()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using SharpGrad;
            namespace Demo;
            file static partial class Hidden { [Differentiable] public static double F(double x) => x * x; }
            public static partial class Model { [Differentiable] public static double G(double x) => Hidden.F(x) + x; }
            """);

        Diagnostic error = Assert.Single(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SG0013", error.Id);
        Assert.Contains("'file' type", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("F", result.Output.SyntaxTrees.First().GetText().ToString(error.Location.SourceSpan));
        AssertNoErrorsInGeneratedFiles(result);
    }

    [Theory]
    [InlineData("[Differentiable] static double Bad(double x) { foreach (char c in \"ab\") { } return x; }", "SG0009")]
    [InlineData("[CustomGradient(\"BadGrad\")] static double Bad(double x) => x; static double BadGrad(double x, double seed) => x;", "SG0014")]
    public void CallerOfARefusedCallee_GetsOnlyTheCalleesError(string callee, string id)
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method(callee + """

            [Differentiable] public static double F(double x) => Bad(x) * 2;
            [Differentiable] public static double G(double x) => F(x) + 1;
            """));

        Diagnostic error = Assert.Single(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        AssertNoErrorsInGeneratedFiles(result);
        Assert.DoesNotContain(" FWithGradient(", result.GeneratedText);
        Assert.DoesNotContain(" GWithGradient(", result.GeneratedText);
    }

    [Theory]
    [InlineData("public static double F(double x, double y) => Functions.Huber(x, 0, [|delta: y|]);", "delta")]
    [InlineData("public static double F(double x, double slope) => Functions.LeakyRelu(x, [|slope|]);", "negativeSlope")]
    [InlineData("public static double F(double x) => H([|c: x * 2|], p: 1.0);\n[Differentiable] static double H([NoGrad] double c, double p) => c * p;", "c")]
    public void DifferentiatedArgument_ToANoGradParameter_IsRefusedAtTheArgument(string method, string parameter)
    {
        (string source, Microsoft.CodeAnalysis.Text.TextSpan span) = DiagnosticTests.ExtractSpan(Sources.Method("[Differentiable]\n" + method));
        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic error = Assert.Single(result.AllDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("SG0018", error.Id);
        Assert.Equal(span, error.Location.SourceSpan);
        Assert.Contains($"'{parameter}'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ConstantToANoGradParameter_NeedsNoStop_AndGetsNoFalseSG0007()
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method("""
            [Differentiable] static double H([NoGrad] double c, double p) => c * p;
            [Differentiable] public static double F(double x, [NoGrad] double k) => H(k, x) + H(Gradient.Stop(x), 2.0);
            """));

        AssertClean(result);
        Assert.Contains(" FWithGradient(", result.GeneratedText);
    }

    [Theory]
    [InlineData("public static double F(double x, System.Collections.Generic.List<double> [|list|]) => x * list[0] + list.Count;", "SG0004")]
    [InlineData("public static double F(double[] v) { ref double [|r = ref v[0]|]; r = r * 2; return v[0] + r; }", "SG0001")]
    [InlineData("public static double F(double x) { double Twice(double y) => 2 * y; return [|Twice(x) + x|]; }", "SG0011")]
    [InlineData("public static double F(double x) { double s = 0; for (int r = 1; r < 3; r++) { double[] [|t = new double[r]|]; t[0] = x; s += t[0]; } return s; }", "SG0001")]
    public void OneRootCause_OneError(string method, string id)
    {
        (string source, Microsoft.CodeAnalysis.Text.TextSpan span) = DiagnosticTests.ExtractSpan(Sources.Method("[Differentiable]\n" + method));
        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic error = Assert.Single(result.AllDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(id, error.Id);
        if (id != "SG0011")
        {
            Assert.Equal(span, error.Location.SourceSpan);
        }
    }

    [Theory]
    [InlineData("public static double F(double x, long n, uint u) => x * (n + u) + ((int)(n >> 1) & 3);")]
    [InlineData("public static double F(double x) { int bits = 6; bits <<= 1; bits |= 1; return x * (bits ^ 3) * (~bits & 0xf); }")]
    [InlineData("public static double F(double x) { double s = 0; for (int i = 0; 3 > i; i++) { s += x * i; } return s; }")]
    [InlineData("public static double F(double x) => double.Exp(x) + float.Sqrt((float)x * (float)x + 1f) + double.Clamp(x, -1, 1);")]
    [InlineData("public static double F(double @in, double @class) { double @double = @in * @class; return @double; }")]
    [InlineData("public static double F(double x, double z) => (false ? z : 1.0) * x;")]
    [InlineData("public static double F(double x) { double s = x; while (false) { } return s * (1 > 2 ? 3 : 1); }")]
    [InlineData("public static float F(float x) => MathF.Min(x, x) + MathF.Max(x, Gradient.Stop(x));")]
    [InlineData("public static double F(double x) { int k0 = 1; k0 *= 1; return x * k0; }")]
    [InlineData("public static double F(double x, double y) => (Gradient.Stop(y) == y ? y : 2.0) * x;")]
    [InlineData("public static double F(ReadOnlySpan<double> v, ReadOnlySpan<double> nameof) => v[0] * nameof[1];")]
    public void FormerlyRefusedCode_Generates_AndCompilesCleanly(string method)
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method("[Differentiable]\n" + method));

        AssertClean(result);
        Assert.Contains(" FWithGradient(", result.GeneratedText);
    }

    private static void AssertClean(GenerationResult result)
    {
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(result.CompilationProblems);
    }

    private static void AssertNoErrorsInGeneratedFiles(GenerationResult result)
    {
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        SyntaxTree userFile = result.Output.SyntaxTrees.First();
        Assert.DoesNotContain(result.CompilationProblems, d => d.Location.SourceTree != userFile);
    }
}
