using CsCheck;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Copies read through their original and equal products multiplied once (CopyPropagation and
/// RepeatedProductElimination), and where they must stop: an operand or the original written in between. All against
/// central differences; GeneratedCodeTests.SharedValues_* checks what the generated code shares.
/// </summary>
public sealed class SharedValueTests
{
    public static TheoryData<string> Methods => new() { "Squares", "Rewritten", "CopiedThenChanged", "Commuted" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void SharedValues_MatchFiniteDifferences(string method)
    {
        (Func<double[], double> function, Func<double[], double[], double> withGradient) = method switch
        {
            "Squares" => ((Func<double[], double>)(q => SharedValueMethods.Squares(q)), (Func<double[], double[], double>)((q, g) => SharedValueMethods.SquaresWithGradient(q, g))),
            "Rewritten" => (q => SharedValueMethods.Rewritten(q), (q, g) => SharedValueMethods.RewrittenWithGradient(q, g)),
            "CopiedThenChanged" => (q => SharedValueMethods.CopiedThenChanged(q), (q, g) => SharedValueMethods.CopiedThenChangedWithGradient(q, g)),
            _ => (q => SharedValueMethods.Commuted(q), (q, g) => SharedValueMethods.CommutedWithGradient(q, g)),
        };

        // Lengths past two vectors of doubles and with a scalar tail, so both the vector lanes and the tail are checked.
        FiniteDifferences.Points(37).Sample(
            p =>
            {
                var gradient = new double[p.Length];
                Assert.Equal(function(p), withGradient(p, gradient), 10);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(function, p), gradient, 1e-7);
            },
            iter: 5);
    }
}

public static partial class SharedValueMethods
{
    /// <summary>W4's shape: <c>t * t</c> is multiplied once per element for the value, exp's rule and the square's rule.</summary>
    [Differentiable]
    public static double Squares(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Tanh((0.5 * x[i]) + 0.1);
            sum += (t * t * Math.Exp(-x[i])) + (t * t);
        }

        return sum;
    }

    /// <summary><c>a * a</c> before and after <c>a</c> changes are two values: the product is shared on each side of the write, not across it.</summary>
    [Differentiable]
    public static double Rewritten(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i];
            double before = (a * a) + Math.Sin(a * a);
            a = (a * 0.5) + 1;
            total += (before * (a * a)) + (a * a);
        }

        return total;
    }

    /// <summary>
    /// A user's copy <c>c = a</c> whose original changes after it: the passes must keep reading <c>c</c> (copy
    /// propagation takes only the declarations the rules make, and a product of <c>c</c> is not one of <c>a</c>).
    /// </summary>
    [Differentiable]
    public static double CopiedThenChanged(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = Math.Sin(x[i]);
            double c = a;
            a = (a * a) + c;
            total += (c * a) + (c * c);
        }

        return total;
    }

    /// <summary><c>t * u</c> and <c>u * t</c> are one product (IEEE multiplication commutes).</summary>
    [Differentiable]
    public static double Commuted(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Sin(x[i]);
            double u = Math.Cos(x[i]);
            total += (t * u) + Math.Exp(u * t);
        }

        return total;
    }
}
