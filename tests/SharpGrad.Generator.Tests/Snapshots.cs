namespace SharpGrad.Generator.Tests;

/// <summary>
/// Golden files of generated code under Snapshots/. Set the environment variable
/// SHARPGRAD_UPDATE_SNAPSHOTS=1 and run the tests to rewrite them after an intended change, then review the diff.
/// </summary>
internal static class Snapshots
{
    public const string FloatMathBranches = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Activations
        {
            [Differentiable]
            public static float Score(ReadOnlySpan<float> x, float scale)
            {
                float total = 0f;
                for (int i = 0; i < x.Length; i++)
                {
                    float v = scale * x[i];
                    if (v > 0f)
                    {
                        total += MathF.Tanh(v);
                    }
                    else
                    {
                        total += 0.1f * v;
                    }
                }

                return total > 1f ? MathF.Log(total) : total - 1f;
            }
        }
        """;

    /// <summary>W4's loss (a map with a + reduction) and a two-array one, in double and float, each fused and vectorized; a log of a sum, whose adjoint needs the sum, vectorized in both sweeps apart.</summary>
    public const string VectorizedLoops = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Losses
        {
            [Differentiable]
            public static double TanhExp(ReadOnlySpan<double> x)
            {
                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    double t = Math.Tanh(0.75 * x[i] - 0.25);
                    sum += t * t * Math.Exp(-x[i]);
                }

                return sum;
            }

            [Differentiable]
            public static float Weighted(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
            {
                float sum = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    sum += a[i] * MathF.Exp(b[i] * 0.5f) - b[i] / 3;
                }

                return sum;
            }

            [Differentiable]
            public static double LogSum(ReadOnlySpan<double> x)
            {
                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i] * 0.5);
                }

                return Math.Log(sum);
            }
        }
        """;

    /// <summary>Loops whose values or derivatives choose by per-lane comparisons: a Relu layer, and Max and Abs.</summary>
    public const string LaneSelects = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Layers
        {
            [Differentiable]
            public static float ReluLayer(ReadOnlySpan<float> x, ReadOnlySpan<float> b)
            {
                var h = new float[x.Length];
                for (int k = 0; k < x.Length; k++)
                {
                    h[k] = Functions.Relu(b[k] + x[k] * 1.5f);
                }

                float total = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    total += h[k] * x[k];
                }

                return total;
            }

            [Differentiable]
            public static double MaxAbs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double sum = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    sum += Math.Max(a[i], b[i]) * a[i] + Math.Abs(b[i] - 0.5);
                }

                return sum;
            }
        }
        """;

    public const string SteppedLoop = """
        using SharpGrad;

        namespace Demo;

        public partial class Series
        {
            [Differentiable(nameof(a))]
            public double EvenTerms(double[] a, double x)
            {
                double sum = 0;
                double power = 1;
                for (int i = 0; i < a.Length; i += 2)
                {
                    sum += a[i] * power;
                    power *= x * x;
                }

                return sum;
            }
        }
        """;

    public const string WhileBreakCall = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Solver
        {
            [Differentiable]
            public static double Penalty(double r) => r * r;

            [Differentiable]
            public static double Relax(ReadOnlySpan<double> w, double rate)
            {
                double x = 0;
                int steps = 0;
                while (steps < 100)
                {
                    double residual = x - w[steps % w.Length];
                    if (Math.Abs(residual) < 1e-6)
                    {
                        break;
                    }

                    x -= rate * residual;
                    steps++;
                }

                return Penalty(x) + rate;
            }
        }
        """;

    public const string VectorLayer = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Layers
        {
            [Differentiable]
            public static void Linear(ReadOnlySpan<float> w, ReadOnlySpan<float> b, [NoGrad] ReadOnlySpan<float> x, Span<float> y)
            {
                for (int o = 0; o < y.Length; o++)
                {
                    y[o] = b[o];
                    for (int j = 0; j < x.Length; j++)
                    {
                        y[o] += w[(o * x.Length) + j] * x[j];
                    }

                    y[o] = MathF.Max(y[o], 0);
                }
            }

            [Differentiable]
            public static float Loss(ReadOnlySpan<float> w, ReadOnlySpan<float> b, [NoGrad] ReadOnlySpan<float> features)
            {
                int n = features.Length / 2;
                float[] h = new float[b.Length];
                float total = 0;
                for (int i = 0; i < 2; i++)
                {
                    Linear(w, b, features.Slice(i * n, n), h);
                    total += h[0] * h[0];
                }

                return total;
            }
        }
        """;

    private static string Directory
    {
        get
        {
            // Tests run from bin/; snapshots live beside the sources so updates land in the repository.
            string? folder = AppContext.BaseDirectory;
            while (folder is not null && !File.Exists(Path.Combine(folder, "SharpGrad.Generator.Tests.csproj")))
            {
                folder = Path.GetDirectoryName(folder);
            }

            return Path.Combine(folder ?? AppContext.BaseDirectory, "Snapshots");
        }
    }

    public static void AssertMatches(string name, string actual)
    {
        string path = Path.Combine(Directory, name + ".g.cs.txt");
        if (Environment.GetEnvironmentVariable("SHARPGRAD_UPDATE_SNAPSHOTS") == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}: run with SHARPGRAD_UPDATE_SNAPSHOTS=1 to create it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }
}
