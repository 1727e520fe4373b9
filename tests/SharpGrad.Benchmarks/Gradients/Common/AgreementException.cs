namespace SharpGrad.Benchmarks.Gradients;

/// <summary>An implementation disagrees with the hand-written scalar double reference: the benchmark must not run.</summary>
public sealed class AgreementException(string message) : Exception(message);
