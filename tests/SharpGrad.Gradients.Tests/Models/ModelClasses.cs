namespace SharpGrad.Gradients.Tests.Models;

/// <summary>A flat model: a Parameter&lt;T&gt; property, a plain array field, and a size read as a constant member.</summary>
public sealed partial class FlatRegression : Module<double>
{
    public FlatRegression(int features) => Features = features;

    [Parameter]
    public Parameter<double> Weight { get; } = new("unnamed", 3);

    [Parameter]
    public double[] Bias = new double[1];

    public int Features { get; }

    [Differentiable]
    public double Loss(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = Bias[0];
            for (int j = 0; j < Features; j++)
            {
                z += Weight[j] * x[(i * Features) + j];
            }

            double error = Math.Tanh(z) - y[i];
            total += error * error;
        }

        return total / y.Length;
    }

    /// <summary>A parameter used twice in one expression and again in a second statement.</summary>
    [Differentiable]
    public double UsesWeightTwice(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (int j = 0; j < Weight.Length; j++)
        {
            total += (Weight.Data[j] * x[j]) + (Weight[j] * Weight[j] * x[j]);
        }

        total += Math.Sin(Weight[0] * Bias[0]);
        return total;
    }
}

/// <summary>A layer with a scalar output, to nest.</summary>
public sealed partial class ScalarLayer : Module<double>
{
    public ScalarLayer(double[] weight, double bias)
    {
        Weight = new Parameter<double>("w", weight, weight.Length);
        Bias = [bias];
    }

    [Parameter]
    public Parameter<double> Weight { get; }

    [Parameter]
    public double[] Bias { get; }

    [Differentiable]
    public double Forward(ReadOnlySpan<double> x)
    {
        double z = Bias[0];
        for (int j = 0; j < x.Length; j++)
        {
            z += Weight[j] * x[j];
        }

        return Math.Tanh(z);
    }
}

/// <summary>Nested modules: two layers, a parameter of its own, calls into both layers.</summary>
public sealed partial class TwoLayers : Module<double>
{
    [Module]
    public ScalarLayer First;

    [Parameter]
    public Parameter<double> Scale = new("scale", 1);

    [Module]
    public ScalarLayer Second;

    public TwoLayers(ScalarLayer first, ScalarLayer second)
    {
        First = first;
        Second = second;
    }

    [Differentiable]
    public double Loss(ReadOnlySpan<double> x)
    {
        double a = First.Forward(x);
        double b = Second.Forward(x);
        return ((a - 0.25) * (a - 0.25)) + (Scale[0] * a * b) + Helper(b);
    }

    /// <summary>A call to another instance method of the same module.</summary>
    [Differentiable]
    public double Helper(double b) => Scale[0] * Scale[0] * b * b;
}

/// <summary>Deeper nesting: a module whose member is a module with nested modules.</summary>
public sealed partial class Outer : Module<double>
{
    [Module]
    public TwoLayers Body;

    [Parameter]
    public double[] Offset = [0.3];

    public Outer(TwoLayers body) => Body = body;

    [Differentiable]
    public double Loss(ReadOnlySpan<double> x) => Body.Loss(x) + (Offset[0] * Offset[0]);
}

/// <summary>Shared parameters: one Parameter object behind two members, one module behind two members.</summary>
public sealed partial class SharedParameters : Module<double>
{
    [Module]
    public ScalarLayer A = new(new double[3], 0);

    [Module]
    public ScalarLayer Other;

    [Module]
    public ScalarLayer AgainA;

    [Parameter]
    public Parameter<double> Tied = new("tied", 2);

    [Parameter]
    public Parameter<double> TiedAgain;

    public SharedParameters()
    {
        AgainA = A;
        TiedAgain = Tied;
        Other = new ScalarLayer(new double[3], 0);
    }

    [Differentiable]
    public double Loss(ReadOnlySpan<double> x)
    {
        double a = A.Forward(x);
        double again = AgainA.Forward(x);
        double other = Other.Forward(x);
        return (a * again) + other + (Tied[0] * TiedAgain[1]) + (TiedAgain[0] * Tied[1] * a);
    }
}
