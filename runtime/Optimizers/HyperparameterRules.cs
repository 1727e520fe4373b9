using System.Globalization;

namespace SharpGrad.Optimizers;

/// <summary>
/// PyTorch's constructor checks, with its messages, so that a configuration PyTorch rejects fails here
/// the same way. <c>!(x &gt;= 0)</c> is written on purpose: it also rejects NaN, as PyTorch's
/// <c>not 0.0 &lt;= x</c> does.
/// </summary>
internal static class HyperparameterRules
{
    /// <summary>The value of <paramref name="name"/>, or an error naming the missing key.</summary>
    public static double Read(IReadOnlyDictionary<string, double> values, string name, string context) =>
        values.TryGetValue(name, out double value)
            ? value
            : throw new ArgumentException($"The hyperparameter '{name}' is missing{context}.", name);

    /// <summary>Rejects a negative or NaN learning rate: "Invalid learning rate: -1".</summary>
    public static void LearningRate(IReadOnlyDictionary<string, double> values, string context) =>
        NonNegative(values, HyperparameterNames.LearningRate, "lr", "Invalid learning rate: ", context);

    /// <summary>Rejects a negative or NaN value with PyTorch's "Invalid {name} value: {value}" message.</summary>
    public static void NonNegativeValue(IReadOnlyDictionary<string, double> values, string name, string argumentName, string context) =>
        NonNegative(values, name, argumentName, $"Invalid {name} value: ", context);

    /// <summary>Rejects a negative or NaN epsilon: "Invalid epsilon value: -1".</summary>
    public static void Epsilon(IReadOnlyDictionary<string, double> values, string context) =>
        NonNegative(values, HyperparameterNames.Epsilon, "eps", "Invalid epsilon value: ", context);

    /// <summary>Rejects a beta outside [0, 1): "Invalid beta parameter at index 0: 1".</summary>
    public static void Beta(IReadOnlyDictionary<string, double> values, string name, int index, string context)
    {
        double beta = Read(values, name, context);
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException("betas", beta, Invariant($"Invalid beta parameter at index {index}: {beta}{context}"));
        }
    }

    /// <summary>Rejects NaN, which PyTorch does not check for but which would poison every parameter.</summary>
    public static void NotNaN(IReadOnlyDictionary<string, double> values, string name, string argumentName, string context)
    {
        double value = Read(values, name, context);
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(argumentName, value, $"Invalid {name} value: NaN{context}");
        }
    }

    /// <summary>Rejects a switch stored as anything but 0 or 1 (only possible through restored state).</summary>
    public static void Switch(IReadOnlyDictionary<string, double> values, string name, string context)
    {
        double value = Read(values, name, context);
        if (value is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(name, value, Invariant($"Invalid {name} value: {value}; a switch is stored as 0 or 1{context}"));
        }
    }

    /// <summary>Formats with the invariant culture, so messages read the same everywhere (-1, 0.5).</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void NonNegative(IReadOnlyDictionary<string, double> values, string name, string argumentName, string messagePrefix, string context)
    {
        double value = Read(values, name, context);
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(argumentName, value, messagePrefix + Invariant($"{value}{context}"));
        }
    }
}
