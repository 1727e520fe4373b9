// Softmax regression on Fisher's Iris data (150 flowers, 4 measurements, 3 species), written with SharpGrad:
// load the CSV, make a stratified train/validation split, standardize with training statistics, train
// nn.Linear(4, 3) + CrossEntropyLoss with Adam and a cosine learning-rate schedule on shuffled mini-batches, then report validation accuracy and
// the confusion matrix. Data: iris.csv beside this file (source and licence in README.md).
using Iris;
using SharpGrad;
using SharpGrad.Data;
using SharpGrad.Nn;
using SharpGrad.Optimizers;
using SharpGrad.Samples;
using SharpGrad.Schedules;
using SharpGrad.Training;

const int BatchSize = 16;
const double LearningRate = 0.1;
const double RequiredAccuracy = 0.93;
var options = SampleOptions.Parse(args, defaultEpochs: 200, quickEpochs: 100);

// ---- Load: the four measurements are the features; the species column becomes class indices 0, 1, 2 ---------
string csvPath = Path.Combine(AppContext.BaseDirectory, "iris.csv");
CsvData<double> csv = CsvLoader.Load<double>(csvPath, new CsvOptions { ClassLabel = "species" });
ArrayDataset<double> all = csv.Dataset;
int inputs = all.FeatureCount;
int classes = csv.ClassNames.Count;

// ---- Split: 80% train, 20% validation, each species keeping its share (stratified) ---------------------------
(ArrayDataset<double> rawTrain, ArrayDataset<double> rawValidation, _) =
    DatasetSplit.TrainValidationTest(all, trainFraction: 0.8, validationFraction: 0.2, seed: 3, stratify: true);

// ---- Standardize: mean and standard deviation from the training split only -----------------------------------
var standardizer = Standardizer<double>.Fit(rawTrain);
ArrayDataset<double> train = standardizer.Transform(rawTrain);
ArrayDataset<double> validation = standardizer.Transform(rawValidation);
var trainLoader = new DataLoader<double>(train, batchSize: BatchSize, shuffle: true, seed: 1);

// ---- Model: nn.Linear(4, 3), initialized like PyTorch (uniform in ±1/sqrt(inputs)) ---------------------------
var linear = new Linear<double>(inputs, classes, new Random(0), "linear");
(Parameter<double> weight, Parameter<double> bias) = (linear.Weight, linear.Bias);
var optimizer = new Adam<double>(linear.Parameters, lr: LearningRate);
var scheduler = new CosineAnnealingLR(optimizer, tMax: options.Epochs); // from lr down to 0 over the run

Console.WriteLine($"SharpGrad Iris softmax regression: {train.Count} training and {validation.Count} validation flowers, "
    + $"{inputs} features ({string.Join(", ", csv.FeatureNames)}), {classes} classes ({string.Join(", ", csv.ClassNames)}), "
    + $"Adam lr {LearningRate} with cosine annealing, batch {BatchSize}, {options.Epochs} epochs");

// ---- Train ------------------------------------------------------------------------------------------------------
var trainHistory = new List<double>();
var validationHistory = new List<double>();
var validationLogits = new double[validation.Count * classes];
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    double trainLoss = 0;
    foreach (Batch<double> batch in trainLoader)
    {
        optimizer.ZeroGrad();
        linear.CheckInput(batch.Features, batch.Count);
        Functional.CheckClassIndices(batch.Targets, classes);
        double loss = SoftmaxModel.LossWithGradient(weight.Data, bias.Data, batch.Features, batch.Targets, new double[batch.Count * classes], weight.Grad, bias.Grad);
        optimizer.Step();
        trainLoss += loss * batch.Count;
    }

    double epochLearningRate = optimizer.ParameterGroups[0].LearningRate;
    scheduler.Step();
    trainHistory.Add(trainLoss / train.Count);
    validationHistory.Add(SoftmaxModel.Loss(weight.Data, bias.Data, validation.Features, validation.Targets, validationLogits));
    if (epoch == 1 || epoch % 20 == 0 || epoch == options.Epochs)
    {
        double accuracy = Metrics.Accuracy<double>(validationLogits, validation.Targets, validation.Count);
        Console.WriteLine($"epoch {epoch,3}  lr {epochLearningRate:F4}  train loss {trainHistory[^1]:F4}  validation loss {validationHistory[^1]:F4}  validation accuracy {accuracy:P1}");
    }
}

// ---- Evaluate: accuracy and confusion matrix on the validation split ------------------------------------------
double[] logits = validationLogits;
double validationAccuracy = Metrics.Accuracy<double>(logits, validation.Targets, validation.Count);
var confusion = new int[classes, classes];
for (int i = 0; i < validation.Count; i++)
{
    int predicted = 0;
    for (int c = 1; c < classes; c++)
    {
        if (logits[i * classes + c] > logits[i * classes + predicted])
        {
            predicted = c;
        }
    }

    confusion[(int)validation.Targets[i], predicted]++;
}

Console.WriteLine();
Console.WriteLine("confusion matrix on the validation split (rows: true species, columns: predicted species)");
int width = Math.Max(12, csv.ClassNames.Max(n => n.Length) + 2);
Console.WriteLine(new string(' ', width) + string.Concat(csv.ClassNames.Select(n => n.PadLeft(width))));
for (int actual = 0; actual < classes; actual++)
{
    Console.Write(csv.ClassNames[actual].PadRight(width));
    for (int predicted = 0; predicted < classes; predicted++)
    {
        Console.Write(confusion[actual, predicted].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width));
    }

    Console.WriteLine();
}

// ---- Plot and verdict -------------------------------------------------------------------------------------------
string plotPath = Path.Combine(SampleOutput.Directory("Iris", options.OutputDirectory), "loss.png");
LossPlot.Save(plotPath, "Iris softmax regression: cross-entropy per epoch", trainHistory, validationHistory, "cross-entropy");
SampleOutput.Announce(plotPath);

Console.WriteLine();
Console.WriteLine($"final validation accuracy: {validationAccuracy:P2} ({(int)Math.Round(validationAccuracy * validation.Count)} of {validation.Count})");
bool passed = validationAccuracy >= RequiredAccuracy;
Console.WriteLine(passed ? $"PASS: validation accuracy at least {RequiredAccuracy:P0}" : $"FAIL: validation accuracy below {RequiredAccuracy:P0}");
return passed ? 0 : 1;
