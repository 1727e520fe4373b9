namespace SharpGrad.Benchmarks.Gradients.Lstm;

/// <summary>
/// W5's agreement check: the generated objective and gradient against the C++ reference's outputs stored with each
/// case, element-wise at GradBench's rho(x, y) = |x - y| / max(1, |x| + |y|) &lt;= 1e-9 (GradBench passes at 1e-4) and
/// per array at max|x - y| &lt;= 1e-9 max|expected|.
/// </summary>
public static class LstmCheck
{
    public const string Workload = "W5 GradBench LSTM";
    private const double Tolerance = 1e-9;

    public static IReadOnlyList<string> Run() => Run(["extra_l=2,c=8", .. LstmCase.Workloads]);

    public static IReadOnlyList<string> Run(IEnumerable<string> names)
    {
        var lines = new List<string>();
        foreach (string name in names)
        {
            LstmCase lstm = LstmCase.Load(name);
            var generated = new LstmGenerated(lstm);
            string implementation = $"generated double, {name}";
            double primal = generated.Primal();
            double objective = generated.Gradient();
            Agreement.Require(primal == objective, Workload, implementation, $"the gradient's objective {objective:R} differs from the primal's {primal:R}");
            double objectiveRho = Rho(lstm.ExpectedObjective, objective);
            Agreement.Require(objectiveRho <= Tolerance, Workload, implementation, $"objective {objective:R}, reference {lstm.ExpectedObjective:R}: rho {objectiveRho:E2} > {Tolerance:E0}");

            double[] gradient = [.. generated.MainGrad, .. generated.ExtraGrad];
            double[] expected = lstm.ExpectedGradient;
            int worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                if (Rho(expected[i], gradient[i]) > Rho(expected[worst], gradient[worst]) || !double.IsFinite(gradient[i]))
                {
                    worst = i;
                }
            }

            double worstRho = Rho(expected[worst], gradient[worst]);
            Agreement.Require(double.IsFinite(gradient[worst]) && worstRho <= Tolerance, Workload, implementation,
                $"gradient[{worst}] is {gradient[worst]:R}, reference {expected[worst]:R}: rho {worstRho:E2} > {Tolerance:E0}");
            double arrays = Math.Max(
                Agreement.Arrays(Workload, implementation, "d/d main_params", expected[..generated.MainGrad.Length], generated.MainGrad, Tolerance, floor: 0),
                Agreement.Arrays(Workload, implementation, "d/d extra_params", expected[generated.MainGrad.Length..], generated.ExtraGrad, Tolerance, floor: 0));
            lines.Add($"{Workload}: {implementation,-30} objective rho {objectiveRho:E1}, worst gradient rho {worstRho:E1}, per array {arrays:E1} (tolerance {Tolerance:E0})");
        }

        return lines;
    }

    private static double Rho(double x, double y) => Math.Abs(x - y) / Math.Max(1, Math.Abs(x) + Math.Abs(y));
}
