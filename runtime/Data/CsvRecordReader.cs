using System.Text;

namespace SharpGrad.Data;

/// <summary>
/// Splits CSV text into records of fields (RFC 4180): fields separated by a delimiter; a field in double quotes may
/// hold delimiters, line breaks and doubled quotes (<c>""</c> for <c>"</c>); spaces around the quotes are ignored.
/// Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char _delimiter;
    private readonly StringBuilder _field = new();
    private int _linesRead;

    public CsvRecordReader(TextReader reader, string source, char delimiter)
    {
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"'{delimiter}' cannot be a CSV delimiter.", nameof(delimiter));
        }

        _reader = reader;
        _source = source;
        _delimiter = delimiter;
    }

    /// <summary>Column names used in error messages once the header is known.</summary>
    public IReadOnlyList<string>? Header { get; set; }

    /// <summary>Reads the next record into <paramref name="fields"/>.</summary>
    /// <param name="fields">Receives the fields, cleared first.</param>
    /// <param name="line">The 1-based line on which the record starts.</param>
    /// <returns>False at the end of the text.</returns>
    public bool TryRead(List<string> fields, out int line)
    {
        fields.Clear();
        string? text;
        do
        {
            text = _reader.ReadLine();
            if (text is null)
            {
                line = _linesRead;
                return false;
            }

            _linesRead++;
        }
        while (string.IsNullOrWhiteSpace(text));

        line = _linesRead;
        int position = 0;
        while (true)
        {
            int column = fields.Count + 1;
            int content = position;
            while (content < text.Length && text[content] == ' ')
            {
                content++;
            }

            // Spaces before an opening quote are tolerated, as many writers put one after each delimiter.
            if (content < text.Length && text[content] == '"')
            {
                position = content;
                text = ReadQuoted(text, ref position, column);
                fields.Add(_field.ToString());

                // After the closing quote only spaces may come before the delimiter or the end of the line.
                while (position < text.Length && text[position] == ' ')
                {
                    position++;
                }

                if (position == text.Length)
                {
                    return true;
                }

                if (text[position] != _delimiter)
                {
                    throw Error(_linesRead, column, $"unexpected '{text[position]}' after a closing quote; a doubled quote (\"\") writes a quote inside a quoted field");
                }

                position++;
            }
            else
            {
                int end = text.IndexOf(_delimiter, position);
                if (end < 0)
                {
                    fields.Add(text[position..]);
                    return true;
                }

                fields.Add(text[position..end]);
                position = end + 1;
            }
        }
    }

    // Reads a quoted field starting at the opening quote into _field, pulling further lines while the quote is open.
    // Returns the line holding the closing quote, with position just past it.
    private string ReadQuoted(string text, ref int position, int column)
    {
        int startLine = _linesRead;
        _field.Clear();
        position++;
        while (true)
        {
            int quote = text.IndexOf('"', position);
            if (quote < 0)
            {
                _field.Append(text, position, text.Length - position);
                string? next = _reader.ReadLine();
                if (next is null)
                {
                    throw Error(startLine, column, "a quoted field is not closed before the end of the file");
                }

                _linesRead++;
                _field.Append('\n');
                text = next;
                position = 0;
                continue;
            }

            _field.Append(text, position, quote - position);
            if (quote + 1 < text.Length && text[quote + 1] == '"')
            {
                _field.Append('"');
                position = quote + 2;
                continue;
            }

            position = quote + 1;
            return text;
        }
    }

    private CsvFormatException Error(int line, int column, string problem)
    {
        string? name = Header is not null && column <= Header.Count ? Header[column - 1] : null;
        return new CsvFormatException(_source, line, name, column, problem);
    }
}
