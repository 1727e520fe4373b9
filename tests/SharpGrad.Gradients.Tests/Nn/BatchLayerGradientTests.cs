using SharpGrad.Nn.Float64;

namespace SharpGrad.Gradients.Tests.Nn;

/// <summary>
/// The batch forms of Linear and Conv2d (matrix products with hand-written gradients): their outputs equal the
/// per-sample Forward's to rounding, and both companion overloads' gradients, with respect to the inputs and every
/// parameter, equal central differences of seed · ForwardBatch.
/// </summary>
public sealed class BatchLayerGradientTests
{
    [Fact]
    public void Linear_ForwardBatch()
    {
        var layer = new Linear(6, 5, new RandomGenerator(1));
        Check("Linear", layer, 3, 6, 5, layer.ForwardBatch, layer.ForwardBatchWithGradient, layer.ForwardBatchWithGradient, layer.Forward);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void Conv2d_ForwardBatch(int stride, int padding)
    {
        var layer = new Conv2d(2, 3, 3, stride, padding, new RandomGenerator(2));
        int outSide = layer.OutputSize(5);
        Check($"Conv2d stride {stride} padding {padding}", layer, 2, 2 * 5 * 5, 3 * outSide * outSide, layer.ForwardBatch, layer.ForwardBatchWithGradient, layer.ForwardBatchWithGradient, layer.Forward);
    }

    [Fact]
    public void Sequential_ForwardBatch_of_batch_and_per_sample_layers()
    {
        // Linear and Tanh take the batch at once, LogSoftmax (per row) one sample at a time.
        var model = new Sequential(new Linear(4, 6, new RandomGenerator(3)), new Tanh(), new Linear(6, 3, new RandomGenerator(4)), new LogSoftmax());
        const int Count = 5;
        Check("Sequential", model, Count, 4, 3,
            (i, o) => model.ForwardBatch(i, Count, o),
            (i, o, ig, og, init) => model.ForwardBatchWithGradient(i, Count, o, ig, og, init),
            (i, o, og, init) => model.ForwardBatchWithGradient(i, Count, o, og, init),
            model.Forward);
        var error = Assert.Throws<ArgumentException>(() => model.ForwardBatch(new double[4 * Count], Count, new double[3 * Count + 1]));
        Assert.StartsWith("Sequential: 'outputs' has 16 values, expected [5, 3].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_batches_of_varying_size_allocate_nothing_once_warm()
    {
        // An epoch's last batch is smaller: the kept buffers are sliced, not replaced.
        var model = new Sequential(new Linear(4, 6, new RandomGenerator(3)), new Tanh(), new Linear(6, 3, new RandomGenerator(4)), new LogSoftmax());
        double[] inputs = new double[4 * 16], outputs = new double[3 * 16], seed = new double[3 * 16];
        void Step(int count)
        {
            model.ForwardBatch(inputs.AsSpan(0, 4 * count), count, outputs.AsSpan(0, 3 * count));
            model.ForwardBatchWithGradient(inputs.AsSpan(0, 4 * count), count, outputs.AsSpan(0, 3 * count), (ReadOnlySpan<double>)seed.AsSpan(0, 3 * count));
        }

        Step(16);
        Step(5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Step(i % 2 == 0 ? 16 : 5);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Batches_of_the_wrong_shape_are_named()
    {
        var linear = new Linear(4, 2, new RandomGenerator(0));
        var error = Assert.Throws<ArgumentException>(() => linear.ForwardBatch(new double[10], new double[5]));
        Assert.StartsWith("Linear(in_features=4, out_features=2): 'inputs' has 10 values, which is not a batch of rows of 4", error.Message, StringComparison.Ordinal);
        var conv = new Conv2d(1, 2, 3, random: new RandomGenerator(0));
        var convError = Assert.Throws<ArgumentException>(() => conv.ForwardBatch(new double[2 * 25], new double[7]));
        Assert.StartsWith("Conv2d(in_channels=1, out_channels=2, kernel_size=3): 'inputs' (50 values) and 'outputs' (7 values)", convError.Message, StringComparison.Ordinal);
    }

    private delegate void Batch(ReadOnlySpan<double> inputs, Span<double> outputs);

    private delegate void Full(ReadOnlySpan<double> inputs, Span<double> outputs, Span<double> inputsGrad, ReadOnlySpan<double> outputsGrad, Span<double> initial);

    private delegate void ParametersOnly(ReadOnlySpan<double> inputs, Span<double> outputs, ReadOnlySpan<double> outputsGrad, Span<double> initial);

    private static void Check(string name, Module<double> module, int count, int inputWidth, int outputWidth, Batch forward, Full full, ParametersOnly parametersOnly, Batch sample)
    {
        var random = new Random(7);
        double[] inputs = [.. Enumerable.Range(0, count * inputWidth).Select(_ => (random.NextDouble() * 4) - 2)];
        double[] seed = [.. Enumerable.Range(0, count * outputWidth).Select(_ => random.NextDouble() - 0.5)];
        var outputs = new double[count * outputWidth];
        forward(inputs, outputs);
        var row = new double[outputWidth];
        for (int n = 0; n < count; n++)
        {
            sample(inputs.AsSpan(n * inputWidth, inputWidth), row);
            FiniteDifferences.AssertClose(row, outputs[(n * outputWidth)..((n + 1) * outputWidth)], 1e-12, $"{name} sample {n}");
        }

        double Loss(double[] x)
        {
            var y = new double[count * outputWidth];
            forward(x, y);
            return y.Zip(seed, (a, b) => a * b).Sum();
        }

        module.ZeroGrad();
        var inputsGrad = Enumerable.Repeat(0.5, inputs.Length).ToArray();
        var companionOutputs = new double[outputs.Length];
        full(inputs, companionOutputs, inputsGrad, seed, default);
        Assert.Equal(outputs, companionOutputs);
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(Loss, inputs), [.. inputsGrad.Select(g => g - 0.5)], 1e-6, $"{name} d/d(inputs)");
        Parameter<double>[] parameters = [.. module.Parameters()];
        double[][] grads = [.. parameters.Select(p => p.Grad.ToArray())];
        for (int p = 0; p < parameters.Length; p++)
        {
            Parameter<double> parameter = parameters[p];
            double[] saved = parameter.Data.ToArray();
            double[] numeric = FiniteDifferences.Gradient(v => { v.CopyTo(parameter.Data); return Loss(inputs); }, saved);
            saved.CopyTo(parameter.Data);
            FiniteDifferences.AssertClose(numeric, grads[p], 1e-6, $"{name} d/d({parameter.Name})");
        }

        module.ZeroGrad();
        parametersOnly(inputs, companionOutputs, seed, default);
        for (int p = 0; p < parameters.Length; p++)
        {
            FiniteDifferences.AssertClose(grads[p], parameters[p].Grad.ToArray(), 1e-13, $"{name} parameters-only d/d({parameters[p].Name})");
        }
    }
}
