using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>Counts outcomes over a fuzzing run, by outcome and by family, and keeps one shrunk reproducer per defect.</summary>
internal sealed partial class FuzzReport
{
    private readonly Dictionary<FuzzOutcome, int> _outcomes = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);
    private readonly Dictionary<string, (int Total, int Defects, int Refused)> _families = [];
    private readonly Dictionary<string, List<(FuzzProgram Program, FuzzResult Result)>> _defects = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refusalExamples = new(StringComparer.Ordinal);
    private TimeSpan? _checking;
    private GradientStats _stats = GradientStats.None;
    private int _unprobed;

    public int Programs { get; private set; }

    public int DefectCount => _defects.Values.Sum(d => d.Count);

    public IReadOnlyDictionary<string, List<(FuzzProgram Program, FuzzResult Result)>> Defects => _defects;

    [GeneratedRegex(@"Fuzz(Probe)?\.P\d+\.")]
    private static partial Regex BatchNamespace();

    public void Add(FuzzProgram program, FuzzResult result)
    {
        Programs++;
        _outcomes[result.Outcome]++;
        _stats = _stats.Add(result.Stats);
        if (!result.IsDefect && result.Stats.Methods == 0)
        {
            _unprobed++;
        }

        (int total, int defects, int refused) = _families.GetValueOrDefault(program.Family);
        _families[program.Family] = (total + 1, defects + (result.IsDefect ? 1 : 0), refused + (result.Outcome == FuzzOutcome.Refused ? 1 : 0));
        foreach (string error in result.Outcome == FuzzOutcome.Refused ? result.Detail.Split('\n').DistinctBy(Reason) : [])
        {
            string reason = Reason(error);
            _refusals[reason] = _refusals.GetValueOrDefault(reason) + 1;
            _refusalExamples.TryAdd(reason, error + " (" + result.Subject.Label + ")");
        }

        if (result.IsDefect)
        {
            if (!_defects.TryGetValue(result.Key, out var list))
            {
                _defects[result.Key] = list = [];
            }

            list.Add((program, result));
        }
    }

    /// <summary>Replaces the first program of each defect with its shrunk form, within a total time budget.</summary>
    public void Shrink(TimeSpan perDefect, TimeSpan total)
    {
        _checking ??= _clock.Elapsed;
        var clock = Stopwatch.StartNew();
        foreach (List<(FuzzProgram Program, FuzzResult Result)> list in _defects.Values)
        {
            if (clock.Elapsed >= total)
            {
                break;
            }

            (FuzzProgram program, FuzzResult result) = list.OrderBy(p => p.Program.TypesText.Length).First();
            list.Remove((program, result));
            list.Insert(0, FuzzShrinker.Shrink(program, result, perDefect));
        }
    }

    public string Summary()
    {
        var text = new StringBuilder();
        TimeSpan checking = _checking ?? _clock.Elapsed;
        text.Append(CultureInfo.InvariantCulture, $"{Programs} programs checked in {checking.TotalSeconds:F1} s, shrinking took {(_clock.Elapsed - checking).TotalSeconds:F1} s\n");
        foreach ((FuzzOutcome outcome, int count) in _outcomes.Where(o => o.Value > 0 || o.Key <= FuzzOutcome.Refused))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {outcome,-22} {count,6}\n");
        }

        text.Append("  time: ").Append(FuzzTimings.Text).Append('\n');
        text.Append("  generated: ").Append(FuzzTimings.Counts).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  (not probed: {_unprobed}; methods probed {_stats.Methods}, gradient components compared {_stats.Compared}, skipped as non-smooth {_stats.Skipped}, NaN or infinite at a singular point {_stats.Singular}; vectorized companions {_stats.Vectorized}; calls checkpointed under a small tape budget {_stats.Checkpointed}; companions whose first loop overwrites a buffer {_stats.Overwriting})\n");
        text.Append("by family (programs / refused / defects):\n");
        foreach ((string family, (int total, int defects, int refused)) in _families.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {family,-12} {total,6} {refused,6} {defects,6}\n");
        }

        text.Append("refusals by reason (programs):\n");
        foreach ((string reason, int count) in _refusals.OrderByDescending(r => r.Value).Take(25))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {count,6}  {reason}\n          e.g. {_refusalExamples[reason]}\n");
        }

        return text.ToString();
    }

    /// <summary>An SG error's id and the gist of its message, without the names particular to one program.</summary>
    private static string Reason(string error)
    {
        string gist = QuotedName().Replace(error, "'_'");
        return gist.Length > 110 ? gist[..110] : gist;
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedName();

    /// <summary>Every defect class, most frequent first, with its smallest reproducer.</summary>
    public string DefectReport()
    {
        var text = new StringBuilder();
        foreach ((string key, List<(FuzzProgram Program, FuzzResult Result)> list) in _defects.OrderByDescending(d => d.Value.Count))
        {
            (FuzzProgram program, FuzzResult result) = list[0];
            text.Append(CultureInfo.InvariantCulture, $"=== {key}: {list.Count} program(s), e.g. {result.Subject.Label} (family {program.Family})\n");
            text.Append(BatchNamespace().Replace(result.Detail, string.Empty)).Append('\n');
            text.Append("--- probe inputs: ").Append(result.Subject.Spec).Append('\n');
            text.Append(program.TypesText).Append('\n');
            foreach ((FuzzProgram other, FuzzResult otherResult) in list.Skip(1).Take(6))
            {
                text.Append("--- also ").Append(otherResult.Subject.Label).Append(": ")
                    .Append(BatchNamespace().Replace(otherResult.Detail.Split('\n')[0], string.Empty)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
