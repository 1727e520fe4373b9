namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The fuzzer's oracle catches what it claims to catch (a wrong hand-written derivative, a refusal) and does
/// not cry wolf where plain finite differences would mislead: stopped gradients, a kink exactly at the point,
/// a staircase finer than the steps, float rounding, a method that throws (as its companion must too).
/// </summary>
public sealed class FuzzHarnessTests
{
    private static readonly (string Name, FuzzSubject Subject, FuzzOutcome Expected, bool Compares)[] Cases =
    [
        ("wrong custom derivative", Subject("""
            public static class Rules
            {
                [CustomGradient(nameof(SquareWithGradient))]
                public static double Square(double x) => x * x;

                public static double SquareWithGradient(double x, ref double xGrad, double outputGradient)
                {
                    xGrad += outputGradient * x;
                    return x * x;
                }
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Rules.Square(x) + x;
            }
            """), FuzzOutcome.WrongGradient, true),
        ("throws in both", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, ReadOnlySpan<double> v) => v[v.Length] * x;
            }
            """), FuzzOutcome.Differentiated, false),
        ("recursion is not run (a stack overflow would end the test run)", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, int n) => n <= 0 ? x : F(x * x, n - 1);
            }
            """), FuzzOutcome.InvalidProgram, false),
        ("refused in place", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    double s = x;
                    lock (typeof(Model)) { s *= x; }
                    return s;
                }
            }
            """), FuzzOutcome.Refused, false),
        ("stopped gradient", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, ReadOnlySpan<double> v) => Gradient.Stop(x * v[0]) * x + v[1] * Gradient.Stop(v[1]);
            }
            """), FuzzOutcome.Differentiated, true),
        ("kink exactly at the point", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Math.Min(Gradient.Stop(2 * x), 2 * x) + Math.Max(x * x, Gradient.Stop(x * x));
            }
            """), FuzzOutcome.Differentiated, false),
        ("a staircase finer than the steps (differences see the slope of the curve beneath; the derivative is 0)", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Math.Truncate(1e11 * Math.Exp(x));
            }
            """), FuzzOutcome.Differentiated, true),
        ("a gradient neither 0 nor the slope beneath a fine staircase is wrong", Subject("""
            public static class Rules
            {
                [CustomGradient(nameof(StairWithGradient))]
                public static double Stair(double x) => Math.Truncate(1e11 * Math.Exp(x));

                public static double StairWithGradient(double x, ref double xGrad, double outputGradient)
                {
                    xGrad += outputGradient * 3e11 * Math.Exp(x);
                    return Stair(x);
                }
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Rules.Stair(x);
            }
            """), FuzzOutcome.WrongGradient, true),
        ("rounding stairs: an intermediate far larger than the result (flat below 1e-9, slope -1)", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    double t = Math.Exp(Math.Exp(Math.Exp(1.0)));
                    t -= x + t;
                    return t;
                }
            }
            """), FuzzOutcome.Differentiated, true),
        ("float method", Subject("""
            public static partial class Model
            {
                [Differentiable]
                public static float F(float x, ReadOnlySpan<float> v)
                {
                    float s = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        s += MathF.Sin(v[i] * x) / (1.5f + v[i] * v[i]);
                    }

                    return s * MathF.Exp(x);
                }
            }
            """, "v[5]"), FuzzOutcome.Differentiated, true),
    ];

    private static readonly Lazy<IReadOnlyList<FuzzResult>> _results = new(() => FuzzHarness.Run(Cases.Select(c => c.Subject).ToArray()));

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Harness_ClassifiesKnownPrograms(string name)
    {
        int i = Array.FindIndex(Cases, c => c.Name == name);
        FuzzResult result = _results.Value[i];
        Assert.True(result.Outcome == Cases[i].Expected, $"expected {Cases[i].Expected}, got {result}");
        // Where finite differences are meaningful they are compared; at a kink they are skipped, not trusted.
        Assert.True(Cases[i].Compares == (result.Stats.Compared > 0), "gradient components compared: " + result.Stats);
    }

    private static FuzzSubject Subject(string types, string spec = "") => new("harness case", types, ProbeSpec.Parse(spec));
}
