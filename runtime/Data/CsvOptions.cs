namespace SharpGrad.Data;

/// <summary>
/// Which columns of a CSV file <see cref="CsvLoader"/> reads, and how
/// (pandas: <c>read_csv(usecols=...)</c> plus <c>df[features]</c>, <c>df[targets]</c>; scikit-learn: <c>LabelEncoder</c> for class names).
/// </summary>
/// <remarks>Give exactly one of <see cref="Targets"/> (numeric targets) and <see cref="ClassLabel"/> (a class-name column).</remarks>
public sealed class CsvOptions
{
    /// <summary>Feature columns by header name, in the order they become features; null takes every column that is not a target, in file order.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Numeric target columns by header name, in the order they become targets.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>
    /// A column of class names (e.g. <c>species</c>) that becomes a single class-index target. Names map to indices in
    /// ordinal sort order of the distinct names found, unless <see cref="ClassNames"/> fixes the mapping.
    /// </summary>
    public string? ClassLabel { get; init; }

    /// <summary>
    /// The class names in index order, when the mapping must not depend on which names a file happens to hold (e.g. a
    /// test file loaded separately from the training file). A name not in this list is an error.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The field separator; a comma by default.</summary>
    public char Delimiter { get; init; } = ',';
}
