namespace SharpGrad.Optimizers;

/// <summary>
/// The keys of <see cref="ParameterGroup{T}.Hyperparameters"/> and of saved optimizer state: PyTorch's
/// <c>param_groups</c> keys, except that the <c>betas</c> pair is stored as <see cref="Beta1"/> and <see cref="Beta2"/>.
/// </summary>
public static class HyperparameterNames
{
    /// <summary>Learning rate (<c>lr</c>).</summary>
    public const string LearningRate = "lr";

    /// <summary>The learning rate a scheduler started from (<c>initial_lr</c>); set by the first scheduler.</summary>
    public const string InitialLearningRate = "initial_lr";

    /// <summary>Momentum factor (<c>momentum</c>).</summary>
    public const string Momentum = "momentum";

    /// <summary>SGD's momentum dampening (<c>dampening</c>).</summary>
    public const string Dampening = "dampening";

    /// <summary>SGD's Nesterov switch (<c>nesterov</c>), stored as 0 or 1.</summary>
    public const string Nesterov = "nesterov";

    /// <summary>Weight decay (<c>weight_decay</c>).</summary>
    public const string WeightDecay = "weight_decay";

    /// <summary>Maximize the objective instead of minimizing it (<c>maximize</c>), stored as 0 or 1.</summary>
    public const string Maximize = "maximize";

    /// <summary>Adam's first-moment decay, <c>betas[0]</c>.</summary>
    public const string Beta1 = "beta1";

    /// <summary>Adam's second-moment decay, <c>betas[1]</c>.</summary>
    public const string Beta2 = "beta2";

    /// <summary>The term added to denominators for numerical stability (<c>eps</c>).</summary>
    public const string Epsilon = "eps";

    /// <summary>Adam's AMSGrad switch (<c>amsgrad</c>), stored as 0 or 1.</summary>
    public const string AmsGrad = "amsgrad";

    /// <summary>RMSprop's smoothing constant (<c>alpha</c>).</summary>
    public const string Alpha = "alpha";

    /// <summary>RMSprop's centered switch (<c>centered</c>), stored as 0 or 1.</summary>
    public const string Centered = "centered";

    /// <summary>Adagrad's learning-rate decay (<c>lr_decay</c>).</summary>
    public const string LearningRateDecay = "lr_decay";

    /// <summary>Adagrad's starting value of the squared-gradient sum (<c>initial_accumulator_value</c>).</summary>
    public const string InitialAccumulatorValue = "initial_accumulator_value";
}
