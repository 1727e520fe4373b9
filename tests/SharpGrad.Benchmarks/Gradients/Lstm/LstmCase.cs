using System.Text.Json;

namespace SharpGrad.Benchmarks.Gradients.Lstm;

/// <summary>One stored GradBench LSTM case, flattened row-major, with its reference outputs and C++ timings.</summary>
public sealed record LstmCase(string Name, double[] MainParams, double[] ExtraParams, double[] State, double[] Sequence, double ExpectedObjective, double[] ExpectedGradient)
{
    /// <summary>The benchmarked workloads, as GradBench names them.</summary>
    public static readonly string[] Workloads = ["l=2,c=1024", "l=4,c=1024"];

    /// <summary>Loads <c>GradBench/{name}.json</c> from the output folder.</summary>
    public static LstmCase Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(name + ".json")));
        JsonElement input = document.RootElement.GetProperty("input");
        JsonElement expected = document.RootElement.GetProperty("expected");
        return new LstmCase(
            name,
            Rows(input.GetProperty("main_params")),
            Rows(input.GetProperty("extra_params")),
            Rows(input.GetProperty("state")),
            Rows(input.GetProperty("sequence")),
            expected.GetProperty("objective").GetDouble(),
            expected.GetProperty("jacobian").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }

    /// <summary>The C++ reference's median primal and derivative times for <paramref name="name"/>, in nanoseconds.</summary>
    public static (double PrimalNs, double DerivativeNs) ReferenceTimes(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf("timings_cpp_manual.json")));
        JsonElement timing = document.RootElement.GetProperty("lstm/" + name);
        return (timing.GetProperty("primal_median_ns").GetDouble(), timing.GetProperty("derivative_median_ns").GetDouble());
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "GradBench", file);

    private static double[] Rows(JsonElement matrix)
        => matrix.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(e => e.GetDouble())).ToArray();
}
