namespace SharpGrad.Generator.Tests;

/// <summary>Model classes for the generator's tests: a nested module with a Parameter&lt;T&gt; and a plain array parameter.</summary>
internal static class ModelSources
{
    public const string Mlp = """
        using System;
        using SharpGrad;

        namespace Demo;

        public sealed partial class Neuron : Module<float>
        {
            public Neuron(int inputs) => Weight = new Parameter<float>("weight", inputs);

            [Parameter]
            public Parameter<float> Weight { get; }

            [Parameter]
            public float[] Bias = new float[1];

            [Differentiable]
            public float Forward(ReadOnlySpan<float> x)
            {
                float z = Bias[0];
                for (int j = 0; j < x.Length; j++)
                {
                    z += Weight[j] * x[j];
                }

                return MathF.Tanh(z);
            }
        }

        public sealed partial class Pair : Module<float>
        {
            [Module]
            public Neuron First = new(3);

            [Module]
            public Neuron Second = new(3);

            public float Margin = 0.5f;

            [Differentiable]
            public float Loss(ReadOnlySpan<float> x, [NoGrad] ReadOnlySpan<float> y)
            {
                float a = First.Forward(x) - y[0];
                float b = Second.Forward(x) - y[1];
                return (a * a) + (b * b) + (Margin * a * b);
            }
        }
        """;
}
