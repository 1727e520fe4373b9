// Nonlinear least squares with SharpGrad: recover the four parameters of a damped oscillator
// y(t) = A·exp(−d·t)·cos(ω·t + φ) from noisy samples. The loss is a [Differentiable] method using Math.Exp and
// Math.Cos (DampedOscillator.cs); Adam with a cosine learning-rate schedule minimizes it. Gradient descent only
// finds the nearest valley of this loss in ω, so the fit starts from several frequencies, keeps the best start by
// training loss, and then fits from there, recording training and validation loss.
using CurveFitting;
using SharpGrad;
using SharpGrad.Data;
using SharpGrad.Optimizers;
using SharpGrad.Samples;
using SharpGrad.Schedules;

const int Samples = 200;
const double Duration = 10;
const double NoiseStd = 0.05;
const double LearningRate = 0.05;
const int SearchSteps = 200;
var options = SampleOptions.Parse(args, defaultEpochs: 1000, quickEpochs: 400);

// The truth, and how close the fit must come (absolute errors; φ in radians). With this noise, over ten data seeds the
// largest errors were 0.04 (A), 0.006 (d), 0.007 (w) and 0.022 (phi): the tolerances allow for that spread.
(string Name, double True, double Tolerance)[] truth =
[
    ("A (amplitude)", 2.0, 0.06),
    ("d (decay, 1/s)", 0.3, 0.015),
    ("w (frequency, rad/s)", 2.5, 0.015),
    ("phi (phase, rad)", 0.6, 0.05),
];

// ---- Data: noisy samples at random times in [0, 10 s]; 80% to fit, 20% to validate -------------------------------
var random = new Random(42);
var times = new double[Samples];
var values = new double[Samples];
for (int i = 0; i < Samples; i++)
{
    times[i] = Duration * random.NextDouble();
    double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    values[i] = DampedOscillator.Evaluate(truth[0].True, truth[1].True, truth[2].True, truth[3].True, times[i]) + (NoiseStd * gaussian);
}

(ArrayDataset<double> train, ArrayDataset<double> validation, _) =
    DatasetSplit.TrainValidationTest(new ArrayDataset<double>(times, 1, values), trainFraction: 0.8, validationFraction: 0.2, seed: 7);
Console.WriteLine($"SharpGrad curve fitting: y = A exp(-d t) cos(w t + phi) from {train.Count} training and {validation.Count} validation samples, noise std {NoiseStd}");

// ---- Starting guesses: amplitude from the data, no decay or phase, and a range of frequencies ----------------------
double amplitudeGuess = 0;
foreach (double y in train.Targets)
{
    amplitudeGuess = Math.Max(amplitudeGuess, Math.Abs(y));
}

double[] frequencyGuesses = Enumerable.Range(1, 12).Select(k => 0.5 * k).ToArray();
Console.WriteLine();
Console.WriteLine($"search: {SearchSteps} Adam steps from A = {amplitudeGuess:F3}, d = 0, phi = 0 and each starting frequency");
double[] bestStart = [];
double bestLoss = double.PositiveInfinity;
foreach (double frequency in frequencyGuesses)
{
    double[] start = [amplitudeGuess, 0, frequency, 0];
    (double[] fitted, _, _) = Fit(start, SearchSteps, record: false);
    double loss = DampedOscillator.Loss(fitted[0], fitted[1], fitted[2], fitted[3], train.Features, train.Targets);
    Console.WriteLine($"  start w = {frequency:F1}  ->  w = {fitted[2],7:F4}  training MSE {loss:F5}");
    if (loss < bestLoss)
    {
        bestLoss = loss;
        bestStart = start;
    }
}

// ---- Fit from the best start -----------------------------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"fit: {options.Epochs} Adam steps (full batch, lr {LearningRate} with cosine annealing) from w = {bestStart[2]:F1}");
(double[] p, List<double> trainHistory, List<double> validationHistory) = Fit(bestStart, options.Epochs, record: true);

// A negative amplitude or frequency describes the same curve as a positive one with a shifted phase; report the
// canonical form, A > 0, w > 0 and phi in (-pi, pi].
if (p[2] < 0)
{
    p[2] = -p[2];
    p[3] = -p[3];
}

if (p[0] < 0)
{
    p[0] = -p[0];
    p[3] += Math.PI;
}

p[3] = Math.IEEERemainder(p[3], 2 * Math.PI);

// ---- Report ----------------------------------------------------------------------------------------------------------
double validationMse = DampedOscillator.Loss(p[0], p[1], p[2], p[3], validation.Features, validation.Targets);
Console.WriteLine();
Console.WriteLine(" parameter              true    fitted   error   tolerance");
bool withinTolerance = true;
for (int k = 0; k < truth.Length; k++)
{
    double error = Math.Abs(p[k] - truth[k].True);
    withinTolerance &= error <= truth[k].Tolerance;
    Console.WriteLine($" {truth[k].Name,-20} {truth[k].True,6:F3}  {p[k],8:F4}  {error:F4}   {truth[k].Tolerance:F3}{(error <= truth[k].Tolerance ? "" : "  <-- outside")}");
}

string outputDirectory = SampleOutput.Directory("CurveFitting", options.OutputDirectory);
string lossPath = Path.Combine(outputDirectory, "loss.png");
LossPlot.Save(lossPath, "Damped oscillator fit: MSE per Adam step", trainHistory, validationHistory, "MSE", logScale: true, xLabel: "Adam step (full batch)", reference: (NoiseStd * NoiseStd, "noise variance"));
SampleOutput.Announce(lossPath);
string fitPath = Path.Combine(outputDirectory, "fit.png");
FitPlot.Save(fitPath, train, validation, t => DampedOscillator.Evaluate(truth[0].True, truth[1].True, truth[2].True, truth[3].True, t), t => DampedOscillator.Evaluate(p[0], p[1], p[2], p[3], t), Duration);
SampleOutput.Announce(fitPath);

Console.WriteLine();
Console.WriteLine($"final validation RMSE: {Math.Sqrt(validationMse):F4} (noise std {NoiseStd})");
Console.WriteLine(withinTolerance ? "PASS: every parameter within its tolerance" : "FAIL: some parameter is outside its tolerance");
return withinTolerance ? 0 : 1;

// Full-batch Adam on the training samples from 'start' (A, d, w, phi), with the learning rate annealed to 0.
(double[] Fitted, List<double> TrainLoss, List<double> ValidationLoss) Fit(double[] start, int steps, bool record)
{
    var amplitude = new Parameter<double>("A", [start[0]], 1);
    var decay = new Parameter<double>("d", [start[1]], 1);
    var frequency = new Parameter<double>("w", [start[2]], 1);
    var phase = new Parameter<double>("phi", [start[3]], 1);
    var optimizer = new Adam<double>([amplitude, decay, frequency, phase], lr: LearningRate);
    var scheduler = new CosineAnnealingLR(optimizer, tMax: steps);
    var trainLoss = new List<double>();
    var validationLoss = new List<double>();
    for (int step = 1; step <= steps; step++)
    {
        optimizer.ZeroGrad();
        double loss = DampedOscillator.LossWithGradient(
            amplitude.Data[0], decay.Data[0], frequency.Data[0], phase.Data[0], train.Features, train.Targets,
            ref amplitude.Grad[0], ref decay.Grad[0], ref frequency.Grad[0], ref phase.Grad[0]);
        optimizer.Step();
        scheduler.Step();
        if (record)
        {
            trainLoss.Add(loss);
            validationLoss.Add(DampedOscillator.Loss(amplitude.Data[0], decay.Data[0], frequency.Data[0], phase.Data[0], validation.Features, validation.Targets));
            if (step == 1 || step % (steps / 10) == 0)
            {
                Console.WriteLine($"step {step,5}  A {amplitude.Data[0],7:F4}  d {decay.Data[0],7:F4}  w {frequency.Data[0],7:F4}  phi {phase.Data[0],7:F4}  "
                    + $"training MSE {loss:F6}  validation MSE {validationLoss[^1]:F6}");
            }
        }
    }

    return ([amplitude.Data[0], decay.Data[0], frequency.Data[0], phase.Data[0]], trainLoss, validationLoss);
}
