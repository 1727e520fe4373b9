using SharpGrad.Nn;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>The layer classes of SharpGrad.Nn: names, shapes, PyTorch's default initializations, seeded Dropout, and the boundary checks' messages.</summary>
public sealed class LayerTests
{
    [Fact]
    public void Linear_is_initialized_as_nn_Linear()
    {
        var layer = new Linear<double>(400, 30, new RandomGenerator(1), "fc1");
        Assert.Equal(["fc1.weight", "fc1.bias"], layer.Parameters.Select(p => p.Name));
        Assert.Equal([30, 400], layer.Weight.Shape.ToArray());
        double bound = 1 / Math.Sqrt(400); // kaiming_uniform_(a=sqrt(5)): gain sqrt(2 / 6), bound gain * sqrt(3 / fan_in)
        AssertUniform(layer.Weight.Data.ToArray(), bound);
        Assert.All(layer.Bias.Data.ToArray(), b => Assert.InRange(b, -bound, bound));
        var again = new Linear<double>(400, 30, new RandomGenerator(1), "fc1");
        Assert.Equal(layer.Weight.Data.ToArray(), again.Weight.Data.ToArray());
    }

    [Fact]
    public void Conv2d_is_initialized_as_nn_Conv2d()
    {
        var layer = new Conv2d<float>(6, 16, 5, new RandomGenerator(2), name: "conv2");
        Assert.Equal([16, 6, 5, 5], layer.Weight.Shape.ToArray());
        Assert.Equal(["conv2.weight", "conv2.bias"], layer.Parameters.Select(p => p.Name));
        double bound = 1 / Math.Sqrt(6 * 25);
        AssertUniform(layer.Weight.Data.ToArray().Select(v => (double)v).ToArray(), bound);
        Assert.All(layer.Bias.Data.ToArray(), b => Assert.InRange(b, -bound, bound));
        Assert.Equal(24, layer.OutputSize(28));
        Assert.Equal(14, new Conv2d<float>(1, 1, 3, new RandomGenerator(0), stride: 2, padding: 1).OutputSize(28));
    }

    [Fact]
    public void Embedding_and_LayerNorm_are_initialized_as_PyTorch()
    {
        var embedding = new Embedding<double>(500, 40, new RandomGenerator(3), "tok");
        double[] values = embedding.Weight.Data.ToArray();
        Assert.InRange(values.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(values.Select(v => v * v).Average()), 0.97, 1.03);
        var norm = new LayerNorm<float>(8, name: "ln");
        Assert.All(norm.Weight.Data.ToArray(), w => Assert.Equal(1f, w));
        Assert.All(norm.Bias.Data.ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(["ln.weight", "ln.bias"], norm.Parameters.Select(p => p.Name));
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
    public void A_feature_matrix_of_the_wrong_width_names_the_layer_and_both_shapes()
    {
        var layer = new Linear<float>(4, 16, new RandomGenerator(0), "fc1");
        layer.CheckInput(new float[32 * 4], 32);
        var error = Assert.Throws<ArgumentException>(() => layer.CheckInput(new float[32 * 5], 32));
        Assert.Equal("input", error.ParamName);
        Assert.StartsWith("Linear 'fc1' (nn.Linear(4, 16)) expects an input of shape [32, 4] (32 rows of 4), but got [32, 5].", error.Message, StringComparison.Ordinal);
        var conv = new Conv2d<float>(1, 8, 5, new RandomGenerator(0), name: "conv1");
        var convError = Assert.Throws<ArgumentException>(() => conv.CheckInput(new float[2 * 3 * 28 * 28], 2, 28, 28));
        Assert.Contains("conv1", convError.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 1, 28, 28]", convError.Message, StringComparison.Ordinal);
        Assert.Contains("4704 values", convError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_label_out_of_range_names_the_label_its_index_and_the_class_count()
    {
        Functional.CheckClassIndices<double>(new double[3 * 4], [0, 3, 2], 4);
        var error = Assert.Throws<ArgumentException>(() => Functional.CheckClassIndices<double>(new double[3 * 4], [0, 4, 2], 4));
        Assert.StartsWith("CrossEntropyLoss: label 4 at index 1 is not a class index in [0, 4) (4 classes).", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Functional.CheckClassIndices<float>(new float[3 * 4], [0, 1.5f, 2], 4, "NLLLoss"));
        var embedding = new Embedding<float>(10, 3, new RandomGenerator(0), "tok");
        var indexError = Assert.Throws<ArgumentException>(() => embedding.CheckIndices([1, 2, -1]));
        Assert.Contains("label -1 at index 2", indexError.Message, StringComparison.Ordinal);
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
