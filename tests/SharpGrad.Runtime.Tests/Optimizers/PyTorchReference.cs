using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>One recorded optimizer step: the gradient PyTorch's step read and the parameters after it.</summary>
internal sealed record ReferenceStep(int Step, double[] GradP, double[] GradQ, double[] ParamsP, double[] ParamsQ);

/// <summary>One optimizer configuration of trajectories.json, 25 steps with groups [p] and [q].</summary>
internal sealed record OptimizerCase(
    string Name,
    string Optimizer,
    bool Maximized,
    JsonObject Hyperparameters,
    double GroupQLearningRate,
    double[] InitialP,
    double[] InitialQ,
    IReadOnlyList<ReferenceStep> Steps)
{
    public double Number(string key) => Hyperparameters[key]!.GetValue<double>();

    public bool Switch(string key) => Hyperparameters[key]!.GetValue<bool>();

    public (double, double) Betas => (Hyperparameters["betas"]![0]!.GetValue<double>(), Hyperparameters["betas"]![1]!.GetValue<double>());
}

/// <summary>One scheduler epoch: SGD's step with recorded gradients, then the scheduler's step.</summary>
internal sealed record SchedulerEpoch(int Epoch, double[] LearningRatesUsed, double[] GradP, double[] GradQ, double[] ParamsP, double[] ParamsQ, double[] LearningRatesAfter, double? Metric);

/// <summary>One scheduler of trajectories.json: 30 epochs over SGD with group lrs 0.1 and 0.05.</summary>
internal sealed record SchedulerCase(string Name, JsonObject Args, double[] InitialLearningRates, IReadOnlyList<double[]> LearningRates, IReadOnlyList<SchedulerEpoch> Epochs)
{
    public double Number(string key) => Args[key]!.GetValue<double>();

    public int Integer(string key) => Args[key]!.GetValue<int>();

    public string Text(string key) => Args[key]!.GetValue<string>();
}

/// <summary>One clipping case: gradients before and after, and the arguments.</summary>
internal sealed record ClippingCase(string Name, string Function, double[] GradABefore, double[] GradBBefore, double[] GradAAfter, double[] GradBAfter, double MaxNorm, double NormType, double ReturnedNorm, double ClipValue);

/// <summary>The objective's constants (see problem in trajectories.json).</summary>
internal sealed record ReferenceProblem(double[] P0, double[] C, double[] T, double[] Q0, double[] D, double[] U);

/// <summary>
/// Reads TestData/pytorch-optim/trajectories.json (PyTorch semantics via TorchSharp, float64; see
/// TestData/README.md) once per test run.
/// </summary>
internal static class PyTorchReference
{
    private static readonly Lazy<JsonNode> Root = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "pytorch-optim", "trajectories.json");
        return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { MaxDepth = 64 })
            ?? throw new InvalidDataException($"{path} is empty.");
    });

    private static readonly Lazy<IReadOnlyList<OptimizerCase>> OptimizerCases = new(() => [.. Root.Value["optimizers"]!.AsArray().Select(ReadOptimizer)]);
    private static readonly Lazy<IReadOnlyList<SchedulerCase>> SchedulerCases = new(() => [.. Root.Value["schedulers"]!.AsArray().Select(ReadScheduler)]);
    private static readonly Lazy<IReadOnlyList<ClippingCase>> ClippingCases = new(() => [.. Root.Value["clipping"]!["cases"]!.AsArray().Select(ReadClipping)]);

    public static IReadOnlyList<OptimizerCase> Optimizers => OptimizerCases.Value;

    public static IReadOnlyList<SchedulerCase> Schedulers => SchedulerCases.Value;

    public static IReadOnlyList<ClippingCase> Clipping => ClippingCases.Value;

    public static ReferenceProblem Problem
    {
        get
        {
            JsonNode problem = Root.Value["problem"]!;
            return new ReferenceProblem(Flat(problem["p0"]), Flat(problem["c"]), Flat(problem["t"]), Flat(problem["q0"]), Flat(problem["d"]), Flat(problem["u"]));
        }
    }

    public static OptimizerCase Optimizer(string name) => Optimizers.Single(c => c.Name == name);

    public static SchedulerCase Scheduler(string name) => Schedulers.Single(c => c.Name == name);

    public static ClippingCase ClippingCase(string name) => Clipping.Single(c => c.Name == name);

    /// <summary>A tensor of any nesting, flattened row-major.</summary>
    public static double[] Flat(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.SelectMany(Flat)],
        JsonValue value => [value.GetValue<double>()],
        _ => throw new InvalidDataException("Expected a number or a nested list of numbers."),
    };

    private static OptimizerCase ReadOptimizer(JsonNode? node)
    {
        JsonObject c = node!.AsObject();
        JsonObject hyperparameters = c["hyperparameters"]!.AsObject();
        JsonArray groups = c["param_groups"]!.AsArray();

        // The data promises that group q overrides only lr; the factory relies on it, so check it.
        foreach ((string key, JsonNode? value) in hyperparameters)
        {
            if (key != "lr" && !JsonNode.DeepEquals(value, groups[1]![key]))
            {
                throw new InvalidDataException($"{c["name"]}: group q overrides '{key}', which the tests do not expect.");
            }
        }

        return new OptimizerCase(
            Name: c["name"]!.GetValue<string>(),
            Optimizer: c["optimizer"]!.GetValue<string>(),
            Maximized: c["objective"]!.GetValue<string>().StartsWith('-'),
            Hyperparameters: hyperparameters,
            GroupQLearningRate: groups[1]!["lr"]!.GetValue<double>(),
            InitialP: Flat(c["initial_params"]!["p"]),
            InitialQ: Flat(c["initial_params"]!["q"]),
            Steps: [.. c["steps"]!.AsArray().Select(s => new ReferenceStep(
                s!["step"]!.GetValue<int>(),
                Flat(s["grad"]!["p"]),
                Flat(s["grad"]!["q"]),
                Flat(s["params"]!["p"]),
                Flat(s["params"]!["q"])))]);
    }

    private static SchedulerCase ReadScheduler(JsonNode? node)
    {
        JsonObject c = node!.AsObject();
        return new SchedulerCase(
            Name: c["name"]!.GetValue<string>(),
            Args: c["args"]!.AsObject(),
            InitialLearningRates: Flat(c["lr_initial"]),
            LearningRates: [.. c["lr"]!.AsArray().Select(Flat)],
            Epochs: [.. c["epochs"]!.AsArray().Select(e => new SchedulerEpoch(
                e!["epoch"]!.GetValue<int>(),
                Flat(e["lr_used_by_optimizer_step"]),
                Flat(e["grad"]!["p"]),
                Flat(e["grad"]!["q"]),
                Flat(e["params"]!["p"]),
                Flat(e["params"]!["q"]),
                Flat(e["lr_after_scheduler_step"]),
                e["metric"]?.GetValue<double>()))]);
    }

    private static ClippingCase ReadClipping(JsonNode? node)
    {
        JsonObject c = node!.AsObject();
        JsonNode? normType = c["norm_type"];
        return new ClippingCase(
            Name: c["name"]!.GetValue<string>(),
            Function: c["function"]!.GetValue<string>(),
            GradABefore: Flat(c["grads_before"]!["a"]),
            GradBBefore: Flat(c["grads_before"]!["b"]),
            GradAAfter: Flat(c["grads_after"]!["a"]),
            GradBAfter: Flat(c["grads_after"]!["b"]),
            MaxNorm: c["max_norm"]?.GetValue<double>() ?? double.NaN,
            NormType: normType is null ? double.NaN
                : normType.GetValueKind() == JsonValueKind.String ? (normType.GetValue<string>() == "inf" ? double.PositiveInfinity : throw new InvalidDataException($"norm_type {normType}"))
                : normType.GetValue<double>(),
            ReturnedNorm: c["returned_total_norm"]?.GetValue<double>() ?? double.NaN,
            ClipValue: c["clip_value"]?.GetValue<double>() ?? double.NaN);
    }
}
