using CsCheck;

namespace SharpGrad.Gradients.Tests.Models;

/// <summary>
/// Model classes: the instance companions add into the model's own parameter gradients, checked against central
/// differences over every parameter the model lists, at random points (parameters and inputs drawn together).
/// </summary>
public sealed class ModelGradientTests
{
    [Fact]
    public void FlatModel_MatchesFiniteDifferences()
    {
        FiniteDifferences.Points(4 + 6 + 2).Sample(
            p =>
            {
                var model = new FlatRegression(3);
                double[] x = p[4..10], y = p[10..];
                AssertModelGradient(model, p[..4], () => model.Loss(x, y), () => model.LossWithGradient(x, y));
            },
            iter: 20);
    }

    [Fact]
    public void FullCompanion_AlsoGivesTheInputGradient()
    {
        FiniteDifferences.Points(4 + 6 + 2).Sample(
            p =>
            {
                var model = new FlatRegression(3);
                SetParameters(model, p[..4]);
                double[] x = p[4..10], y = p[10..];
                var xGrad = new double[6];
                var yGrad = new double[2];
                double value = model.LossWithGradient(x, y, xGrad, yGrad);
                Assert.Equal(model.Loss(x, y), value, 12);
                double[] expected = FiniteDifferences.Gradient(q => model.Loss(q[..6], q[6..]), [.. x, .. y]);
                FiniteDifferences.AssertClose(expected, [.. xGrad, .. yGrad]);
            },
            iter: 10);
    }

    [Fact]
    public void ParameterUsedTwice_GradientsAreSummed()
    {
        FiniteDifferences.Points(4 + 3).Sample(
            p =>
            {
                var model = new FlatRegression(3);
                double[] x = p[4..];
                AssertModelGradient(model, p[..4], () => model.UsesWeightTwice(x), () => model.UsesWeightTwiceWithGradient(x));
            },
            iter: 20);
    }

    [Fact]
    public void NestedModules_GradientsReachTheNestedParameters()
    {
        FiniteDifferences.Points(3 + 1 + 3 + 1 + 1 + 3 + 1).Sample(
            p =>
            {
                var model = new Outer(new TwoLayers(new ScalarLayer(new double[3], 0), new ScalarLayer(new double[3], 0)));
                Assert.Equal(["body.first.weight", "body.first.bias", "body.scale", "body.second.weight", "body.second.bias", "offset"], model.Parameters().Names);
                double[] x = p[10..];
                AssertModelGradient(model, p[..10], () => model.Loss(x), () => model.LossWithGradient(x));
            },
            iter: 20);
    }

    [Fact]
    public void NestedVectorLayers_WithOutputSpans_MatchFiniteDifferences()
    {
        FiniteDifferences.Points(12 + 4 + 8 + 2 + 3 + 2).Sample(
            p =>
            {
                var model = new VectorMlp();
                Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], model.Parameters().Names);
                double[] x = p[26..29], target = p[29..];
                AssertModelGradient(model, p[..26], () => model.Loss(x, target), () => model.LossWithGradient(x, target));
            },
            iter: 20);
    }

    [Fact]
    public void ModelOfRuntimeLayers_ThroughSequentialAndLinear_MatchesFiniteDifferences()
    {
        FiniteDifferences.Points(15 + 5 + 10 + 2 + 12).Sample(
            p =>
            {
                var model = new LayeredMlp();
                Assert.Equal(["body.0.weight", "body.0.bias", "head.weight", "head.bias"], model.Parameters().Names);
                double[] x = p[32..];
                double[] labels = [0, 1, 1, 0];
                AssertModelGradient(model, p[..32], () => model.Loss(x, labels), () => model.LossWithGradient(x, labels));
            },
            iter: 10);
    }

    [Fact]
    public void ModelOnWholeBatches_ThroughLinearForwardBatch_MatchesFiniteDifferences()
    {
        // Central differences measure nothing across a ReLU kink: keep points whose every pre-activation is farther from
        // zero than a finite-difference step can move it (h <= 2e-5 times a coordinate of magnitude <= 2, summed over 5 inputs).
        FiniteDifferences.Points(35 + 7 + 21 + 3 + 30).Where(p => SmallestPreActivation(p) > 1e-3).Sample(
            p =>
            {
                var model = new BatchedMlp();
                double[] x = p[66..];
                double[] labels = [0, 2, 1, 1, 0, 2];
                AssertModelGradient(model, p[..66], () => model.Loss(x, labels), () => model.LossWithGradient(x, labels));

                // The full companion also gives the gradient of the features, against central differences.
                var xGrad = new double[x.Length];
                model.ZeroGrad();
                model.LossWithGradient(x, labels, xGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(v => model.Loss(v, labels), x), xGrad, 1e-6, "d/d(features)");

                // The batch forward agrees with the per-sample one.
                var batch = new double[6 * 7];
                model.Fc1.ForwardBatch(x, batch);
                var row = new double[7];
                for (int i = 0; i < 6; i++)
                {
                    model.Fc1.Forward(x.AsSpan(i * 5, 5), row);
                    FiniteDifferences.AssertClose(row, batch[(i * 7)..((i + 1) * 7)], 1e-12, $"row {i}");
                }
            },
            iter: 10);
    }

    [Fact]
    public void ModelOfASequentialOnWholeBatches_MatchesFiniteDifferences()
    {
        FiniteDifferences.Points(15 + 5 + 10 + 2 + 12).Sample(
            p =>
            {
                var model = new SequentialBatchMlp();
                Assert.Equal(["body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias"], model.Parameters().Names);
                double[] x = p[32..];
                double[] labels = [1, 0, 0, 1];
                AssertModelGradient(model, p[..32], () => model.Loss(x, labels), () => model.LossWithGradient(x, labels));
                var xGrad = new double[x.Length];
                model.ZeroGrad();
                model.LossWithGradient(x, labels, xGrad);
                FiniteDifferences.AssertClose(FiniteDifferences.Gradient(v => model.Loss(v, labels), x), xGrad, 1e-6, "d/d(features)");
            },
            iter: 10);
    }

    [Fact]
    public void VectorLayerCompanion_IsTheVectorJacobianProduct_IntoItsOwnParameters()
    {
        FiniteDifferences.Points(12 + 4 + 3 + 4).Sample(
            p =>
            {
                var layer = new VectorLayer(3, 4);
                double[] x = p[16..19], seed = p[19..];
                double Projected()
                {
                    var y = new double[4];
                    layer.Forward(x, y);
                    return y.Select((v, k) => v * seed[k]).Sum();
                }

                // The parameters-only companion: outputs written, seed carried into the layer's gradients only.
                AssertModelGradient(layer, p[..16], Projected, () =>
                {
                    var y = new double[4];
                    layer.ForwardWithGradient(x, y, seed);
                    return y.Select((v, k) => v * seed[k]).Sum();
                });
            },
            iter: 20);
    }

    [Fact]
    public void SharedModule_IsListedOnce_AndItsGradientSumsBothUses()
    {
        FiniteDifferences.Points(3 + 1 + 1 + 3).Sample(
            p =>
            {
                var shared = new ScalarLayer(new double[3], 0);
                var model = new TwoLayers(shared, shared);
                Assert.Equal(["first.weight", "first.bias", "scale"], model.Parameters().Names);
                double[] x = p[5..];
                AssertModelGradient(model, p[..5], () => model.Loss(x), () => model.LossWithGradient(x));
            },
            iter: 20);
    }

    [Fact]
    public void SharedParameter_IsListedOnce_AndItsGradientSumsBothUses()
    {
        FiniteDifferences.Points(4 + 4 + 2 + 3).Sample(
            p =>
            {
                var model = new SharedParameters();
                Assert.Equal(["a.weight", "a.bias", "other.weight", "other.bias", "tied"], model.Parameters().Names);
                double[] x = p[10..];
                AssertModelGradient(model, p[..10], () => model.Loss(x), () => model.LossWithGradient(x));
            },
            iter: 20);
    }

    [Fact]
    public void Companion_ScalesByTheOutputGradient_AndAccumulates()
    {
        var model = new FlatRegression(3);
        SetParameters(model, [0.5, -0.25, 0.75, 0.1]);
        double[] x = [1, 2, 3, -1, 0.5, 0.25], y = [0.3, -0.2];
        model.LossWithGradient(x, y);
        double[] once = Gradients(model);
        model.LossWithGradient(x, y, outputGradient: -2);
        double[] after = Gradients(model);
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(-once[i], after[i], 12);
        }

        model.ZeroGrad();
        Assert.All(Gradients(model), g => Assert.Equal(0, g));
    }

    /// <summary>Sets the model's parameters to <paramref name="point"/>, runs the companion from zero gradients, and compares with central differences.</summary>
    private static void AssertModelGradient(Module<double> model, double[] point, Func<double> loss, Func<double> lossWithGradient)
    {
        SetParameters(model, point);
        model.ZeroGrad();
        double value = lossWithGradient();
        Assert.Equal(loss(), value, 12);
        double[] expected = FiniteDifferences.Gradient(
            q =>
            {
                SetParameters(model, q);
                return loss();
            },
            point);
        SetParameters(model, point);
        FiniteDifferences.AssertClose(expected, Gradients(model));
    }

    /// <summary>The smallest |pre-activation| of <see cref="BatchedMlp"/>'s ReLU at <paramref name="point"/> (66 parameters, then the features).</summary>
    private static double SmallestPreActivation(double[] point)
    {
        var model = new BatchedMlp();
        SetParameters(model, point[..66]);
        double[] x = point[66..];
        var hidden = new double[(x.Length / 5) * 7];
        model.Fc1.ForwardBatch(x, hidden);
        return hidden.Min(Math.Abs);
    }

    private static void SetParameters(Module<double> model, double[] values)
    {
        int offset = 0;
        foreach (Parameter<double> parameter in model.Parameters())
        {
            values.AsSpan(offset, parameter.Length).CopyTo(parameter.Data);
            offset += parameter.Length;
        }

        Assert.Equal(values.Length, offset);
    }

    private static double[] Gradients(Module<double> model)
        => [.. model.Parameters().SelectMany(p => p.Grad.ToArray())];
}
