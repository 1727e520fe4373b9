namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Nested C# scopes. C# forbids a local whose name is visible, or declared anywhere inside the scope being
/// declared into (even later, in a closed nested block); names used only in closed sibling blocks may be reused.
/// </summary>
internal sealed class FuzzScope
{
    private readonly List<Frame> _frames = [new Frame()];

    public IEnumerable<FuzzVariable> Visible => _frames.SelectMany(f => f.Variables);

    public int Depth => _frames.Count - 1;

    public void Push() => _frames.Add(new Frame());

    public void Pop() => _frames.RemoveAt(_frames.Count - 1);

    public bool CanDeclare(string name)
        => CanDeclareInChild(name) && !_frames[^1].Inside.Contains(Plain(name));

    /// <summary>Whether a new nested scope (a for loop's) may declare <paramref name="name"/>: only visible names conflict.</summary>
    public bool CanDeclareInChild(string name) => !_frames.Any(f => f.Variables.Any(v => v.Name.TrimStart('@') == Plain(name)));

    public void Declare(FuzzVariable variable)
    {
        _frames[^1].Variables.Add(variable);
        foreach (Frame frame in _frames)
        {
            frame.Inside.Add(Plain(variable.Name));
        }
    }

    /// <summary>Keeps a name used by text the generator does not model (a foreach variable, a label) from being declared again.</summary>
    public void Reserve(string name)
    {
        foreach (Frame frame in _frames)
        {
            frame.Inside.Add(Plain(name));
        }
    }

    /// <summary>Replaces a variable by an updated copy (its range after a loop, say).</summary>
    public void Update(FuzzVariable old, FuzzVariable updated)
    {
        foreach (Frame frame in _frames)
        {
            int i = frame.Variables.IndexOf(old);
            if (i >= 0)
            {
                frame.Variables[i] = updated;
            }
        }
    }

    private static string Plain(string name) => name.TrimStart('@');

    private sealed class Frame
    {
        public List<FuzzVariable> Variables { get; } = [];

        public HashSet<string> Inside { get; } = new(StringComparer.Ordinal);
    }
}
