using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// while, do-while, break, continue and early return, against central finite differences. Self-contained with
/// Catalogue/ControlFlowMethods.cs: deleting the two files leaves the rest of the project building.
/// </summary>
public sealed class ControlFlowTests
{
    public static TheoryData<string> Names => new(ControlFlowCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_MatchesFiniteDifferences(string name)
    {
        GradientCase c = ControlFlowCases.All[name];
        c.Domain.Where(Domains.IsGeneric).Sample(point => GradientCheck.AtPoint(c, point), iter: 12, threads: 1);
    }

    [Fact]
    public void EveryControlFlowMethod_HasACase()
    {
        string[] methods = CatalogueGradientTests.DifferentiableMethodsIn(typeof(ControlFlowMethods).Assembly, typeof(ControlFlowMethods).Namespace!)
            .Where(name => name.StartsWith("ControlFlowMethods.", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(methods.Except(ControlFlowCases.All.Keys));
    }

    [Fact]
    public void BreakAndEarlyReturn_TakeTheirBranches()
    {
        // The loop stops at -2 (later elements contribute nothing), and skips -0.5.
        double[] v = [1, -0.5, 2, -2, 3, 4];
        var gradient = new double[6];
        Assert.Equal(1 + 4, ControlFlowMethods.BreakAndContinueWithGradient((double[])v.Clone(), gradient));
        Assert.Equal([2.0, 0, 4, 0, 0, 0], gradient);

        // ReturnFromLoop returns at the first element above 1: acc = (0.5 + 3) s, times 3.
        var vGrad = new double[4];
        double sGrad = 0;
        Assert.Equal(3.5 * 2 * 3, ControlFlowMethods.ReturnFromLoopWithGradient([0.5, 3, 7, 9], 2, vGrad, ref sGrad));
        Assert.Equal([6.0, 6 + 7, 0, 0], vGrad);
        Assert.Equal(3.5 * 3, sGrad);
    }

    [Fact]
    public void BreakInAnInnerLoop_StopsOnlyThatLoop()
    {
        // Each of the two passes adds v[0] and stops at -1: value 2, gradient (2, 0, 0).
        var gradient = new double[3];
        Assert.Equal(2, ControlFlowMethods.InnerBreakOnly([1.0, -1, 5]));
        Assert.Equal(2, ControlFlowMethods.InnerBreakOnlyWithGradient([1.0, -1, 5], gradient));
        Assert.Equal([2.0, 0, 0], gradient);
    }
}
