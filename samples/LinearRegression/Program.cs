// The seed, in SharpGrad: train nn.Linear(10, 1) with MSELoss and SGD(lr=0.01) on batches of 32 from a
// DataLoader of normalized data, validate every epoch, then compare the learned weights with the true ones.
using LinearRegression;
using SharpGrad;
using SharpGrad.Data;
using SharpGrad.Optimizers;
using SharpGrad.Samples;
using SharpGrad.Training;

const int Inputs = 10;
const int Samples = 10_000;
const double NoiseStd = 0.1;
const int BatchSize = 32;
const double LearningRate = 0.01;
// --epochs N overrides the count; --quick (for CI) trains 5 epochs; --output DIR moves the loss-curve PNG.
var options = SampleOptions.Parse(args, defaultEpochs: 20, quickEpochs: 5);
int epochs = options.Epochs;

// ---- Load data: synthetic samples from known weights plus Gaussian noise --------------------------------
var random = new Random(42);
double[] trueWeight = [0.5, -1.2, 2.0, 0.0, 0.8, -0.3, 1.5, -2.2, 0.25, 1.0];
const double TrueBias = 0.7;
SyntheticData data = SyntheticData.Generate(random, trueWeight, TrueBias, Samples, NoiseStd);

// Hold out 20% for validation, chosen by a seeded shuffle.
DatasetSplit<double> split = DatasetSplit.TrainTest(data.ToDataset(), testFraction: 0.2, seed: 7);
(ArrayDataset<double> rawTrain, ArrayDataset<double> rawValidation) = (split.Train, split.Test);

// ---- Normalize: standardize features with statistics from the training split only -----------------------
var standardizer = Standardizer<double>.Fit(rawTrain);
ArrayDataset<double> train = standardizer.Transform(rawTrain);
ArrayDataset<double> validation = standardizer.Transform(rawValidation);

// ---- DataLoader: shuffled batches of 32 (torch.utils.data.DataLoader(..., batch_size=32, shuffle=True)) --
var trainLoader = new DataLoader<double>(train, batchSize: BatchSize, shuffle: true, seed: 1);

// ---- Model: model = nn.Linear(10, 1), initialized like PyTorch (uniform in ±1/sqrt(inputs)) -------------
Init.ManualSeed(0); // torch.manual_seed(0)
var model = new LinearModel();

// ---- Optimizer: optimizer = optim.SGD(model.parameters(), lr=0.01) --------------------------------------
var optimizer = new Sgd<double>(model.Parameters(), lr: LearningRate);

Console.WriteLine($"SharpGrad linear regression: {train.Count} training and {validation.Count} validation samples, {Inputs} features, batch {BatchSize}, SGD lr {LearningRate}, {epochs} epochs");
Console.WriteLine($"noise variance (the best achievable MSE): {NoiseStd * NoiseStd:F6}");

// ---- Iterate: many epochs over the DataLoader --------------------------------------------------------------
var trainHistory = new List<double>();
var validationHistory = new List<double>();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    double trainLoss = 0;
    foreach (Batch<double> batch in trainLoader)
    {
        // zero_grad: optimizer.zero_grad()
        optimizer.ZeroGrad();

        // forward + loss + backward: outputs = model(inputs); loss = criterion(outputs, targets); loss.backward()
        // One generated call returns the loss and adds its gradient into every parameter's Grad.
        double loss = model.LossWithGradient(batch.Features, batch.Targets);

        // Stop with a message naming the parameter and element if the loss or a gradient is NaN or infinite,
        // before the step could spread it into the weights (the Trainer does this check itself).
        NonFiniteException.ThrowIfNotFinite(loss, model.Parameters());

        // step: optimizer.step()
        optimizer.Step();
        trainLoss += loss * batch.Count;
    }

    // ---- Validate: the loss on the held-out split, no gradient (with torch.no_grad(): ...) -----------------
    double validationLoss = model.Loss(validation.Features, validation.Targets);
    Console.WriteLine($"epoch {epoch,3}  train MSE {trainLoss / train.Count:F6}  validation MSE {validationLoss:F6}");
    trainHistory.Add(trainLoss / train.Count);
    validationHistory.Add(validationLoss);
}

// ---- Report: validation MSE against the noise variance, learned weights against the true ones ------------
double finalValidation = model.Loss(validation.Features, validation.Targets);
(double[] learnedWeight, double learnedBias) = ToRawSpace(standardizer, model.Linear.Weight.Data, model.Linear.Bias[0]);
double maxWeightError = Math.Abs(learnedBias - TrueBias);
Console.WriteLine();
Console.WriteLine(" feature   true    learned   error");
for (int j = 0; j < Inputs; j++)
{
    double error = Math.Abs(learnedWeight[j] - trueWeight[j]);
    maxWeightError = Math.Max(maxWeightError, error);
    Console.WriteLine($"   w[{j}]  {trueWeight[j],6:F3}  {learnedWeight[j],8:F4}  {error:F4}");
}

Console.WriteLine($"   bias   {TrueBias,6:F3}  {learnedBias,8:F4}  {Math.Abs(learnedBias - TrueBias):F4}");
double ratio = finalValidation / (NoiseStd * NoiseStd);
Console.WriteLine();
Console.WriteLine($"final validation MSE: {finalValidation:F6} ({ratio:F3} x the noise variance {NoiseStd * NoiseStd:F4})");
Console.WriteLine($"largest weight error: {maxWeightError:F4}");

// ---- Plot: training and validation MSE per epoch -----------------------------------------------------------
string plotPath = Path.Combine(SampleOutput.Directory("LinearRegression", options.OutputDirectory), "loss.png");
LossPlot.Save(plotPath, "Linear regression: MSE per epoch", trainHistory, validationHistory, "MSE", logScale: true, reference: (NoiseStd * NoiseStd, "noise variance"));
SampleOutput.Announce(plotPath);

bool converged = Math.Abs(ratio - 1) <= 0.10 && maxWeightError <= 0.05;
Console.WriteLine(converged ? "PASS: validation MSE within 10% of the noise variance, weights within 0.05" : "FAIL: the model did not reach the expected accuracy");
return converged ? 0 : 1;

// Weights learned on standardized features x' = (x - mean) / std, mapped back to the raw features' scale.
static (double[] Weight, double Bias) ToRawSpace(Standardizer<double> standardizer, ReadOnlySpan<double> weight, double bias)
{
    var raw = new double[weight.Length];
    double rawBias = bias;
    for (int j = 0; j < weight.Length; j++)
    {
        raw[j] = weight[j] / standardizer.StandardDeviation[j];
        rawBias -= raw[j] * standardizer.Mean[j];
    }

    return (raw, rawBias);
}
