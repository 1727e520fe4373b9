using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Vector-valued methods: every companion's vector-Jacobian product, for random points and random seeds, against
/// the Jacobian computed by central differences (u^T J); callers through vector callees against the gradient of
/// their scalar result.
/// </summary>
public sealed class OutputGradientTests
{
    private const int Rows = 3;
    private const int Columns = 4;

    [Fact]
    public void VoidMethod_OneOutput_VjpMatchesJacobian()
    {
        // Inputs: w (Rows x Columns), b (Rows), x (Columns); output y (Rows).
        FiniteDifferences.Points((Rows * Columns) + Rows + Columns + Rows, 0.1, 0.9).Sample(
            p =>
            {
                double[] inputs = p[..^Rows];
                double[] seed = p[^Rows..];
                double[] Forward(double[] q)
                {
                    var y = new double[Rows];
                    OutputMethods.Affine(q.AsSpan(0, Rows * Columns), q.AsSpan(Rows * Columns, Rows), q.AsSpan((Rows * Columns) + Rows, Columns), y);
                    return y;
                }

                var wGrad = new double[Rows * Columns];
                var bGrad = new double[Rows];
                var xGrad = new double[Columns];
                var output = new double[Rows];
                OutputMethods.AffineWithGradient(inputs.AsSpan(0, Rows * Columns), inputs.AsSpan(Rows * Columns, Rows), inputs.AsSpan((Rows * Columns) + Rows), output, wGrad, bGrad, xGrad, seed);

                FiniteDifferences.AssertClose(Forward(inputs), output, 1e-12, "output");
                double[] expected = FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, inputs));
                FiniteDifferences.AssertClose(expected, [.. wGrad, .. bGrad, .. xGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void SeveralOutputs_VjpMatchesJacobian()
    {
        const int n = 5;
        FiniteDifferences.Points(n + n + (n - 1)).Sample(
            p =>
            {
                double[] v = p[..n];
                double[] seed = p[n..];
                double[] Forward(double[] q)
                {
                    var squares = new double[n];
                    var products = new double[n - 1];
                    OutputMethods.Parts(q, squares, products);
                    return [.. squares, .. products];
                }

                var vGrad = new double[n];
                var squares = new double[n];
                var products = new double[n - 1];
                OutputMethods.PartsWithGradient(v, squares, products, vGrad, seed.AsSpan(0, n), seed.AsSpan(n));
                FiniteDifferences.AssertClose(Forward(v), [.. squares, .. products], 1e-12, "outputs");
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, v)), vGrad);
            },
            iter: 20);
    }

    [Fact]
    public void OutputPlusScalarResult_VjpMatchesJacobian()
    {
        const int n = 4;
        FiniteDifferences.Points(n + n + 1).Sample(
            p =>
            {
                double[] z = p[..n];
                double[] seed = p[n..]; // the outputs' seed, then the result's
                double[] Forward(double[] q)
                {
                    var probabilities = new double[n];
                    double entropy = OutputMethods.SoftmaxEntropy(q, probabilities);
                    return [.. probabilities, entropy];
                }

                var zGrad = new double[n];
                var probabilities = new double[n];
                double entropy = OutputMethods.SoftmaxEntropyWithGradient(z, probabilities, zGrad, seed.AsSpan(0, n), seed[n]);
                FiniteDifferences.AssertClose(Forward(z), [.. probabilities, entropy], 1e-12, "outputs");
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, z)), zGrad);
            },
            iter: 20);
    }

    [Fact]
    public void OutputReadBeforeWritten_InitialContentsGradient_MatchesJacobian()
    {
        const int n = 4;
        FiniteDifferences.Points(n + n + n).Sample(
            p =>
            {
                double[] inputs = p[..(2 * n)]; // x, then y's contents on entry
                double[] seed = p[(2 * n)..];
                double[] Forward(double[] q)
                {
                    double[] y = q[n..];
                    OutputMethods.AccumulateSquares(q.AsSpan(0, n), y);
                    return y;
                }

                var xGrad = new double[n];
                var initialGrad = new double[n];
                double[] y = inputs[n..];
                OutputMethods.AccumulateSquaresWithGradient(inputs.AsSpan(0, n), y, xGrad, seed, initialGrad);
                FiniteDifferences.AssertClose(Forward(inputs), y, 1e-12, "output");
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, inputs)), [.. xGrad, .. initialGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void OutputPartlyWritten_UnwrittenElementsPassTheirSeedBack()
    {
        const int n = 6;
        FiniteDifferences.Points(1 + n + n + n).Sample(
            p =>
            {
                double[] inputs = p[..(1 + n + n)]; // scale, x, y on entry
                double[] seed = p[(1 + n + n)..];
                double[] Forward(double[] q)
                {
                    double[] y = q[(1 + n)..];
                    OutputMethods.ScaleFirstHalf(q[0], q.AsSpan(1, n), y);
                    return y;
                }

                double scaleGrad = 0;
                var xGrad = new double[n];
                var initialGrad = new double[n];
                double[] y = inputs[(1 + n)..];
                OutputMethods.ScaleFirstHalfWithGradient(inputs[0], inputs.AsSpan(1, n), y, ref scaleGrad, xGrad, seed, initialGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, inputs)), [scaleGrad, .. xGrad, .. initialGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void CallerThroughVectorCallees_PerSampleLoopWithLocalArrays_MatchesFiniteDifferences()
    {
        const int samples = 5, hidden = 3, features = 2;
        double[] data = Data(7, samples * features);
        double[] targets = Data(8, samples);
        FiniteDifferences.Points((hidden * features) + hidden + hidden, 0.1, 0.9).Sample(
            p =>
            {
                double Loss(double[] q) => OutputMethods.MlpLoss(q.AsSpan(0, hidden * features), q.AsSpan(hidden * features, hidden), q.AsSpan((hidden * features) + hidden), data, targets);
                var w1Grad = new double[hidden * features];
                var b1Grad = new double[hidden];
                var w2Grad = new double[hidden];
                double loss = OutputMethods.MlpLossWithGradient(p.AsSpan(0, hidden * features), p.AsSpan(hidden * features, hidden), p.AsSpan((hidden * features) + hidden), data, targets, w1Grad, b1Grad, w2Grad);
                Assert.Equal(Loss(p), loss, 12);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Loss, p), [.. w1Grad, .. b1Grad, .. w2Grad]);
            },
            iter: 20);
    }

    [Fact]
    public void CallerReusingOutputArrays_RestoresWhatLaterCallsOverwrote()
    {
        const int n = 2;
        FiniteDifferences.Points((n * n) + n + n, 0.1, 0.9).Sample(
            p =>
            {
                double Value(double[] q) => OutputMethods.ReusedHidden(q.AsSpan(0, n * n), q.AsSpan(n * n, n), q.AsSpan((n * n) + n));
                var wGrad = new double[n * n];
                var bGrad = new double[n];
                var xGrad = new double[n];
                OutputMethods.ReusedHiddenWithGradient(p.AsSpan(0, n * n), p.AsSpan(n * n, n), p.AsSpan((n * n) + n), wGrad, bGrad, xGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Value, p), [.. wGrad, .. bGrad, .. xGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void CallerWithOutputsOfItsOwn_WrittenByCallees_VjpMatchesJacobian()
    {
        const int n = 3;
        FiniteDifferences.Points((n * n) + n + n + n + n + 1, 0.1, 0.9).Sample(
            p =>
            {
                double[] inputs = p[..((n * n) + n + n)];
                double[] seed = p[((n * n) + n + n)..]; // y, p, then the result
                double[] Forward(double[] q)
                {
                    var y = new double[n];
                    var probabilities = new double[n];
                    double value = OutputMethods.TwoLayers(q.AsSpan(0, n * n), q.AsSpan(n * n, n), q.AsSpan((n * n) + n), y, probabilities);
                    return [.. y, .. probabilities, value];
                }

                var wGrad = new double[n * n];
                var bGrad = new double[n];
                var xGrad = new double[n];
                var y = new double[n];
                var probabilities = new double[n];
                OutputMethods.TwoLayersWithGradient(inputs.AsSpan(0, n * n), inputs.AsSpan(n * n, n), inputs.AsSpan((n * n) + n), y, probabilities, wGrad, bGrad, xGrad, seed.AsSpan(0, n), seed.AsSpan(n, n), seed[2 * n]);
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, inputs)), [.. wGrad, .. bGrad, .. xGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void CallerThroughCalleesThatKeepOrReadTheirOutputs_MatchesFiniteDifferences()
    {
        const int n = 6;
        FiniteDifferences.Points(n + 1).Sample(
            p =>
            {
                double Value(double[] q) => OutputMethods.ThroughAccumulation(q.AsSpan(0, n), q[n]);
                var xGrad = new double[n];
                double scaleGrad = 0;
                OutputMethods.ThroughAccumulationWithGradient(p.AsSpan(0, n), p[n], xGrad, ref scaleGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Value, p), [.. xGrad, scaleGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void WrongSeedLength_OrOutputOverlappingAnInput_IsAnArgumentExceptionNamingBoth()
    {
        double[] v = [1, 2, 3];
        var error = Assert.Throws<ArgumentException>(() => OutputMethods.PartsWithGradient(v, new double[3], new double[2], new double[3], new double[2], new double[2]));
        Assert.Contains("squaresGrad", error.Message, StringComparison.Ordinal);
        Assert.Contains("'squares'", error.Message, StringComparison.Ordinal);

        double[] shared = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        var overlap = Assert.Throws<ArgumentException>(() => OutputMethods.AccumulateSquaresWithGradient(shared.AsSpan(0, 4), shared.AsSpan(2, 4), new double[4], new double[4]));
        Assert.Contains("'y'", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", overlap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerSampleLossOverSlices_MatchesFiniteDifferences()
    {
        const int n = 3, samples = 4;
        double[] features = Data(11, n * samples);
        double[] targets = Data(12, samples);
        FiniteDifferences.Points(n).Sample(
            p =>
            {
                var wGrad = new double[n];
                double loss = SliceMethods.BatchLossWithGradient(p, features, targets, wGrad);
                Assert.Equal(SliceMethods.BatchLoss(p, features, targets), loss, 12);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => SliceMethods.BatchLoss(q, features, targets), p), wGrad);
            },
            iter: 20);
    }

    [Fact]
    public void SlicesOfADifferentiatedParameter_GetTheirPartOfTheGradient()
    {
        const int n = 3, rows = 2;
        FiniteDifferences.Points((rows * n) + n).Sample(
            p =>
            {
                var wGrad = new double[rows * n];
                var xGrad = new double[n];
                SliceMethods.RowDotsWithGradient(p.AsSpan(0, rows * n), p.AsSpan(rows * n), wGrad, xGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => SliceMethods.RowDots(q.AsSpan(0, rows * n), q.AsSpan(rows * n)), p), [.. wGrad, .. xGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void VectorCallsIntoSlicesOfALocalArray_MatchFiniteDifferences()
    {
        const int n = 2, m = 3, samples = 3;
        double[] features = Data(5, n * samples);
        FiniteDifferences.Points((m * n) + m, 0.1, 0.9).Sample(
            p =>
            {
                var wGrad = new double[m * n];
                var bGrad = new double[m];
                SliceMethods.BatchedHiddenWithGradient(p.AsSpan(0, m * n), p.AsSpan(m * n), features, wGrad, bGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => SliceMethods.BatchedHidden(q.AsSpan(0, m * n), q.AsSpan(m * n), features), p), [.. wGrad, .. bGrad]);

                wGrad.AsSpan().Clear();
                bGrad.AsSpan().Clear();
                SliceMethods.RunningOffsetWithGradient(p.AsSpan(0, m * n), p.AsSpan(m * n), features, wGrad, bGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => SliceMethods.RunningOffset(q.AsSpan(0, m * n), q.AsSpan(m * n), features), p), [.. wGrad, .. bGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void OutputWrittenSliceBySlice_VjpMatchesJacobian()
    {
        const int n = 2, m = 3, samples = 2;
        int inputs = (m * n) + m + (n * samples);
        FiniteDifferences.Points(inputs + (m * samples), 0.1, 0.9).Sample(
            p =>
            {
                double[] q0 = p[..inputs];
                double[] seed = p[inputs..];
                double[] Forward(double[] q)
                {
                    var y = new double[m * samples];
                    SliceMethods.BatchAffine(q.AsSpan(0, m * n), q.AsSpan(m * n, m), q.AsSpan((m * n) + m), y);
                    return y;
                }

                var wGrad = new double[m * n];
                var bGrad = new double[m];
                var xGrad = new double[n * samples];
                var y = new double[m * samples];
                SliceMethods.BatchAffineWithGradient(q0.AsSpan(0, m * n), q0.AsSpan(m * n, m), q0.AsSpan((m * n) + m), y, wGrad, bGrad, xGrad, seed);
                FiniteDifferences.AssertClose(Forward(q0), y, 1e-12, "output");
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, q0)), [.. wGrad, .. bGrad, .. xGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void SlicesOfLocalArraysAndRangesFromTheEnd_MatchFiniteDifferences()
    {
        const int n = 3, v = 5;
        FiniteDifferences.Points(n + v).Sample(
            p =>
            {
                var wGrad = new double[n];
                var vGrad = new double[v];
                SliceMethods.LocalSlicesWithGradient(p.AsSpan(0, n), p.AsSpan(n), wGrad, vGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(q => SliceMethods.LocalSlices(q.AsSpan(0, n), q.AsSpan(n)), p), [.. wGrad, .. vGrad]);
            },
            iter: 20);
    }

    [Fact]
    public void PerSampleCallsThroughVectorCallees_AllocateNothingOnceWarm()
    {
        const int samples = 8, hidden = 3, features = 2;
        double[] data = Data(3, samples * features);
        double[] targets = Data(4, samples);
        double[] w1 = Data(5, hidden * features), b1 = Data(6, hidden), w2 = Data(7, hidden);
        var w1Grad = new double[w1.Length];
        var b1Grad = new double[b1.Length];
        var w2Grad = new double[w2.Length];
        for (int i = 0; i < 3; i++)
        {
            OutputMethods.MlpLossWithGradient(w1, b1, w2, data, targets, w1Grad, b1Grad, w2Grad);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            OutputMethods.MlpLossWithGradient(w1, b1, w2, data, targets, w1Grad, b1Grad, w2Grad);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Copies and seeds of each call's outputs come from the scratch arena and go back after the call.
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void EarlyReturnInVoidMethod_VjpMatchesJacobian()
    {
        const int n = 5;
        FiniteDifferences.Points(n + n + n, 0.5, 1.9).Sample(
            p =>
            {
                double[] inputs = p[..(2 * n)]; // x, then y's contents on entry
                double[] seed = p[(2 * n)..];
                const double limit = 1.5;
                double[] Forward(double[] q)
                {
                    double[] y = q[n..];
                    OutputControlFlow.PrefixProducts(q.AsSpan(0, n), limit, y);
                    return y;
                }

                var xGrad = new double[n];
                var initialGrad = new double[n];
                double[] y = inputs[n..];
                OutputControlFlow.PrefixProductsWithGradient(inputs.AsSpan(0, n), limit, y, xGrad, seed, initialGrad);
                FiniteDifferences.AssertClose(Forward(inputs), y, 1e-12, "output");
                FiniteDifferences.AssertClose(FiniteDifferences.VectorJacobianProduct(seed, FiniteDifferences.Jacobian(Forward, inputs)), [.. xGrad, .. initialGrad]);
            },
            iter: 30);
    }

    /// <summary>Constant data in [-1, 1), the same on every run.</summary>
    private static double[] Data(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
    }
}
