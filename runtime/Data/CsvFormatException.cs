namespace SharpGrad.Data;

/// <summary>
/// A CSV file that does not hold what was asked of it: a value that is not a number, a row with the wrong number of
/// fields, an unterminated quote, a missing column. The message names the file, the 1-based line and, where one is
/// involved, the column by name and 1-based number, e.g.
/// <c>iris.csv, line 17, column 'sepal_width' (2): 'abc' is not a number</c>.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and <paramref name="problem"/>.</summary>
    /// <param name="file">The file name or path as given to the loader (or the source name for a reader).</param>
    /// <param name="lineNumber">1-based line in the file; the header is line 1.</param>
    /// <param name="columnName">The column's header name, if known.</param>
    /// <param name="columnNumber">1-based column position, if a column is involved.</param>
    /// <param name="problem">What is wrong, e.g. <c>'abc' is not a number</c>.</param>
    public CsvFormatException(string file, int lineNumber, string? columnName, int? columnNumber, string problem)
        : base(Compose(file, lineNumber, columnName, columnNumber, problem))
    {
        FilePath = file;
        LineNumber = lineNumber;
        ColumnName = columnName;
        ColumnNumber = columnNumber;
        Problem = problem;
    }

    /// <summary>The file name or path as given to the loader.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem; the header is line 1.</summary>
    public int LineNumber { get; }

    /// <summary>The header name of the column involved, or null.</summary>
    public string? ColumnName { get; }

    /// <summary>1-based position of the column involved, or null.</summary>
    public int? ColumnNumber { get; }

    /// <summary>The problem without its location.</summary>
    public string Problem { get; }

    private static string Compose(string file, int lineNumber, string? columnName, int? columnNumber, string problem)
    {
        string column = (columnName, columnNumber) switch
        {
            (not null, not null) => $", column '{columnName}' ({columnNumber})",
            (null, not null) => $", column {columnNumber}",
            (not null, null) => $", column '{columnName}'",
            _ => string.Empty,
        };
        return $"{file}, line {lineNumber}{column}: {problem}";
    }
}
