namespace SharpGrad.Generator.Tests;

/// <summary>Source texts shared by the tests.</summary>
internal static class Sources
{
    public const string SeedLoss = """
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class LinearModel
        {
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, [NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
            {
                int inputs = weight.Length;
                int count = targets.Length;
                double sum = 0;
                for (int i = 0; i < count; i++)
                {
                    double prediction = bias[0];
                    for (int j = 0; j < inputs; j++)
                    {
                        prediction += weight[j] * features[i * inputs + j];
                    }

                    double error = prediction - targets[i];
                    sum += error * error;
                }

                return sum / count;
            }
        }
        """;

    /// <summary>A method body wrapped in a partial class, with the usual usings.</summary>
    public static string Method(string method) => $$"""
        using System;
        using SharpGrad;

        namespace Demo;

        public static partial class Model
        {
        {{method}}
        }
        """;
}
