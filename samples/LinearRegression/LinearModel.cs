using SharpGrad;
using SharpGrad.Nn;
using SharpGrad.Nn.Float64;

namespace LinearRegression;

/// <summary>The seed's model and loss: <c>model = nn.Linear(10, 1)</c> and <c>criterion = nn.MSELoss()</c>.</summary>
public sealed partial class LinearModel : Module<double>
{
    /// <summary><c>nn.Linear(10, 1)</c>: its parameters are <c>linear.weight</c> [1, 10] and <c>linear.bias</c> [1].</summary>
    [Module]
    public Linear Linear { get; } = new(10, 1);

    /// <summary><c>outputs = model(inputs)</c>: one prediction per row of <paramref name="features"/>.</summary>
    [Differentiable]
    public void Forward(ReadOnlySpan<double> features, Span<double> outputs)
    {
        int count = Shapes.Matrix(features.Length, outputs.Length, 10, "LinearModel", "features");
        for (int i = 0; i < count; i++)
        {
            Linear.Forward(features.Slice(i * 10, 10), outputs.Slice(i, 1));
        }
    }

    /// <summary>
    /// <c>loss = criterion(model(inputs), targets)</c>. SharpGrad generates <c>LossWithGradient</c>, which also adds
    /// d(loss)/d(parameter) into every parameter's <c>Grad</c>: the seed's <c>loss.backward()</c>.
    /// </summary>
    [Differentiable]
    public double Loss([NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> targets)
    {
        double[] outputs = new double[targets.Length];
        Forward(features, outputs);
        return Functional.MseLoss(outputs, targets);
    }
}
