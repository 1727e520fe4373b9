namespace SharpGrad.Nn.Float64;

/// <inheritdoc cref="Criterion{T}"/>
public sealed class Criterion : Criterion<double>
{
    /// <inheritdoc cref="Criterion{T}.Criterion(string, LossFunction{T}, LossGradient{T})"/>
    public Criterion(string name, LossFunction<double> value, LossGradient<double> gradient)
        : base(name, value, gradient)
    {
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

    /// <summary><c>nn.HuberLoss(delta=delta)</c>.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The criterion.</returns>
    public static Criterion Huber(double delta = 1)
        => new("HuberLoss", (o, t) => Functional.HuberLoss(o, t, delta), (o, t, g, s) => Functional.HuberLossWithGradient(o, t, delta, g, s));
}
