using SharpGrad.Nn;
using F32 = SharpGrad.Nn.Float32;
using F64 = SharpGrad.Nn.Float64;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>The layer classes of SharpGrad.Nn: names, shapes, PyTorch's default initializations, seeded Dropout, and the boundary checks' messages.</summary>
public sealed class LayerTests
{
    [Fact]
    public void Linear_is_initialized_as_nn_Linear()
    {
        var layer = new F64.Linear(400, 30, new RandomGenerator(1));
        Assert.Equal(["weight", "bias"], layer.Parameters().Names);
        Assert.Equal([30, 400], layer.Weight.Shape.ToArray());
        double bound = 1 / Math.Sqrt(400); // kaiming_uniform_(a=sqrt(5)): gain sqrt(2 / 6), bound gain * sqrt(3 / fan_in)
        AssertUniform(layer.Weight.Data.ToArray(), bound);
        Assert.All(layer.Bias.Data.ToArray(), b => Assert.InRange(b, -bound, bound));
        var again = new F64.Linear(400, 30, new RandomGenerator(1));
        Assert.Equal(layer.Weight.Data.ToArray(), again.Weight.Data.ToArray());
        var single = new F32.Linear(400, 30, new RandomGenerator(1));
        Assert.Equal(layer.Weight.Data.ToArray().Select(v => (float)v), single.Weight.Data.ToArray());
    }

    [Fact]
    public void Layers_without_a_generator_draw_from_the_default_one_which_ManualSeed_restarts()
    {
        Init.ManualSeed(7);
        var first = new F32.Linear(3, 2);
        Init.ManualSeed(7);
        var second = new F32.Linear(3, 2);
        Assert.Equal(first.Weight.Data.ToArray(), second.Weight.Data.ToArray());
        Assert.NotEqual(first.Weight.Data.ToArray(), new F32.Linear(3, 2).Weight.Data.ToArray());
    }

    [Fact]
    public void Conv2d_is_initialized_as_nn_Conv2d()
    {
        var layer = new F32.Conv2d(6, 16, 5, random: new RandomGenerator(2));
        Assert.Equal([16, 6, 5, 5], layer.Weight.Shape.ToArray());
        double bound = 1 / Math.Sqrt(6 * 25);
        AssertUniform(layer.Weight.Data.ToArray().Select(v => (double)v).ToArray(), bound);
        Assert.All(layer.Bias.Data.ToArray(), b => Assert.InRange(b, -bound, bound));
        Assert.Equal(24, layer.OutputSize(28));
        Assert.Equal(16 * 24 * 24, layer.OutputLength(6 * 28 * 28));
        Assert.Equal(14, new F32.Conv2d(1, 1, 3, stride: 2, padding: 1, random: new RandomGenerator(0)).OutputSize(28));
    }

    [Fact]
    public void Embedding_and_LayerNorm_are_initialized_as_PyTorch()
    {
        var embedding = new F64.Embedding(500, 40, new RandomGenerator(3));
        double[] values = embedding.Weight.Data.ToArray();
        Assert.InRange(values.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(values.Select(v => v * v).Average()), 0.97, 1.03);
        var norm = new F32.LayerNorm(8);
        Assert.All(norm.Weight.Data.ToArray(), w => Assert.Equal(1f, w));
        Assert.All(norm.Bias.Data.ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(["weight", "bias"], norm.Parameters().Names);
    }

    [Fact]
    public void Embedding_looks_up_rows_and_adds_into_the_rows_it_used()
    {
        var embedding = new F64.Embedding(4, 2, new RandomGenerator(4));
        var output = new double[6];
        embedding.Forward([3, 0, 3], output);
        Assert.Equal([embedding.Weight[6], embedding.Weight[7], embedding.Weight[0], embedding.Weight[1], embedding.Weight[6], embedding.Weight[7]], output);
        embedding.ZeroGrad();
        embedding.ForwardWithGradient([3, 0, 3], output, [1, 2, 3, 4, 5, 6]);
        Assert.Equal([3.0, 4, 0, 0, 0, 0, 6, 8], embedding.Weight.Grad.ToArray());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => embedding.Forward([1, 4], new double[4]));
        Assert.Contains("target 4 at index 1 is out of range for 4 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_names_parameters_by_position_as_PyTorch()
    {
        var model = new F32.Sequential(new F32.Linear(4, 16), new F32.ReLU(), new F32.Linear(16, 3));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.Parameters().Names);
        Assert.Equal(3, model.OutputLength(4));
        Assert.Equal(3, model.Count);
        Assert.IsType<F32.ReLU>(model[1]);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(new float[5], new float[3]));
        Assert.StartsWith("Linear(in_features=4, out_features=16): 'input' has 5 features, expected 4 (shapes [5] and [16, 4] cannot be multiplied).", error.Message, StringComparison.Ordinal);
        var outputError = Assert.Throws<ArgumentException>(() => model.Forward(new float[4], new float[2]));
        Assert.StartsWith("Sequential: 'outputs' has 2 values, expected [1, 3].", outputError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new F32.Sequential());
    }

    [Fact]
    public void Dropout_is_seeded_and_passes_everything_in_eval_mode()
    {
        var dropout = new Dropout(0.25, seed: 5);
        var mask = new double[20_000];
        dropout.Mask(mask);
        Assert.All(mask, m => Assert.True(m == 0 || m == 1 / 0.75, $"scale {m}"));
        Assert.InRange(mask.Count(m => m == 0) / (double)mask.Length, 0.24, 0.26);
        var again = new double[20_000];
        new Dropout(0.25, seed: 5).Mask(again);
        Assert.Equal(mask, again);
        dropout.Eval();
        var floats = new float[10];
        dropout.Mask(floats);
        Assert.All(floats, m => Assert.Equal(1f, m));
        Assert.True(dropout.Train().IsTraining);
    }

    [Fact]
    public void A_sample_of_the_wrong_shape_names_the_layer_and_both_shapes()
    {
        var layer = new F32.Linear(4, 16, new RandomGenerator(0));
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new float[5], new float[16]));
        Assert.Equal("input", error.ParamName);
        var conv = new F32.Conv2d(3, 8, 5, random: new RandomGenerator(0));
        var convError = Assert.Throws<ArgumentException>(() => conv.Forward(new float[28 * 28], new float[8 * 24 * 24]));
        Assert.StartsWith("Conv2d: 'input' has 784 values, which is not an image of shape [3, H, H]", convError.Message, StringComparison.Ordinal);
        var small = Assert.Throws<ArgumentException>(() => conv.Forward(new float[3 * 4 * 4], new float[8]));
        Assert.Contains("smaller than the kernel size 5", small.Message, StringComparison.Ordinal);
        var pool = new F32.MaxPool2d(2, channels: 8);
        Assert.Throws<ArgumentException>(() => pool.Forward(new float[8 * 24 * 24], new float[8 * 11 * 11]));
    }

    [Fact]
    public void A_class_label_out_of_range_names_the_label_its_index_and_the_class_count()
    {
        Functional.CheckClassIndices<double>(new double[3 * 4], [0, 3, 2], 4);
        var error = Assert.Throws<ArgumentException>(() => Functional.CheckClassIndices<double>(new double[3 * 4], [0, 4, 2], 4));
        Assert.StartsWith("CrossEntropyLoss: label 4 at index 1 is not a class index in [0, 4) (4 classes).", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Functional.CheckClassIndices<float>(new float[3 * 4], [0, 1.5f, 2], 4, "NLLLoss"));
    }

    private static void AssertUniform(double[] values, double bound)
    {
        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        Assert.True(values.Max() > 0.9 * bound && values.Min() < -0.9 * bound, $"values fill only [{values.Min()}, {values.Max()}] of ±{bound}");
        Assert.InRange(values.Average() / bound, -0.1, 0.1);
        // U(-b, b) has standard deviation b / sqrt(3).
        Assert.InRange(Math.Sqrt(values.Select(v => v * v).Average()) / (bound / Math.Sqrt(3)), 0.95, 1.05);
    }
}
