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

    /// <summary>Layers writing output spans, nested: the first layer's input carries no derivative in the training companion.</summary>
    public const string VectorLayers = """
        using System;
        using SharpGrad;

        namespace Demo;

        public sealed partial class Dense : Module<float>
        {
            [Parameter]
            public Parameter<float> Weight = new("weight", 2, 2);

            [Differentiable]
            public void Forward(ReadOnlySpan<float> x, Span<float> y)
            {
                for (int o = 0; o < 2; o++)
                {
                    y[o] = MathF.Tanh((Weight[2 * o] * x[0]) + (Weight[(2 * o) + 1] * x[1]));
                }
            }
        }

        public sealed partial class Net : Module<float>
        {
            [Module]
            public Dense Fc1 = new();

            [Module]
            public Dense Fc2 = new();

            [Differentiable]
            public float Loss(ReadOnlySpan<float> x)
            {
                float[] h = new float[2];
                float[] y = new float[2];
                Fc1.Forward(x, h);
                Fc2.Forward(h, y);
                return (y[0] * y[0]) + (y[1] * y[1]);
            }
        }
        """;
}
