using System.Globalization;

namespace SharpGrad.Schedules;

/// <summary>Argument checks shared by the schedules.</summary>
internal static class ScheduleRules
{
    /// <summary>Rejects a negative or NaN value, which would make a learning rate negative or NaN.</summary>
    public static void NonNegative(double value, string argumentName)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(argumentName, value, string.Create(CultureInfo.InvariantCulture, $"Invalid {argumentName} value: {value}"));
        }
    }
}
