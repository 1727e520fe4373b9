namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>Calls: to other differentiable methods, to custom gradients, to int helpers; stopped gradients.</summary>
public static partial class CallMethods
{
    [Differentiable]
    public static double Square(double x) => x * x;

    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> v)
    {
        double total = 0;
        for (int i = 0; i < v.Length; i++)
        {
            total += Square(v[i]);
        }

        return total;
    }

    /// <summary>Calls across classes, with a span argument and a scalar argument.</summary>
    [Differentiable]
    public static double Composite(ReadOnlySpan<double> v, double scale) => scale * Helpers.Norm(v) + Square(scale * v[0]);

    /// <summary>softplus with a hand-written, numerically stable gradient.</summary>
    [CustomGradient(nameof(SoftplusWithGradient))]
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    public static double SoftplusWithGradient(double x, ref double xGrad, double outputGradient)
    {
        xGrad += outputGradient / (1 + Math.Exp(-x));
        return Softplus(x);
    }

    [Differentiable]
    public static double UsesCustom(double a, double b) => Softplus(a * b) * b;

    public static int Twice(int n) => 2 * n;

    /// <summary>Recursion: each level reaches the next through its generated gradient.</summary>
    [Differentiable]
    public static double RecursivePower(double x, int n) => n == 0 ? 1 : x * RecursivePower(x, n - 1);

    /// <summary>An int helper (no derivative) and a stopped gradient.</summary>
    [Differentiable]
    public static double WithHelpers(ReadOnlySpan<double> v, double s)
    {
        double total = 0;
        for (int i = 0; i < v.Length / 2; i++)
        {
            total += v[Twice(i)] * Gradient.Stop(s * s) + s;
        }

        return total;
    }
}

public static partial class Helpers
{
    [Differentiable]
    public static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += v[i] * v[i];
        }

        return Math.Sqrt(sum);
    }
}
