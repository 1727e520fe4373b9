namespace SharpGrad.Benchmarks.Gradients;

/// <summary>
/// One implementation of a workload in one precision, as the agreement check sees it: a step from the seeded
/// initial state, then its parameters and gradients widened to double. The benchmarks call the sealed types directly.
/// </summary>
public interface IStepImplementation
{
    /// <summary>The implementation and precision, for messages: "generated float", "TorchSharp double", ...</summary>
    string Name { get; }

    /// <summary>One step (forward, loss, zero_grad, backward, optimizer step); returns the loss.</summary>
    double Step();

    /// <summary>The parameters' current values, one array per parameter, in the workload's order.</summary>
    double[][] Parameters();

    /// <summary>The gradients of the last step, one array per parameter, in the workload's order.</summary>
    double[][] Gradients();
}
