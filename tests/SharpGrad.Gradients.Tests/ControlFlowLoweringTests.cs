using CsCheck;
using SharpGrad;
namespace SharpGrad.Gradients.Tests;
public static partial class LoweringMethods
{
    [Differentiable]
    public static double Newton(double a)
    {
        double x = 1;
        int steps = 0;
        while (Math.Abs(x * x - a) > 1e-12 && steps < 50)
        {
            x = 0.5 * (x + a / x);
            steps++;
        }
        return x;
    }

    [Differentiable]
    public static double FirstAbove(ReadOnlySpan<double> v, [NoGrad] double threshold)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < 0) continue;
            sum += v[i] * v[i];
            if (sum > threshold) break;
        }
        return sum;
    }

    [Differentiable]
    public static double Early(double x, double y)
    {
        if (x > 1) return x * y;
        double z = x + y;
        for (int i = 0; i < 3; i++)
        {
            z = z * x;
            if (z > 5) return z;
        }
        return z - y;
    }
}
public sealed class ControlFlowLoweringTests
{
    [Fact]
    public void WhileBreakContinueAndEarlyReturn_MatchFiniteDifferences()
    {
        double g = 0;
        LoweringMethods.NewtonWithGradient(2.0, ref g);
        Assert.Equal(0.5 / Math.Sqrt(2), g, 9);
        FiniteDifferences.Points(5).Sample(p =>
        {
            var gv = new double[4];
            double[] q = [.. p[..4], Math.Abs(p[4]) * 3];
            LoweringMethods.FirstAboveWithGradient(q.AsSpan(0, 4), q[4], gv);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(r => LoweringMethods.FirstAbove(r.AsSpan(0, 4), r[4]), q), [.. gv, 0]);
            double gx = 0, gy = 0;
            LoweringMethods.EarlyWithGradient(p[0], p[1], ref gx, ref gy);
            FiniteDifferences.AssertClose(FiniteDifferences.Gradient(r => LoweringMethods.Early(r[0], r[1]), p[..2]), [gx, gy]);
        }, iter: 50, seed: "0N0XIzNsQ0O2");
    }
}
