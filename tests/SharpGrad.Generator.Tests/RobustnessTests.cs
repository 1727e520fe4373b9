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
}
