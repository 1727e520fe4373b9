using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>clip_grad_norm_ and clip_grad_value_ against PyTorch, plus the edge cases it defines.</summary>
public sealed class GradientClippingTests
{
    public static TheoryData<string> Cases => new(PyTorchReference.Clipping.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clipping_matches_PyTorch(string name)
    {
        ClippingCase c = PyTorchReference.ClippingCase(name);
        var a = new Parameter<double>("a", 4);
        var b = new Parameter<double>("b", 2, 3);
        c.GradABefore.CopyTo(a.Grad);
        c.GradBBefore.CopyTo(b.Grad);

        if (c.Function == "clip_grad_norm_")
        {
            double norm = GradientClipping.ClipGradNorm([a, b], c.MaxNorm, c.NormType);
            Tolerance.AssertClose(c.ReturnedNorm, norm, Tolerance.Double, $"{name} total norm");
        }
        else
        {
            Assert.Equal("clip_grad_value_", c.Function);
            GradientClipping.ClipGradValue([a, b], c.ClipValue);
        }

        Tolerance.AssertClose(c.GradAAfter, a.Grad, Tolerance.Double, $"{name} grad a");
        Tolerance.AssertClose(c.GradBAfter, b.Grad, Tolerance.Double, $"{name} grad b");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void A_general_p_norm_is_the_p_norm_of_all_gradients(double p)
    {
        double[] all = [0.3, -1.2, 0.8, 2.5, -0.4, 0.9, 0.05, 1.7, -0.6, 0.2, 7, -3];
        Parameter<double> a = WithGradient("a", all[..4]);
        Parameter<double> b = WithGradient("b", all[4..]);
        double expected = Math.Pow(all.Sum(x => Math.Pow(Math.Abs(x), p)), 1 / p);

        double norm = GradientClipping.ClipGradNorm([a, b], maxNorm: 1, normType: p);

        Tolerance.AssertClose(expected, norm, 1e-14, $"{p}-norm");
        double scale = 1 / (expected + 1e-6);
        Tolerance.AssertClose([.. all.Select(x => x * scale)], [.. a.Grad.ToArray(), .. b.Grad.ToArray()], 1e-14, "scaled gradients");
    }

    [Fact]
    public void Long_float_gradients_are_summed_in_double()
    {
        // 10^6 elements of 0.001: a float running sum of squares would be off by ~1e-2; a double one by ~1e-12.
        var a = new Parameter<float>("a", 1_000_003);
        a.Grad.Fill(0.001f);
        double expected = Math.Sqrt(1_000_003 * (double)0.001f * 0.001f);
        double norm = GradientClipping.ClipGradNorm([a], maxNorm: 10);
        Tolerance.AssertClose(expected, norm, 1e-9, "float L2 norm");
        Assert.Equal(0.001f, a.Grad[12345]); // below maxNorm: untouched
    }

    [Fact]
    public void A_NaN_gradient_gives_a_NaN_norm_and_NaN_gradients_as_in_PyTorch()
    {
        Parameter<double> a = WithGradient("a", [1.0, double.NaN, 2.0]);
        double norm = GradientClipping.ClipGradNorm([a], maxNorm: 1);
        Assert.True(double.IsNaN(norm));
        Assert.True(double.IsNaN(a.Grad[0]));
    }

    [Fact]
    public void ErrorIfNonfinite_refuses_to_scale_an_infinite_norm()
    {
        Parameter<double> a = WithGradient("a", [1.0, double.PositiveInfinity]);
        var error = Assert.Throws<InvalidOperationException>(() => GradientClipping.ClipGradNorm([a], maxNorm: 1, errorIfNonfinite: true));
        Assert.Contains("Infinity", error.Message);
        Assert.Equal(1.0, a.Grad[0]);
    }

    [Fact]
    public void Frozen_parameters_are_neither_counted_nor_scaled()
    {
        Parameter<double> trained = WithGradient("trained", [3.0, 4.0]);
        Parameter<double> frozen = WithGradient("frozen", [100.0]);
        frozen.RequiresGrad = false;
        double norm = GradientClipping.ClipGradNorm([trained, frozen], maxNorm: 1);
        Assert.Equal(5, norm, 15);
        Assert.Equal(100, frozen.Grad[0]);
        GradientClipping.ClipGradValue([trained, frozen], clipValue: 0.1);
        Assert.Equal(100, frozen.Grad[0]);
    }

    [Fact]
    public void No_gradients_have_norm_zero()
    {
        Assert.Equal(0, GradientClipping.ClipGradNorm(Array.Empty<Parameter<double>>(), maxNorm: 1));
    }

    [Fact]
    public void Clipping_by_value_works_on_long_float_gradients_and_keeps_NaN()
    {
        var a = new Parameter<float>("a", 37);
        for (int i = 0; i < a.Length; i++)
        {
            a.Grad[i] = (i - 18) * 0.1f;
        }

        a.Grad[20] = float.NaN;
        GradientClipping.ClipGradValue([a], clipValue: 0.5);
        for (int i = 0; i < a.Length; i++)
        {
            float expected = i == 20 ? float.NaN : Math.Clamp((i - 18) * 0.1f, -0.5f, 0.5f);
            Assert.Equal(expected, a.Grad[i]);
        }
    }

    [Theory]
    [InlineData(-1.0, 2.0, "maxNorm", "Invalid max_norm value: -1")]
    [InlineData(double.NaN, 2.0, "maxNorm", "Invalid max_norm value: NaN")]
    [InlineData(1.0, 0.0, "normType", "Invalid norm_type value: 0")]
    [InlineData(1.0, double.NegativeInfinity, "normType", "Invalid norm_type value: -Infinity")]
    public void Invalid_clipping_arguments_are_rejected(double maxNorm, double normType, string argument, string message)
    {
        var a = new Parameter<double>("a", 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradNorm([a], maxNorm, normType));
        Assert.Equal(argument, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_negative_clip_value_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradValue([new Parameter<double>("a", 2)], -0.1));
        Assert.Contains("Invalid clip_value value: -0.1", error.Message);
    }

    private static Parameter<double> WithGradient(string name, double[] gradient)
    {
        var parameter = new Parameter<double>(name, gradient.Length);
        gradient.CopyTo(parameter.Grad);
        return parameter;
    }
}
