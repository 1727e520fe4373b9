namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Every defect the fuzzer found, shrunk to its smallest program and kept: each must now be refused in place
/// or differentiated correctly, through the same harness as the fuzzer (probe inputs in <see cref="ProbeSpec"/>'s text form).
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly (string Name, string Types, string Spec)[] Cases =
    [
        ("an element compared with itself, held in one local by scalar replacement (CS1718)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> v)
                {
                    double total = v[0];
                    for (int i = 0; i <= 4 - 1; i += 2)
                    {
                        for (int j = 0; j <= v.Length; j++)
                        {
                            bool b6 = (v[(i / 2 + 0)] >= v[(i / 2 + 0)]);
                        }
                    }
                    return total;
                }
            }
            """, ""),
        ("a shared call whose argument throws on the arm the method does not take (Math.Sign(NaN))", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double z)
                {
                    double[] buf1 = new double[4];
                    double t2 = (buf1[1] / Math.Clamp(((int)buf1[1]), 0, 4));
                    return ((1.0 >= z) ? z : Math.Pow(1.5 + ((double)Math.Min(1, Math.Clamp(Math.Sign(buf1[(Math.Sign(t2) + 1)]), 0, 4))) * ((double)Math.Min(1, Math.Clamp(Math.Sign(buf1[(Math.Sign(t2) + 1)]), 0, 4))), z));
                }
            }
            """, "z=-0.279553"),
        ("equal products compared, shared into one local (CS1718)", """
            public static partial class Model
            {
                [Differentiable]
                public static float F(float x) => ((x * x) <= (x * x)) ? x : 1.0f;
            }
            """, ""),
        ("overloads differing only by 'in' (CS8785 duplicate hint name)", """
            public static partial class Helpers
            {
                [Differentiable]
                public static double H(double b, double c, double a) => b * c * a;

                [Differentiable]
                public static double H(in double b, double c, double a) => b + c + a;
            }
            """, ""),
        ("verbatim parameter name @in (CS1001)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double y, int m, int @in, [NoGrad] ReadOnlySpan<double> data) => y * @in + data[0];
            }
            """, "data=[1.5,0.5]"),
        ("verbatim parameter name @class (CS1001)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double y, [NoGrad] ReadOnlySpan<double> targets, int @class) => y * targets[@class];
            }
            """, "targets=[1.5,0.5,2] class=2"),
        ("named arguments out of order into a span function (CS1503)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double y)
                {
                    double[] buf0 = new double[3];
                    buf0[1] = y;
                    return Functions.SoftmaxCrossEntropy(target: Math.Clamp(1, 0, 2), logits: buf0);
                }
            }
            """, ""),
        ("named arguments out of order into Huber (wrong value)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double y) => Functions.Huber(target: 1.0, delta: 2.0, prediction: y);
            }
            """, ""),
        ("Math.Abs of NaN (the gradient threw ArithmeticException)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Math.Abs(Math.Sqrt(-1 - x * x)) + x;
            }
            """, ""),
        ("a method of a file type (no companion, no error)", """
            file static partial class Model
            {
                [Differentiable]
                public static double F(Span<double> u) => u[0] * u[1];
            }
            """, "u[3]"),
        ("a local named nameof (CS0841 in the buffer check)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(int m, Span<double> xs)
                {
                    double nameof = 1.0;
                    return xs[0] * nameof;
                }
            }
            """, ""),
        ("a parameter named nameof (CS0149 in the buffer check)", """
            public static partial class Model
            {
                [Differentiable]
                public static float H(ReadOnlySpan<float> v, ReadOnlySpan<float> nameof) => v[0] * nameof[1];
            }
            """, "v[2] nameof[2]"),
        ("a constant condition (CS0162 unreachable code in the reverse sweep)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, double z) => (false ? z : 1.0) * x;
            }
            """, ""),
        ("an int multiplied by 1 (CS1717 self-assignment)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    int k0 = 1;
                    k0 *= 1;
                    return x * k0;
                }
            }
            """, ""),
        ("Min of a value with itself (CS1718 in the derivative rule)", """
            public static partial class Model
            {
                [Differentiable]
                public static float F(float x) => MathF.Min(x, x);
            }
            """, ""),
        ("Min with its own stopped value (CS1718 in the derivative rule)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Math.Min(Gradient.Stop(x), x) * x;
            }
            """, ""),
        ("a call to the 'in' overload (differentiated through the by-value one: wrong value)", """
            public static partial class Model
            {
                [Differentiable]
                public static double H(double v) => v * 2;

                [Differentiable]
                public static double H(in double v) => v * v;

                [Differentiable]
                public static double F(double z) => H(in z);
            }
            """, ""),
        ("a by-value overload calling its 'in' twin (the companion calls itself: stack overflow)", """
            public static partial class Helpers
            {
                [Differentiable]
                public static double H(in double z) => z * z;

                [Differentiable]
                public static double H(double z) => H(in z) * 2;
            }
            """, ""),
        ("an overwritten element whose index a call computes from the same array (index re-evaluated after the write)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    double[] t = new double[2];
                    t[0] = x * x + 1;
                    t[Functions.Max(t) < 50 ? 0 : 1] *= 100;   // index 0; after the write Max(t) >= 100 would say 1
                    return t[0] + t[1];
                }
            }
            """, ""),
        ("the same with the index computed from a span parameter by MeanSquaredError", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(Span<double> xs, double a, double x2, ReadOnlySpan<double> v)
                {
                    xs[(((int)Functions.MeanSquaredError(xs, v)) % 5 + 5) % 5] *= a;
                    return (1.0 + xs[1]);
                }
            }
            """, "xs[5] v[5]"),
        ("a throwing computation whose result is unused (the companion skips it and returns)", """
            public static partial class Model
            {
                [Differentiable]
                public static float F(float x)
                {
                    int k = MathF.Sign(x * float.NaN);
                    return x;
                }
            }
            """, ""),
        ("Cbrt at 0 of an expression whose derivative is 0 (0 * infinity = NaN)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double a) => double.Cbrt(a - a) + a;
            }
            """, ""),
        ("an int decremented by 0 (CS1717 self-assignment)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F([NoGrad] double a, ReadOnlySpan<double> weights)
                {
                    int k0 = 1;
                    k0 -= 0;
                    return weights[k0] * a;
                }
            }
            """, ""),
        ("a folded condition comparing a variable with itself (CS1718 in the forward sweep)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    int w8 = 0;
                    while (w8 < 2 && ((((-0.5) > -0.5) ? 1 : w8) != w8))
                    {
                        w8++;
                    }

                    return x * w8;
                }

                [Differentiable]
                public static double G(double x)
                {
                    double y = x * x;
                    double s = 0;
                    if ((1.0 > 2.0 ? 0.5 : y) == y) { s += x; }
                    if ((1.0 > 2.0 ? 0.5 : y) < y) { s += y; }
                    return s + y;
                }
            }
            """, ""),
        ("a loop restored inside a loop that breaks (the reverse loop's bound was read with its end value: IndexOutOfRange)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> w)
                {
                    double t0 = 1.0;
                    double _ = (w[(1 & 3)] * t0);
                    for (int j = 0; j < 1; j++)
                    {
                        if ((1.0 < 0.5))
                        {
                            break;
                        }
                        for (int i = j - 1; i >= 0; i--)
                        {
                            t0 = 1.0;
                        }
                    }
                    return _;
                }
            }
            """, "w[5]"),
        ("the same with the restored value read after the loops", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, ReadOnlySpan<double> w)
                {
                    double t = x;
                    double s = w[0] * t;
                    for (int j = 0; j < 3; j++)
                    {
                        if (s > 100.0)
                        {
                            break;
                        }
                        for (int i = j - 1; i >= 0; i--)
                        {
                            t = t * x + w[i];
                        }
                        s += t;
                    }
                    return s * t;
                }
            }
            """, "w[3]"),
        ("an int remainder of constants left unfolded and unused (CS0219 on its local)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> w)
                {
                    double t0 = 1.0;
                    int k1 = ((true ? 1 : w.Length) % 4);
                    int k2 = w.Length % 3;
                    return t0 * w[0];
                }
            }
            """, "w[4]"),
        ("a result that cancels an intermediate 2e6 times larger (rounding stairs; the fuzzer took them for a staircase)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double[] u)
                {
                    double t0 = 1.0;
                    for (int j = 0; j <= u.Length - 1; j++)
                    {
                        t0 = Math.Exp(t0);
                    }
                    t0 -= (u[Math.Clamp(1, 0, 2)] + t0);
                    return t0;
                }
            }
            """, "u[3]"),
        ("a comparison of two equal calls, which call reuse makes one local compared with itself (CS1718)", """
            public static partial class Model
            {
                [Differentiable]
                public static double H(double b)
                {
                    double t1 = ((Math.Sign(b) <= Math.Sign(b)) ? 1.0 : 1.0);
                    return t1;
                }
            }
            """, ""),
        ("vector layer calls on slices of local arrays and parameters, in a loop", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(double[] u, double y)
                {
                    double[] buf0 = new double[4];
                    double total = 0.0;
                    for (int i = 0; i < 3; i++)
                    {
                        buf0[i] += u[i] * y;
                        global::SharpGrad.Nn.Functional.LogSoftmax(u.AsSpan(0, 3), buf0.AsSpan(1, 3));
                        global::SharpGrad.Nn.Functional.Tanh(buf0, u);
                        total += buf0[0] * u[3] + buf0[2];
                    }
                    return total;
                }
            }
            """, "u[4]"),
        ("an empty branch on Math.Sign of NaN dropped, so the companion did not throw where the method does", """
            public static partial class Model
            {
                [Differentiable]
                public static float F(ReadOnlySpan<float> returned)
                {
                    float t1 = MathF.Abs(MathF.Sqrt(-1.0f - 1.0f * 1.0f)) + 1.0f;
                    float t2 = t1;
                    if ((((float)MathF.Sign(t2)) != 1.0f))
                    {
                    }
                    return 1.0f;
                }
            }
            """, "returned[5]"),
        ("Math.Sign of NaN in the arm a conditional skips (the gradient computed it first and threw)", """
            public static partial class Model
            {
                [Differentiable]
                public static float F125(Span<float> v)
                {
                    float t1 = MathF.Abs(MathF.Sqrt(-1.0f - 1.0f * 1.0f)) + 1.0f;
                    return v[(((1 < v.Length) ? 1 : MathF.Sign(t1)) & 3)];
                }
            }
            """, "v[5]"),
        ("a layer nest whose sample loop runs no iterations by its constant bounds (its product scratch must not be rented at a negative size)", """
            public static partial class Model
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
                {
                    double total = 0;
                    for (int i = 3; i < 1; i++)
                    {
                        for (int k = 0; k < 2; k++)
                        {
                            double z = 0.5;
                            for (int c = 0; c < 3; c++)
                            {
                                z += w[k * 3 + c] * x[i * 3 + c];
                            }

                            total += Math.Tanh(z);
                        }
                    }

                    return total + w[0] * x[1];
                }
            }
            """, "w[6] x[9]"),
    ];

    private static readonly Lazy<IReadOnlyList<FuzzResult>> _results
        = new(() => FuzzHarness.Run(Cases.Select(c => new FuzzSubject(c.Name, c.Types, ProbeSpec.Parse(c.Spec))).ToArray()));

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void FoundByTheFuzzer_IsRefusedInPlaceOrDifferentiatedCorrectly(string name)
    {
        FuzzResult result = _results.Value[Array.FindIndex(Cases, c => c.Name == name)];
        Assert.False(result.IsDefect, result.ToString());
    }
}
