using System.Text;

namespace SharpGrad.Generator.Emission;

/// <summary>Writes C# line by line at the current indentation.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c>.</summary>
    public Block OpenBlock(string? closing = null)
    {
        Line("{");
        _depth++;
        return new Block(this, closing ?? "}");
    }

    public override string ToString() => _builder.ToString();

    internal readonly struct Block : System.IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _closing;

        public Block(IndentedWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line(_closing);
        }
    }
}
