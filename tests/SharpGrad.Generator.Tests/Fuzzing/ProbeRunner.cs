using System.Reflection;
using System.Runtime.Loader;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Loads a batch's assembly into a collectible context and checks every probed method of every program,
/// each program on its own thread so that a companion that never returns is reported as a hang instead of
/// stopping the run.
/// </summary>
internal static class ProbeRunner
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    public static Dictionary<int, (FuzzOutcome Outcome, string Detail, GradientStats Stats)> Run(byte[] image, IReadOnlyDictionary<int, IReadOnlyList<ProbeMethod>> probes, IReadOnlyList<FuzzSubject> subjects)
    {
        var results = new Dictionary<int, (FuzzOutcome, string, GradientStats)>();
        var context = new AssemblyLoadContext("fuzz", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(new MemoryStream(image));
            foreach ((int k, IReadOnlyList<ProbeMethod> methods) in probes)
            {
                Type probe = assembly.GetType(BatchCompiler.Namespace(k).Replace("Fuzz.", "FuzzProbe.", StringComparison.Ordinal) + ".Probe", throwOnError: true)!;
                results[k] = RunWithTimeout(probe, methods, Seed(subjects[k].Types));
            }
        }
        finally
        {
            context.Unload();
        }

        return results;
    }

    private static (FuzzOutcome Outcome, string Detail, GradientStats Stats) RunWithTimeout(Type probe, IReadOnlyList<ProbeMethod> methods, int seed)
    {
        (FuzzOutcome Outcome, string Detail, GradientStats Stats) result = (FuzzOutcome.Hang, "did not finish within " + _timeout.TotalSeconds + " s", GradientStats.None);
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Check(probe, methods, seed);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            maxStackSize: 16 * 1024 * 1024)
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(_timeout))
        {
            return result;
        }

        return failure is null ? result : throw new InvalidOperationException("the probe itself failed", failure);
    }

    private static (FuzzOutcome Outcome, string Detail, GradientStats Stats) Check(Type probe, IReadOnlyList<ProbeMethod> methods, int seed)
    {
        GradientStats stats = GradientStats.None;
        foreach (ProbeMethod method in methods)
        {
            var value = probe.GetMethod("V" + method.Index)!.CreateDelegate<GradientChecker.ValueProbe>();
            var gradient = probe.GetMethod("G" + method.Index)!.CreateDelegate<GradientChecker.GradientProbe>();
            (GradientChecker.ValueProbe, Action<int>, Func<bool>)? twin = null;
            if (method.HasTwin)
            {
                Type stop = probe.Assembly.GetType("FuzzSupport.FuzzStop", throwOnError: true)!;
                twin = (probe.GetMethod("T" + method.Index)!.CreateDelegate<GradientChecker.ValueProbe>(),
                    stop.GetMethod("Begin")!.CreateDelegate<Action<int>>(),
                    stop.GetMethod("End")!.CreateDelegate<Func<bool>>());
            }

            var checker = new GradientChecker(method, value, gradient, twin, seed + method.Index);
            (FuzzOutcome Outcome, string Detail)? defect = checker.Run();
            stats = stats.Add(checker.Stats);
            if (defect is { } found)
            {
                return (found.Outcome, found.Detail, stats);
            }
        }

        return (FuzzOutcome.Differentiated, string.Empty, stats);
    }

    /// <summary>A seed from the program's text (FNV-1a), the same in every run, unlike string.GetHashCode.</summary>
    public static int Seed(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return (int)(hash & 0x7fffffff);
    }
}
