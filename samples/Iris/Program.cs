// Iris with layers: nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)) and CrossEntropyLoss, trained with
// Adam, a cosine schedule and early stopping on the validation loss, keeping the best model in a checkpoint.
// iris.py beside this file is the same program in PyTorch, line for line. Data: iris.csv (source in README.md).
using SharpGrad;
using SharpGrad.Checkpoints;
using SharpGrad.Data;
using SharpGrad.Nn;
using SharpGrad.Nn.Float64;
using SharpGrad.Optimizers;
using SharpGrad.Samples;
using SharpGrad.Schedules;
using SharpGrad.Training;

var options = SampleOptions.Parse(args, defaultEpochs: 200, quickEpochs: 100);
Init.ManualSeed(0);
CsvData<double> csv = CsvLoader.Load<double>(Path.Combine(AppContext.BaseDirectory, "iris.csv"), new CsvOptions { ClassLabel = "species" });
var (rawTrain, rawValidation, _) = DatasetSplit.TrainValidationTest(csv.Dataset, trainFraction: 0.8, validationFraction: 0.2, seed: 3, stratify: true);
var standardizer = Standardizer<double>.Fit(rawTrain);
var (train, validation) = (standardizer.Transform(rawTrain), standardizer.Transform(rawValidation));
var loader = new DataLoader<double>(train, batchSize: 16, shuffle: true, seed: 1);

var model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3));
var criterion = Criterion.CrossEntropy;
var optimizer = new Adam<double>(model.Parameters(), lr: 0.01);
var scheduler = new CosineAnnealingLR(optimizer, tMax: options.Epochs);
string checkpoint = Path.Combine(SampleOutput.Directory("Iris", options.OutputDirectory), "iris.sgck");
var (best, patience, epoch) = (double.PositiveInfinity, 0, 0);
while (++epoch <= options.Epochs && patience < 20)
{
    model.Train();
    foreach (Batch<double> batch in loader)
    {
        optimizer.ZeroGrad();
        criterion.LossWithGradient(model, batch.Features, batch.Targets, batch.Count);
        optimizer.Step();
    }

    scheduler.Step();
    model.Eval();
    double loss = criterion.Loss(model, validation.Features, validation.Targets, validation.Count);
    (best, patience) = loss < best ? (loss, 0) : (best, patience + 1);
    if (patience == 0)
    {
        Checkpoint.Save(checkpoint, model);
    }
}

Checkpoint.Load(checkpoint, model);
double accuracy = Metrics.Accuracy<double>(model.ForwardBatch(validation.Features, validation.Count), validation.Targets, validation.Count);
Console.WriteLine($"stopped after epoch {epoch - 1}, best validation loss {best:F4}, checkpoint {checkpoint}");
Console.WriteLine($"final validation accuracy: {accuracy:P2} ({Math.Round(accuracy * validation.Count)} of {validation.Count})");
return accuracy >= 0.93 ? 0 : 1;
