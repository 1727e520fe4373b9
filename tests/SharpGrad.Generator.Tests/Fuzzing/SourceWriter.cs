using System.Text;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>Writes C# with four-space indentation; a pending prefix (<c>else </c>) joins the next line.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private string _pending = string.Empty;
    private int _depth;

    public void Line(string line)
    {
        _text.Append(' ', 4 * _depth).Append(_pending).Append(line).Append('\n');
        _pending = string.Empty;
    }

    /// <summary>Each line of a possibly multi-line text.</summary>
    public void Lines(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            Line(line);
        }
    }

    /// <summary>Text that prefixes the next line.</summary>
    public void Text(string prefix) => _pending += prefix;

    public void Open()
    {
        Line("{");
        _depth++;
    }

    public void Close(string closing = "}")
    {
        _depth--;
        Line(closing);
    }

    public void Block(IEnumerable<FuzzStmt> statements, string? prefix = null, string closing = "}")
    {
        Open();
        if (prefix is not null)
        {
            Line(prefix);
        }

        foreach (FuzzStmt statement in statements)
        {
            statement.Print(this);
        }

        Close(closing);
    }

    public override string ToString() => _text.ToString();
}
