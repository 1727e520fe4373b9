using Microsoft.CodeAnalysis;

namespace SharpGrad.Generator.Tests;

/// <summary>
/// Unusual but legal code: the generator either differentiates it into code that compiles cleanly or
/// reports SG diagnostics, and never crashes the compiler (CS8784/CS8785) or reports an internal error.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Snippets => new()
    {
        "[Differentiable] public static double Constant(double x) => 1.0;",
        "[Differentiable] public static double Optional(double x, double scale = 2) => x * scale;",
        "[Differentiable] public static double In(in double x) => x * x;",
        "[Differentiable] public static double Params(params double[] x) => x[0] * x[x.Length - 1];",
        "[Differentiable] public static float Mixed(float a, double b, int n) => (float)(a * b) + n;",
        "[Differentiable] public static double Shadowing(double x) { double s = 0; for (int i = 0; i < 2; i++) { double t = x * i; s += t; } for (int i = 0; i < 2; i++) { double t = s * x; s = t; } return s; }",
        "[Differentiable] public static double EmptyLoop(double x) { for (int i = 0; i < 0; i++) { } return x; }",
        "[Differentiable] public static double NestedTernary(double x) => x > 0 ? (x > 1 ? x * x : x) : -x;",
        "[Differentiable] public static double Names(double tape, double result, double d_tape, double outputGradient) => tape * result + d_tape * outputGradient;",
        "[Differentiable] public static double Parse(double x) => x * double.Parse(\"2\");",
        "[Differentiable] public static double Discard(double x) { _ = x * 2; return x; }",
        "[Differentiable] public static double Tuple(double x) { (double a, double b) = (x, x * 2); return a * b; }",
        "[Differentiable] public static double Switch(double x, int k) => k switch { 0 => x, _ => x * x };",
        "[Differentiable] public static double Checked(double x, int n) => checked(n + 1) * x;",
        "[Differentiable] public static double DoLoop(double x) { double y = x; do { y = y * 0.5; } while (y > 1); return y; }",
        "[Differentiable] public double Instance(double x) => x * x;",
        "public static partial class Inner { [Differentiable] public static double Nested(double x) => x * x; }",
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void UnusualCode_IsDifferentiatedOrReported_NeverCrashes(string member)
    {
        string source = Sources.Method(member).Replace("public static partial class Model", "public partial class Model");
        GenerationResult result = GeneratorHarness.Run(source);

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "SG9999");
        bool reported = result.AllDiagnostics.Any(d => d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (!reported)
        {
            Assert.NotEmpty(result.RunResult.GeneratedTrees);
            Assert.DoesNotContain(result.CompilationProblems, d => d.Location.SourceTree != result.Output.SyntaxTrees.First());
        }
    }

    private const string Layer = "[Differentiable] public static void Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = Math.Tanh(w[i] * x[i]); } } ";
    private const string Scored = "[Differentiable] public static double Scored(ReadOnlySpan<double> x, [Output] Span<double> y) { double s = 0; for (int i = 0; i < y.Length; i++) { y[i] = x[i] * x[i]; s += y[i]; } return s; } ";

    /// <summary>Vector methods and calls through them in unusual places: each is differentiated into code that compiles cleanly.</summary>
    public static TheoryData<string> VectorSnippets => new()
    {
        Layer + "[Differentiable] public static void ExpressionBodied(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y) => Layer(w, x, y);",
        Layer + "[Differentiable] public static void EndsWithReturn(ReadOnlySpan<double> w, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = w[i]; } return; }",
        Layer + "[Differentiable] public static double InWhile(ReadOnlySpan<double> w, ReadOnlySpan<double> x) { double[] h = new double[w.Length]; double s = 0; int k = 0; while (s < 10 && k < 5) { Layer(w, x, h); if (h[0] > 2) { break; } s += h[0] * h[0] + 1; k++; } return s; }",
        Layer + "[Differentiable] public static double InBranch(ReadOnlySpan<double> w, ReadOnlySpan<double> x, bool flag) { double[] h = new double[w.Length]; if (flag) { Layer(w, x, h); } else { h[0] = w[0]; } return h[0]; }",
        Scored + "[Differentiable] public static double DiscardedResult(ReadOnlySpan<double> x) { double[] y = new double[x.Length]; Scored(x, y); return y[0]; }",
        Scored + "[Differentiable] public static double InDeclarationInLoop(ReadOnlySpan<double> x) { double[] y = new double[x.Length]; double t = 0; for (int i = 0; i < 3; i++) { double e = Scored(x, y) * 2; t += e * y[i]; } return t; }",
        Scored + "[Differentiable] public static double InReturn(ReadOnlySpan<double> x) { double[] y = new double[x.Length]; return 1 + Scored(x, y); }",
        Scored + "[Differentiable] public static double InCondition(ReadOnlySpan<double> x) { double[] y = new double[x.Length]; if (Scored(x, y) > 1) { return x[0]; } return x[1]; }",
        Layer + "[Differentiable] public static double IntoInPlaceInput(double[] w, ReadOnlySpan<double> x) { Layer(x, x, w); return w[0] * w[1]; }",
        Layer + "[Differentiable] public static float Unused(float a) => a;" + "[Differentiable] public static double OutputNeverRead(ReadOnlySpan<double> w, ReadOnlySpan<double> x) { double[] h = new double[w.Length]; Layer(w, x, h); return w[0]; }",
        "[Differentiable] public static void Names(ReadOnlySpan<double> y, Span<double> yGrad, Span<double> yGradGrad) { for (int i = 0; i < y.Length; i++) { yGrad[i] = y[i]; yGradGrad[i] = y[i] * y[i]; } }",
        "[Differentiable] public static void FloatOutputs(ReadOnlySpan<float> x, Span<float> y, Span<float> z) { for (int i = 0; i < y.Length; i++) { y[i] = x[i] * 2f; z[i] = y[i] * y[i]; } }",
        "[Differentiable] public static void NeverWritten(ReadOnlySpan<double> x, Span<double> y) { }",
        Layer + "[Differentiable] public static double Slices(ReadOnlySpan<double> w, ReadOnlySpan<double> x) { double[] h = new double[2 * w.Length]; Layer(w, x[..w.Length], h.AsSpan(w.Length)); Layer(w.Slice(0), x.Slice(1, w.Length), h.AsSpan().Slice(0, w.Length)); return h[0] * h[h.Length - 1]; }",
    };

    [Theory]
    [MemberData(nameof(VectorSnippets))]
    public void VectorCode_IsDifferentiated_AndCompilesCleanly(string members)
    {
        GenerationResult result = GeneratorHarness.Run(Sources.Method(members));

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(result.RunResult.GeneratedTrees);
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString()));
    }
}
