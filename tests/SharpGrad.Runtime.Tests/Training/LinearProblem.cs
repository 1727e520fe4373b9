using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Training;

/// <summary>
/// y = 2x − 1 on x in [−1, 1], fitted by p = w·x + b with mean squared error; the gradient is written by hand
/// because this test project has no source generator.
/// </summary>
internal sealed class LinearProblem
{
    public LinearProblem(int samples = 32)
    {
        Assert.True(samples >= 2, "two samples are needed to span [-1, 1]");
        var features = new double[samples];
        var targets = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            features[i] = -1 + (2.0 * i / (samples - 1));
            targets[i] = (2 * features[i]) - 1;
        }

        Dataset = new ArrayDataset<double>(features, 1, targets);
    }

    public Parameter<double> Weight { get; } = new("weight", 1, 1);

    public Parameter<double> Bias { get; } = new("bias", 1);

    public Parameter<double>[] Parameters => [Weight, Bias];

    public ArrayDataset<double> Dataset { get; }

    public DataLoader<double> Loader(int batchSize) => new(Dataset, batchSize);

    // L = mean((w·x + b − y)²); dL/dw = 2·mean((p − y)·x), dL/db = 2·mean(p − y). Adds into the gradients.
    public double Gradient(Batch<double> batch)
    {
        double w = Weight.Data[0];
        double b = Bias.Data[0];
        double loss = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            double x = batch.Features[i];
            double error = (w * x) + b - batch.Targets[i];
            loss += error * error;
            Weight.Grad[0] += 2 * error * x / batch.Count;
            Bias.Grad[0] += 2 * error / batch.Count;
        }

        return loss / batch.Count;
    }

    public void Predict(ReadOnlySpan<double> features, Span<double> predictions)
    {
        for (int i = 0; i < features.Length; i++)
        {
            predictions[i] = (Weight.Data[0] * features[i]) + Bias.Data[0];
        }
    }

    public double Evaluate(Batch<double> batch, SharpGrad.Training.MetricRecorder metrics)
    {
        Span<double> predictions = stackalloc double[batch.Count];
        Predict(batch.Features, predictions);
        metrics.Record("mae", SharpGrad.Training.Metrics.MeanAbsoluteError<double>(predictions, batch.Targets));
        return SharpGrad.Training.Metrics.MeanSquaredError<double>(predictions, batch.Targets);
    }
}
