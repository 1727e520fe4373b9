namespace SharpGrad.Nn.Float64;

/// <summary>A batch loss of a model's outputs: its value, and its value with the gradient (generated) of the outputs.</summary>
/// <param name="outputs">The model's outputs, row-major.</param>
/// <param name="targets">The targets.</param>
/// <returns>The loss.</returns>
public delegate double LossFunction(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets);

/// <summary>The generated companion of a <see cref="LossFunction"/>: adds d(loss)/d(outputs) · outputGradient into <paramref name="outputsGrad"/>.</summary>
/// <param name="outputs">The model's outputs.</param>
/// <param name="targets">The targets.</param>
/// <param name="outputsGrad">Receives the gradient.</param>
/// <param name="outputGradient">The scale of the gradient.</param>
/// <returns>The loss.</returns>
public delegate double LossGradient(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets, Span<double> outputsGrad, double outputGradient);

/// <summary>
/// A loss applied to a per-sample model over a batch (PyTorch: <c>criterion = nn.CrossEntropyLoss()</c>, then
/// <c>criterion(model(inputs), targets)</c> and <c>loss.backward()</c>): <see cref="LossWithGradient"/> runs the model
/// on every sample, takes the loss's generated gradient with respect to the outputs, and carries it back through the
/// model's generated companion into its parameters' gradients. No tape: two generated functions, composed.
/// </summary>
public sealed class Criterion
{
    private double[] _outputs = [];
    private double[] _outputsGrad = [];

    /// <summary>Wraps a loss and its generated companion.</summary>
    /// <param name="name">The loss, as messages name it.</param>
    /// <param name="value">The loss.</param>
    /// <param name="gradient">Its companion.</param>
    public Criterion(string name, LossFunction value, LossGradient gradient)
    {
        Name = name;
        Value = value;
        Gradient = gradient;
    }

    /// <summary><c>nn.CrossEntropyLoss()</c> with class indices as targets.</summary>
    public static Criterion CrossEntropy => new("CrossEntropyLoss", Functional.CrossEntropyLoss, Functional.CrossEntropyLossWithGradient);

    /// <summary><c>nn.NLLLoss()</c> with class indices as targets.</summary>
    public static Criterion Nll => new("NLLLoss", Functional.NllLoss, Functional.NllLossWithGradient);

    /// <summary><c>nn.MSELoss()</c>.</summary>
    public static Criterion Mse => new("MSELoss", Functional.MseLoss, Functional.MseLossWithGradient);

    /// <summary><c>nn.L1Loss()</c>.</summary>
    public static Criterion L1 => new("L1Loss", Functional.L1Loss, Functional.L1LossWithGradient);

    /// <summary><c>nn.BCEWithLogitsLoss()</c>.</summary>
    public static Criterion BceWithLogits => new("BCEWithLogitsLoss", Functional.BceWithLogitsLoss, Functional.BceWithLogitsLossWithGradient);

    /// <summary>The loss's name.</summary>
    public string Name { get; }

    /// <summary>The loss.</summary>
    public LossFunction Value { get; }

    /// <summary>Its companion.</summary>
    public LossGradient Gradient { get; }

    /// <summary><c>nn.HuberLoss(delta=delta)</c>.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The criterion.</returns>
    public static Criterion Huber(double delta = 1)
        => new("HuberLoss", (o, t) => Functional.HuberLoss(o, t, delta), (o, t, g, s) => Functional.HuberLossWithGradient(o, t, delta, g, s));

    /// <summary>The loss of <paramref name="model"/>'s outputs on <paramref name="count"/> samples (no gradient).</summary>
    /// <param name="model">The per-sample model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="targets">The targets of the batch.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>The loss.</returns>
    public double Loss(ILayer<double> model, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count)
    {
        Span<double> outputs = Outputs(model, inputs, count);
        return Value(outputs, targets);
    }

    /// <summary>
    /// The loss of <paramref name="model"/>'s outputs on <paramref name="count"/> samples, adding its gradient into
    /// every parameter's <c>Grad</c> (<c>loss.backward()</c>); clear them first (<c>optimizer.ZeroGrad()</c>).
    /// </summary>
    /// <param name="model">The per-sample model.</param>
    /// <param name="inputs">Row-major <c>[count, inputWidth]</c>.</param>
    /// <param name="targets">The targets of the batch.</param>
    /// <param name="count">The number of samples.</param>
    /// <returns>The loss.</returns>
    public double LossWithGradient(ILayer<double> model, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count)
    {
        Span<double> outputs = Outputs(model, inputs, count);
        int inputWidth = inputs.Length / count;
        int outputWidth = outputs.Length / count;
        if (_outputsGrad.Length != outputs.Length)
        {
            _outputsGrad = new double[outputs.Length];
        }

        Span<double> outputsGrad = _outputsGrad;
        outputsGrad.Clear();
        double loss = Gradient(outputs, targets, outputsGrad, 1);
        for (int i = 0; i < count; i++)
        {
            model.ForwardWithGradient(inputs.Slice(i * inputWidth, inputWidth), outputs.Slice(i * outputWidth, outputWidth), (ReadOnlySpan<double>)outputsGrad.Slice(i * outputWidth, outputWidth));
        }

        return loss;
    }

    /// <summary>Runs the model on the batch into the kept output buffer.</summary>
    private Span<double> Outputs(ILayer<double> model, ReadOnlySpan<double> inputs, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        int inputWidth = Shapes.Columns(inputs.Length, count, Name, "inputs");
        int length = count * model.OutputLength(inputWidth);
        if (_outputs.Length != length)
        {
            _outputs = new double[length];
        }

        model.ForwardBatch(inputs, _outputs, count);
        return _outputs;
    }
}
