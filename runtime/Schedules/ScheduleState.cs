using System.Globalization;

namespace SharpGrad.Schedules;

/// <summary>Reading a scheduler's saved scalars with clear errors; nothing is applied until all are read.</summary>
internal static class ScheduleState
{
    public const string LastEpoch = "last_epoch";
    public const string Groups = "groups";

    public static string BaseLearningRate(int group) => $"base_lr.{group}";

    public static string LastLearningRate(int group) => $"last_lr.{group}";

    public static double Read(IReadOnlyDictionary<string, double> state, string key) =>
        state.TryGetValue(key, out double value)
            ? value
            : throw new ArgumentException($"The scheduler state has no '{key}'.", nameof(state));

    public static int ReadCount(IReadOnlyDictionary<string, double> state, string key, int minimum)
    {
        double value = Read(state, key);
        if (!(value >= minimum && value <= int.MaxValue && value == Math.Floor(value)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The scheduler state's '{key}' is {value}; expected a whole number of at least {minimum}."), nameof(state));
        }

        return (int)value;
    }

    public static void RequireGroups(IReadOnlyDictionary<string, double> state, int groups)
    {
        int saved = ReadCount(state, Groups, 0);
        if (saved != groups)
        {
            throw new ArgumentException($"The scheduler state is for {saved} parameter groups but the optimizer has {groups}.", nameof(state));
        }
    }

    public static double[] ReadPerGroup(IReadOnlyDictionary<string, double> state, int groups, Func<int, string> key)
    {
        var values = new double[groups];
        for (int i = 0; i < groups; i++)
        {
            values[i] = Read(state, key(i));
        }

        return values;
    }
}
