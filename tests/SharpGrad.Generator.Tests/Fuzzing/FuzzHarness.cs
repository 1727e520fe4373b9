namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Runs programs through the generator, the analyzer, the compiler and the gradient checks, many per
/// compilation for speed. A failure that cannot be pinned on one program splits the batch in halves; a
/// defect found in a batch is confirmed by running its program alone.
/// </summary>
internal static class FuzzHarness
{
    public static IReadOnlyList<FuzzResult> Run(IReadOnlyList<FuzzSubject> subjects, bool confirm = true)
    {
        var results = new FuzzResult[subjects.Count];
        RunBatch(subjects, Enumerable.Range(0, subjects.Count).ToList(), results);
        if (confirm && subjects.Count > 1)
        {
            for (int i = 0; i < subjects.Count; i++)
            {
                if (results[i].IsDefect)
                {
                    FuzzResult alone = FuzzTimings.Measure("confirm", () => RunOne(subjects[i]));
                    results[i] = alone.Key == results[i].Key ? results[i]
                        : alone.IsDefect ? alone with { Detail = alone.Detail + "\n(in its batch it was: " + results[i].Detail + ")" }
                        : FuzzResult.Defect(subjects[i], FuzzOutcome.BatchOnly, results[i] + "\nbut alone: " + alone.Outcome, results[i].Key);
                }
            }
        }

        return results;
    }

    public static FuzzResult RunOne(FuzzSubject subject)
    {
        var results = new FuzzResult[1];
        RunBatch([subject], [0], results);
        return results[0];
    }

    /// <summary>
    /// The key of a defect found by running the code: a non-finite gradient apart from a wrong finite one, and
    /// an exception mismatch by who throws what (a smaller program must throw the same way to count as shrunk).
    /// </summary>
    private static string Key(FuzzOutcome outcome, string detail)
    {
        if (outcome == FuzzOutcome.ExceptionMismatch)
        {
            var throwers = System.Text.RegularExpressions.Regex.Matches(detail, @"(method|companion)(?: with a seed)? throws (\w+)")
                .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value);
            return outcome + ":" + string.Join(",", throwers);
        }

        return outcome + (detail.Contains("NonFinite: ", StringComparison.Ordinal) ? ":NonFinite" : string.Empty);
    }

    private static void RunBatch(IReadOnlyList<FuzzSubject> all, List<int> indices, FuzzResult[] results)
    {
        FuzzSubject[] subjects = indices.Select(i => all[i]).ToArray();
        BatchOutput output = BatchCompiler.Compile(subjects);
        if (output.Unattributable is not null)
        {
            if (indices.Count == 1)
            {
                results[indices[0]] = FuzzResult.Defect(subjects[0], FuzzOutcome.GeneratorCrash, output.Unattributable, "Unattributed");
                return;
            }

            int half = indices.Count / 2;
            RunBatch(all, indices.Take(half).ToList(), results);
            RunBatch(all, indices.Skip(half).ToList(), results);
            return;
        }

        foreach ((int k, FuzzResult result) in output.Decided)
        {
            results[indices[k]] = result;
        }

        if (output.Rerun.Count > 0)
        {
            RunBatch(all, output.Rerun.Select(k => indices[k]).ToList(), results);
            return;
        }

        Dictionary<int, (FuzzOutcome Outcome, string Detail, GradientStats Stats)> checks = output.Image is null || output.Probes.Count == 0
            ? []
            : FuzzTimings.Measure("checks", () => ProbeRunner.Run(output.Image, output.Probes.Where(p => !output.Decided.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value), subjects));
        for (int k = 0; k < subjects.Length; k++)
        {
            if (output.Decided.ContainsKey(k))
            {
                continue;
            }

            FuzzOutcome verdict = output.Refused.ContainsKey(k) ? FuzzOutcome.Refused : FuzzOutcome.Differentiated;
            string reasons = output.Refused.TryGetValue(k, out List<string>? errors) ? string.Join("\n", errors) : string.Empty;
            if (checks.TryGetValue(k, out var check))
            {
                results[indices[k]] = check.Outcome == FuzzOutcome.Differentiated
                    ? new FuzzResult(subjects[k], verdict, reasons, verdict.ToString(), check.Stats)
                    : new FuzzResult(subjects[k], check.Outcome, check.Detail, Key(check.Outcome, check.Detail), check.Stats);
            }
            else
            {
                results[indices[k]] = new FuzzResult(subjects[k], verdict, reasons, verdict.ToString(), GradientStats.None);
            }
        }
    }
}
