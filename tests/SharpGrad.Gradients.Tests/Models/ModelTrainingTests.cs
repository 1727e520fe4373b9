using SharpGrad.Checkpoints;
using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Gradients.Tests.Models;

/// <summary>
/// A model's Parameters() is what every runtime API takes: optimizers, clipping, the non-finite check,
/// checkpoints by dotted name; ZeroGrad and Train/Eval reach every parameter and nested module.
/// </summary>
public sealed class ModelTrainingTests
{
    private static readonly string[] _mlpNames = ["hidden.weight", "hidden.bias", "output.weight", "output.bias"];

    [Fact]
    public void Parameters_AreNamedByPath_InDeclarationOrder_StablyAcrossCallsAndInstances()
    {
        var model = new TinyMlp(seed: 1);
        ModuleParameters<float> first = model.Parameters();
        Assert.Equal(_mlpNames, first.Names);
        Assert.Equal(_mlpNames, first.Select(p => p.Name));
        Assert.Equal(first, model.Parameters());
        Assert.Equal(_mlpNames, new TinyMlp(seed: 2).Parameters().Names);
        Assert.Equal(4 + 2 + 2 + 1, first.ElementCount);
        Assert.Same(model.Hidden.Weight, first["hidden.weight"]);
        Assert.Contains("hidden.weight, hidden.bias", Assert.Throws<KeyNotFoundException>(() => first["Nope"]).Message);
    }

    [Fact]
    public void FloatMlp_GradientMatchesFiniteDifferencesOfTheDoubleLoss()
    {
        var model = new TinyMlp(seed: 12);
        (float[] x, float[] y) = Batch();
        model.LossWithGradient(x, y);
        ModuleParameters<float> parameters = model.Parameters();
        foreach (Parameter<float> parameter in parameters)
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                float saved = parameter[i];
                const float h = 1e-2f;
                parameter[i] = saved + h;
                double plus = model.Loss(x, y);
                parameter[i] = saved - h;
                double minus = model.Loss(x, y);
                parameter[i] = saved;
                double expected = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(parameter.Grad[i] - expected) <= 2e-3 * Math.Max(1, Math.Abs(expected)), $"{parameter.Name}[{i}]: {parameter.Grad[i]} vs {expected}");
            }
        }
    }

    [Fact]
    public void TrainingStep_WithAdam_ChangesEveryParameter_AndLowersTheLoss()
    {
        var model = new TinyMlp(seed: 3);
        (float[] x, float[] y) = Batch();
        var optimizer = new Adam<float>(model.Parameters(), lr: 1e-2);
        float before = model.Loss(x, y);
        float[][] initial = [.. model.Parameters().Select(p => p.Data.ToArray())];
        for (int step = 0; step < 50; step++)
        {
            optimizer.ZeroGrad();
            float loss = model.LossWithGradient(x, y);
            NonFiniteException.ThrowIfNotFinite(loss, model.Parameters());
            optimizer.Step();
        }

        Assert.True(model.Loss(x, y) < 0.5f * before, $"loss {before} -> {model.Loss(x, y)}");
        ModuleParameters<float> parameters = model.Parameters();
        for (int i = 0; i < parameters.Count; i++)
        {
            Assert.False(parameters[i].Data.SequenceEqual(initial[i]), $"{parameters[i].Name} did not change");
        }
    }

    [Fact]
    public void Sgd_GradientClipping_AndZeroGrad_SeeEveryParameter()
    {
        var model = new TinyMlp(seed: 4);
        (float[] x, float[] y) = Batch();
        model.LossWithGradient(x, y);
        Assert.All(model.Parameters(), p => Assert.Contains(p.Grad.ToArray(), g => g != 0));

        double norm = GradientClipping.ClipGradNorm(model.Parameters(), maxNorm: 1e-3);
        double expected = Math.Sqrt(model.Parameters().Sum(p => p.Grad.ToArray().Sum(g => (double)g * g)));
        Assert.True(norm > 1e-3);
        Assert.Equal(1e-3, expected, 6);

        var sgd = new Sgd<float>(model.Parameters(), lr: 0.1);
        Assert.Equal(model.Parameters().Count, sgd.Parameters.Count);
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad.ToArray(), g => Assert.Equal(0f, g)));
    }

    [Fact]
    public void NonFiniteGradient_IsReportedByItsDottedName()
    {
        var model = new TinyMlp(seed: 5);
        model.Output.Bias[0] = float.NaN;
        (float[] x, float[] y) = Batch();
        float loss = model.LossWithGradient(x, y);
        NonFiniteException error = Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNotFinite(0.0, model.Parameters()));
        Assert.True(float.IsNaN(loss));
        Assert.StartsWith("hidden.", error.ParameterName);
    }

    [Fact]
    public void Checkpoint_RoundTrip_ByName_WithOptimizer()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sharpgrad-model-{Guid.NewGuid():N}.ckpt");
        try
        {
            var model = new TinyMlp(seed: 6);
            var optimizer = new Adam<float>(model.Parameters());
            (float[] x, float[] y) = Batch();
            model.LossWithGradient(x, y);
            optimizer.Step();
            Checkpoint.Save(path, model, optimizer);

            var restored = new TinyMlp(seed: 7);
            var restoredOptimizer = new Adam<float>(restored.Parameters());
            CheckpointInfo info = Checkpoint.Load(path, restored, restoredOptimizer);
            Assert.Empty(info.MissingKeys);
            Assert.Empty(info.UnexpectedKeys);
            Assert.Equal(model.Loss(x, y), restored.Loss(x, y));
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(model.Parameters()[i].Data.ToArray(), restored.Parameters()[i].Data.ToArray());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Checkpoint_StrictLoad_NamesMissingUnexpectedAndMismatchedKeys_NonStrictLoadsTheSubset()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sharpgrad-model-{Guid.NewGuid():N}.ckpt");
        try
        {
            var source = new TinyMlp(seed: 8);
            Checkpoint.Save(path, source);

            // A model with the hidden layer only, plus a parameter of its own: Output.* unexpected, Extra missing.
            var partial = new HiddenOnly(seed: 9);
            CheckpointException strict = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, partial));
            Assert.Contains("'output.weight' [2], which the model lacks (unexpected key)", strict.Message);
            Assert.Contains("'output.bias' [1], which the model lacks (unexpected key)", strict.Message);
            Assert.Contains("'extra' [3], which the file lacks (missing key)", strict.Message);
            Assert.Contains("strict: false", strict.Message);
            float[] extraBefore = partial.Extra.ToArray();

            CheckpointInfo info = Checkpoint.Load(path, partial, strict: false);
            Assert.Equal(["extra"], info.MissingKeys);
            Assert.Equal(["output.weight", "output.bias"], info.UnexpectedKeys);
            Assert.Equal(source.Hidden.Weight.Data.ToArray(), partial.Hidden.Weight.Data.ToArray());
            Assert.Equal(source.Hidden.Bias, partial.Hidden.Bias);
            Assert.Equal(extraBefore, partial.Extra);

            // A shape mismatch is an error even when not strict (as in PyTorch).
            var wide = new WideHidden();
            CheckpointException mismatch = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, wide, strict: false));
            Assert.Contains("parameter 'hidden.weight' has shape [4] in the file but [9] in the model (shape mismatch)", mismatch.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WrongFeatureWidth_IsAnArgumentException_NamingTheLayerAndShapes_InTheMethodAndItsCompanions()
    {
        var model = new FlatRegression(3);
        double[] x = new double[8], y = new double[2];
        const string expected = "FlatRegression: 'x' has shape [2, 4], expected [2, 3] (2 rows of 3 features).";
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => model.Loss(x, y)).Message);
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => model.LossWithGradient(x, y)).Message);
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => model.LossWithGradient(x, y, new double[8], new double[2])).Message);
        Assert.Contains("CrossEntropy: target 12 at index 3 is out of range for 10 classes", Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.ClassIndex(12, 3, 10, "CrossEntropy")).Message);
        Assert.Contains("Linear: 'x' has 30 values, which is not a batch of rows of 4", Assert.Throws<ArgumentException>(() => Shapes.Rows(30, 4, "Linear", "x")).Message);
        Assert.Contains("Linear: 'x' has shape [5], expected [4]", Assert.Throws<ArgumentException>(() => Shapes.Length(5, 4, "Linear", "x")).Message);
    }

    [Fact]
    public void TrainAndEval_ReachEveryNestedModule()
    {
        var model = new TinyMlp(seed: 10);
        Assert.True(model.IsTraining && model.Hidden.IsTraining && model.Output.IsTraining);
        model.Eval();
        Assert.False(model.IsTraining || model.Hidden.IsTraining || model.Output.IsTraining);
        model.Train();
        Assert.True(model.IsTraining && model.Hidden.IsTraining && model.Output.IsTraining);
    }

    [Fact]
    public void DifferentiableMethod_ReadsTheMode_InTheMethodAndItsCompanion()
    {
        var model = new FlatRegression(3);
        model.Weight.Data.Fill(1);
        double[] x = [1, 2, 3];
        Assert.Equal(12, model.ModeScaled(x));
        Assert.Equal(12, model.ModeScaledWithGradient(x));
        Assert.Equal([2.0, 4, 6], model.Weight.Grad.ToArray());
        model.Eval();
        model.ZeroGrad();
        Assert.Equal(6, model.ModeScaled(x));
        Assert.Equal(6, model.ModeScaledWithGradient(x));
        Assert.Equal([1.0, 2, 3], model.Weight.Grad.ToArray());
    }

    [Fact]
    public void NullMember_IsNamedWhenTheParametersAreListed()
    {
        var model = new TinyMlp(seed: 11) { Output = null! };
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => model.Parameters());
        Assert.Contains("The [Module] 'TinyMlp.Output' (output) is null", error.Message);

        var layer = new DenseLayer(2, 1, seed: 1) { Bias = null! };
        Assert.Contains("The [Parameter] 'DenseLayer.Bias' is null", Assert.Throws<InvalidOperationException>(() => layer.Parameters()).Message);
    }

    private static (float[] X, float[] Y) Batch()
        => ([0.5f, -1f, 1.5f, 0.25f, -0.75f, 1f, 2f, -0.5f], [0.3f, -0.4f, 0.8f, 0.1f]);
}
