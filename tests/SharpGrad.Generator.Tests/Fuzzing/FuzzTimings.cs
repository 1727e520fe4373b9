using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>Where a fuzzing run spends its time (generator, analyzer, emit, checks, confirmations), for the report.</summary>
internal static class FuzzTimings
{
    private static readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public static T Measure<T>(string phase, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _ticks.AddOrUpdate(phase, Stopwatch.GetTimestamp() - start, (_, total) => total + Stopwatch.GetTimestamp() - start);
        }
    }

    private static readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts an event (say, a generated file that calls a kernel).</summary>
    public static void Count(string what) => _counts.AddOrUpdate(what, 1, (_, n) => n + 1);

    public static void Reset()
    {
        _ticks.Clear();
        _counts.Clear();
    }

    public static string Counts => string.Join(", ", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture)));

    public static string Text => string.Join(", ", _ticks.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => p.Key + " " + (p.Value / (double)Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture) + " s"));
}
