using System.Collections.Generic;
using System.Globalization;

namespace SharpGrad.Generator.Differentiation;

/// <summary>Hands out names that collide with nothing the user wrote nor anything handed out before.</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(IEnumerable<string> taken) => _taken = new HashSet<string>(taken, System.StringComparer.Ordinal);

    public string Fresh(string preferred)
    {
        string name = preferred;
        for (int suffix = 2; !_taken.Add(name); suffix++)
        {
            name = preferred + "_" + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    public NameScope Clone() => new(_taken);
}
