using System.Globalization;
using System.Numerics;

namespace SharpGrad.Data;

/// <summary>
/// Loads a CSV file with a header row into an <see cref="ArrayDataset{T}"/>
/// (pandas: <c>read_csv</c>, then <c>torch.tensor(df[features].values)</c>; PyTorch itself has no CSV reader).
/// </summary>
/// <remarks>
/// <para>The first non-blank line is the header; header names are trimmed and must be unique. Columns are chosen by name
/// (<see cref="CsvOptions"/>); other columns are ignored and may hold anything. Numbers are parsed with the invariant
/// culture (<c>.</c> as decimal point, exponents allowed, no thousands separators) whatever the machine's locale.
/// Fields may be quoted as in RFC 4180. Blank lines are skipped.</para>
/// <para>Every problem is a <see cref="CsvFormatException"/> naming the file, the line and the column, e.g.
/// <c>iris.csv, line 17, column 'sepal_width' (2): 'abc' is not a number</c>.</para>
/// </remarks>
public static class CsvLoader
{
    /// <summary>Loads the file at <paramref name="path"/> (UTF-8, or as its byte order mark says).</summary>
    /// <param name="path">The file; error messages name it as given here.</param>
    /// <param name="options">Which columns are features and targets.</param>
    /// <exception cref="CsvFormatException">The file does not hold the asked columns or values.</exception>
    public static CsvData<T> Load<T>(string path, CsvOptions options) where T : unmanaged, INumberBase<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Load<T>(reader, path, options);
    }

    /// <summary>Loads CSV text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="sourceName">The name error messages give the source, e.g. a file name.</param>
    /// <param name="options">Which columns are features and targets.</param>
    /// <exception cref="CsvFormatException">The text does not hold the asked columns or values.</exception>
    public static CsvData<T> Load<T>(TextReader reader, string sourceName, CsvOptions options) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);

        var records = new CsvRecordReader(reader, sourceName, options.Delimiter);
        var fields = new List<string>();
        if (!records.TryRead(fields, out int headerLine))
        {
            throw new CsvFormatException(sourceName, 1, null, null, "the file is empty; a header row is expected");
        }

        string[] header = ReadHeader(fields, sourceName, headerLine);
        records.Header = header;
        var columns = new ColumnSelection(header, options, sourceName, headerLine);

        var features = new List<T>();
        var targets = new List<T>();
        var labels = new List<string>();
        var labelLines = new List<int>();
        while (records.TryRead(fields, out int line))
        {
            if (fields.Count != header.Length)
            {
                throw new CsvFormatException(sourceName, line, null, null, $"the row has {fields.Count} fields, but the header has {header.Length}");
            }

            foreach (int column in columns.Features)
            {
                features.Add(ParseNumber<T>(fields[column], sourceName, line, header, column));
            }

            foreach (int column in columns.Targets)
            {
                targets.Add(ParseNumber<T>(fields[column], sourceName, line, header, column));
            }

            if (columns.ClassLabel is int labelColumn)
            {
                string label = fields[labelColumn].Trim();
                if (label.Length == 0)
                {
                    throw new CsvFormatException(sourceName, line, header[labelColumn], labelColumn + 1, "the class label is empty");
                }

                labels.Add(label);
                labelLines.Add(line);
            }
        }

        string[] classNames = [];
        string[] targetNames = columns.Targets.Select(c => header[c]).ToArray();
        if (columns.ClassLabel is int classColumn)
        {
            classNames = options.ClassNames?.ToArray() ?? labels.Distinct().Order(StringComparer.Ordinal).ToArray();
            var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < classNames.Length; k++)
            {
                indexOf[classNames[k]] = k;
            }

            for (int i = 0; i < labels.Count; i++)
            {
                if (!indexOf.TryGetValue(labels[i], out int index))
                {
                    throw new CsvFormatException(sourceName, labelLines[i], header[classColumn], classColumn + 1, $"'{labels[i]}' is not one of the class names {string.Join(", ", classNames.Select(n => $"'{n}'"))}");
                }

                targets.Add(T.CreateChecked(index));
            }

            targetNames = [header[classColumn]];
        }

        var dataset = new ArrayDataset<T>(features.ToArray(), columns.Features.Length, targets.ToArray(), targetNames.Length);
        return new CsvData<T>(dataset, columns.Features.Select(c => header[c]).ToArray(), targetNames, classNames);
    }

    private static void CheckOptions(CsvOptions options)
    {
        bool hasTargets = options.Targets is { Count: > 0 };
        if (hasTargets == options.ClassLabel is not null)
        {
            throw new ArgumentException("CsvOptions needs exactly one of Targets (numeric target columns) and ClassLabel (a class-name column).", nameof(options));
        }

        if (options.ClassNames is not null)
        {
            if (options.ClassLabel is null)
            {
                throw new ArgumentException("CsvOptions.ClassNames applies only together with ClassLabel.", nameof(options));
            }

            if (options.ClassNames.Count == 0 || options.ClassNames.Distinct(StringComparer.Ordinal).Count() != options.ClassNames.Count)
            {
                throw new ArgumentException("CsvOptions.ClassNames must be non-empty and distinct.", nameof(options));
            }
        }
    }

    private static string[] ReadHeader(List<string> fields, string source, int line)
    {
        string[] header = fields.Select(f => f.Trim()).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int column = 0; column < header.Length; column++)
        {
            if (!seen.TryAdd(header[column], column))
            {
                throw new CsvFormatException(source, line, header[column], column + 1, $"the header repeats the name of column {seen[header[column]] + 1}");
            }
        }

        return header;
    }

    private static T ParseNumber<T>(string text, string source, int line, string[] header, int column) where T : unmanaged, INumberBase<T>
    {
        if (T.TryParse(text.AsSpan(), NumberStyles.Float, CultureInfo.InvariantCulture, out T value))
        {
            return value;
        }

        string problem = string.IsNullOrWhiteSpace(text) ? "the value is empty; a number is expected" : $"'{text}' is not a number";
        throw new CsvFormatException(source, line, header[column], column + 1, problem);
    }

    /// <summary>The 0-based column positions chosen by the options, resolved against the header.</summary>
    private sealed class ColumnSelection
    {
        public ColumnSelection(string[] header, CsvOptions options, string source, int headerLine)
        {
            var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int column = 0; column < header.Length; column++)
            {
                indexOf[header[column]] = column;
            }

            int Find(string name) => indexOf.TryGetValue(name, out int column)
                ? column
                : throw new CsvFormatException(source, headerLine, null, null, $"there is no column '{name}'; the columns are {string.Join(", ", header.Select(h => $"'{h}'"))}");

            Targets = options.Targets?.Select(Find).ToArray() ?? [];
            ClassLabel = options.ClassLabel is null ? null : Find(options.ClassLabel);
            Features = options.Features is null
                ? Enumerable.Range(0, header.Length).Where(c => !Targets.Contains(c) && c != ClassLabel).ToArray()
                : options.Features.Select(Find).ToArray();
            if (Features.Length == 0)
            {
                throw new CsvFormatException(source, headerLine, null, null, "no feature columns remain besides the targets");
            }

            // A column read twice would silently duplicate data, or leak a target into the features.
            int[] chosen = [.. Features, .. Targets, .. ClassLabel is int c ? [c] : Array.Empty<int>()];
            int repeated = chosen.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).DefaultIfEmpty(-1).First();
            if (repeated >= 0)
            {
                throw new ArgumentException($"Column '{header[repeated]}' is chosen more than once among features and targets.", nameof(options));
            }
        }

        public int[] Features { get; }

        public int[] Targets { get; }

        public int? ClassLabel { get; }
    }
}
