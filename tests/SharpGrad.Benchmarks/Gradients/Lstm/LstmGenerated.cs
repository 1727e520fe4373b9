namespace SharpGrad.Benchmarks.Gradients.Lstm;

/// <summary>W5 with SharpGrad: the generated <c>GradBenchLstm.ObjectiveWithGradient</c> (GradBench's "jacobian"), double only.</summary>
public sealed class LstmGenerated(LstmCase lstm)
{
    private readonly double[] _mainGrad = new double[lstm.MainParams.Length];
    private readonly double[] _extraGrad = new double[lstm.ExtraParams.Length];

    public double[] MainGrad => _mainGrad;

    public double[] ExtraGrad => _extraGrad;

    /// <summary>The objective and its gradient into cleared buffers.</summary>
    public double Gradient()
    {
        Array.Clear(_mainGrad);
        Array.Clear(_extraGrad);
        return GradBenchLstm.ObjectiveWithGradient(lstm.MainParams, lstm.ExtraParams, lstm.State, lstm.Sequence, _mainGrad, _extraGrad);
    }

    /// <summary>The objective alone (GradBench's "objective").</summary>
    public double Primal() => GradBenchLstm.Objective(lstm.MainParams, lstm.ExtraParams, lstm.State, lstm.Sequence);
}
