namespace SharpGrad.Gradients.Tests.Catalogue;

/// <summary>
/// Loops the generator replaces by kernel calls (dot products, scaled accumulations), in the shapes users
/// write them: offsets, inclusive bounds, descending loops, two statements in one loop, and loops that must
/// stay loops (a stride of 2, a statement that reads what another writes).
/// </summary>
public static partial class KernelMethods
{
    /// <summary>Rows of a 2 x 3 matrix times a vector, a nonlinearity, and a second layer into a local array.</summary>
    [Differentiable]
    public static double TwoLayers(ReadOnlySpan<double> w, ReadOnlySpan<double> v)
    {
        double[] hidden = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double a = 0.1 * k;
            for (int j = 0; j < 3; j++)
            {
                a += w[(k * 3) + j] * v[j];
            }

            hidden[k] = Math.Tanh(a);
        }

        double[] output = new double[3];
        for (int j = 0; j < 3; j++)
        {
            output[j] = v[j];
        }

        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < 3; j++)
            {
                output[j] = output[j] + (hidden[k] * w[j + (k * 3)]);
            }
        }

        double s = 0;
        for (int j = 0; j <= 2; j++)
        {
            s += output[j] * output[j];
        }

        return s;
    }

    /// <summary>A descending loop, an offset window and a subtracted term.</summary>
    [Differentiable]
    public static double DescendingWindow(ReadOnlySpan<double> v)
    {
        double acc = 1;
        for (int i = 3; i >= 1; i--)
        {
            acc = acc + (v[i - 1] * v[i + 1]);
        }

        double[] t = new double[5];
        for (int i = 0; i < 5; i++)
        {
            t[i] = v[i];
        }

        for (int i = 1; i < 4; i++)
        {
            t[i] = t[i] - (acc * v[i - 1]);
        }

        return (t[1] * t[2]) + (t[3] * acc);
    }

    /// <summary>Loops that stay loops: a stride of 2, and a statement reading what the other writes.</summary>
    [Differentiable]
    public static double NotKernels(ReadOnlySpan<double> v)
    {
        double even = 0;
        for (int i = 0; i < 2; i++)
        {
            even = even + (v[2 * i] * v[(2 * i) + 1]);
        }

        double[] t = new double[4];
        double running = 0;
        for (int i = 0; i < 4; i++)
        {
            t[i] += even * v[i];
            running = running + (t[i] * v[i]);
        }

        return running + even;
    }
}

internal static class KernelCases
{
    public static IEnumerable<GradientCase> All =>
    [
        Cases.OfSpan("KernelMethods.TwoLayers", 6, v => KernelMethods.TwoLayers(v.AsSpan(0, 6), v.AsSpan(0, 3)), (v, g, seed) =>
        {
            // w and v are two views of one point: the gradient adds both parts into g.
            double[] wGrad = new double[6], vGrad = new double[3];
            double[] w = v[..6].ToArray(), x = v[..3].ToArray();
            double value = KernelMethods.TwoLayersWithGradient(w, x, wGrad, vGrad, seed);
            for (int i = 0; i < 6; i++)
            {
                g[i] += wGrad[i] + (i < 3 ? vGrad[i] : 0);
            }

            return value;
        }),
        Cases.OfSpan("KernelMethods.DescendingWindow", 5, v => KernelMethods.DescendingWindow(v), (v, g, seed) => KernelMethods.DescendingWindowWithGradient(v, g, seed), Domains.Signed(5, 0.2, 0.9)),
        Cases.OfSpan("KernelMethods.NotKernels", 4, v => KernelMethods.NotKernels(v), (v, g, seed) => KernelMethods.NotKernelsWithGradient(v, g, seed)),
    ];
}
