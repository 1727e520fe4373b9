namespace SharpGrad.Optimizers;

/// <summary>
/// The part of a parameter group that does not depend on the element type: what learning-rate schedulers
/// read and write (PyTorch: one dictionary of <c>optimizer.param_groups</c>).
/// </summary>
public interface IParameterGroup
{
    /// <summary>The learning rate the next <c>Step()</c> uses (<c>group['lr']</c>).</summary>
    double LearningRate { get; set; }

    /// <summary>The learning rate the first scheduler found (<c>group['initial_lr']</c>), or null before any scheduler.</summary>
    double? InitialLearningRate { get; set; }

    /// <summary>Every hyperparameter of the group by its PyTorch name (see <see cref="HyperparameterNames"/>); switches are 0 or 1.</summary>
    IReadOnlyDictionary<string, double> Hyperparameters { get; }
}
