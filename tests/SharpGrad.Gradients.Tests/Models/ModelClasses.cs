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
        // The shape check on entry: the companions check the same way.
        int rows = Shapes.Matrix(x.Length, y.Length, Features, "FlatRegression", "x");
        double total = 0;
        for (int i = 0; i < rows; i++)
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

    /// <summary>Reads the module's mode, as Dropout will: training scales by 2, evaluation by 1.</summary>
    [Differentiable]
    public double ModeScaled(ReadOnlySpan<double> x)
    {
        double factor = IsTraining ? 2.0 : 1.0;
        double total = 0;
        for (int j = 0; j < Features; j++)
        {
            total += factor * Weight[j] * x[j];
        }

        return total;
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

/// <summary>A dense layer with a scalar activation per output, summed (no vector outputs yet).</summary>
public sealed partial class DenseLayer : Module<float>
{
    public DenseLayer(int inputs, int outputs, int seed)
    {
        Inputs = inputs;
        Outputs = outputs;
        var random = new Random(seed);
        Weight = new Parameter<float>("weight", inputs * outputs);
        for (int i = 0; i < Weight.Length; i++)
        {
            Weight[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Bias = new float[outputs];
    }

    public int Inputs { get; }

    public int Outputs { get; }

    [Parameter]
    public Parameter<float> Weight { get; }

    [Parameter]
    public float[] Bias { get; set; }

    /// <summary>tanh(W x + b)[unit] for one unit of the sample at <paramref name="offset"/>: a scalar-output layer until vector outputs land.</summary>
    [Differentiable]
    public float Unit(ReadOnlySpan<float> x, int offset, int unit)
    {
        float z = Bias[unit];
        for (int j = 0; j < Inputs; j++)
        {
            z += Weight[(unit * Inputs) + j] * x[offset + j];
        }

        return MathF.Tanh(z);
    }
}

/// <summary>2-2-1 with a squared error over samples of two features.</summary>
public sealed partial class TinyMlp : Module<float>
{
    public TinyMlp(int seed)
    {
        Hidden = new DenseLayer(2, 2, seed);
        Output = new DenseLayer(2, 1, seed + 100);
    }

    [Module]
    public DenseLayer Hidden { get; set; }

    [Module]
    public DenseLayer Output { get; set; }

    [Differentiable]
    public float Loss(ReadOnlySpan<float> x, [NoGrad] ReadOnlySpan<float> y)
    {
        float total = 0;
        float[] h = new float[2];
        for (int i = 0; i < y.Length; i++)
        {
            h[0] = Hidden.Unit(x, 2 * i, 0);
            h[1] = Hidden.Unit(x, 2 * i, 1);
            float error = Output.Unit(h, 0, 0) - y[i];
            total += error * error;
        }

        return total / y.Length;
    }
}

/// <summary>TinyMlp's hidden layer and a parameter of its own: loads a TinyMlp checkpoint only with strict: false.</summary>
public sealed partial class HiddenOnly : Module<float>
{
    public HiddenOnly(int seed) => Hidden = new DenseLayer(2, 2, seed);

    [Module]
    public DenseLayer Hidden { get; }

    [Parameter]
    public float[] Extra = [0.5f, 0.25f, 0.125f];
}

/// <summary>TinyMlp's names with a wider hidden layer: shapes do not match.</summary>
public sealed partial class WideHidden : Module<float>
{
    [Module]
    public DenseLayer Hidden = new(3, 3, 1);

    [Module]
    public DenseLayer Output = new(2, 1, 2);
}

/// <summary>A vector-valued layer (tanh(W x + b)) writing its outputs into a span: composes with nested module calls.</summary>
public sealed partial class VectorLayer : Module<double>
{
    public VectorLayer(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weight = new Parameter<double>("weight", outputs, inputs);
        Bias = new double[outputs];
    }

    public int Inputs { get; }

    public int Outputs { get; }

    [Parameter]
    public Parameter<double> Weight { get; }

    [Parameter]
    public double[] Bias { get; }

    [Differentiable]
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int o = 0; o < Outputs; o++)
        {
            double z = Bias[o];
            for (int j = 0; j < Inputs; j++)
            {
                z += Weight[(o * Inputs) + j] * x[j];
            }

            y[o] = Math.Tanh(z);
        }
    }
}

/// <summary>3-4-2 built from vector layers, squared error against a target.</summary>
public sealed partial class VectorMlp : Module<double>
{
    [Module]
    public VectorLayer Fc1 = new(3, 4);

    [Module]
    public VectorLayer Fc2 = new(4, 2);

    [Differentiable]
    public double Loss(ReadOnlySpan<double> x, [NoGrad] ReadOnlySpan<double> target)
    {
        double[] h = new double[4];
        double[] y = new double[2];
        Fc1.Forward(x, h);
        Fc2.Forward(h, y);
        double total = 0;
        for (int k = 0; k < 2; k++)
        {
            total += (y[k] - target[k]) * (y[k] - target[k]);
        }

        return total;
    }
}

/// <summary>
/// A user model built from the runtime's layers (another assembly): a Sequential (hand-written [CustomGradient]
/// instance method with an output), a Linear called directly, and a batch loss over per-sample calls.
/// </summary>
public sealed partial class LayeredMlp : Module<double>
{
    [Module]
    public SharpGrad.Nn.Float64.Sequential Body { get; } = new(new SharpGrad.Nn.Float64.Linear(3, 5, new RandomGenerator(1)), new SharpGrad.Nn.Float64.Tanh());

    [Module]
    public SharpGrad.Nn.Float64.Linear Head { get; } = new(5, 2, new RandomGenerator(2));

    [Differentiable]
    public void Forward(ReadOnlySpan<double> features, Span<double> logits)
    {
        int count = Shapes.Rows(features.Length, 3, "LayeredMlp", "features");
        for (int i = 0; i < count; i++)
        {
            double[] hidden = new double[5];
            Body.Forward(features.Slice(i * 3, 3), hidden);
            Head.Forward(hidden, logits.Slice(i * 2, 2));
        }
    }

    [Differentiable]
    public double Loss([NoGrad] ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        double[] logits = new double[labels.Length * 2];
        Forward(features, logits);
        return SharpGrad.Nn.Functional.CrossEntropyLoss(logits, labels);
    }
}

/// <summary>An MLP on whole batches: Linear.ForwardBatch (matrix products with a hand-written gradient), ReLU over the batch, cross-entropy.</summary>
public sealed partial class BatchedMlp : Module<double>
{
    [Module]
    public SharpGrad.Nn.Float64.Linear Fc1 { get; } = new(5, 7, new RandomGenerator(11));

    [Module]
    public SharpGrad.Nn.Float64.Linear Fc2 { get; } = new(7, 3, new RandomGenerator(12));

    [Differentiable]
    public void Forward(ReadOnlySpan<double> features, Span<double> logits)
    {
        int count = Shapes.Rows(features.Length, 5, "BatchedMlp", "features");
        double[] hidden = new double[count * 7];
        Fc1.ForwardBatch(features, hidden);
        double[] activated = new double[count * 7];
        SharpGrad.Nn.Functional.Relu(hidden, activated);
        Fc2.ForwardBatch(activated, logits);
    }

    [Differentiable]
    public double Loss(ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        double[] logits = new double[labels.Length * 3];
        Forward(features, logits);
        return SharpGrad.Nn.Functional.CrossEntropyLoss(logits, labels);
    }
}

/// <summary>A model whose body is a Sequential called on the whole batch (a [CustomGradient] method of a generic base type, with an int argument).</summary>
public sealed partial class SequentialBatchMlp : Module<double>
{
    [Module]
    public SharpGrad.Nn.Float64.Sequential Body { get; } = new(new SharpGrad.Nn.Float64.Linear(3, 5, new RandomGenerator(21)), new SharpGrad.Nn.Float64.Tanh(), new SharpGrad.Nn.Float64.Linear(5, 2, new RandomGenerator(22)));

    [Differentiable]
    public double Loss(ReadOnlySpan<double> features, [NoGrad] ReadOnlySpan<double> labels)
    {
        double[] logits = new double[labels.Length * 2];
        Body.ForwardBatch(features, labels.Length, logits);
        return SharpGrad.Nn.Functional.CrossEntropyLoss(logits, labels);
    }
}
