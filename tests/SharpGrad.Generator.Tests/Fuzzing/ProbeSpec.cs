using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The inputs the probe uses for each parameter, by <c>Method.parameter</c> or by parameter name alone.
/// Its text form, used by the regression cases, lists entries separated by spaces:
/// <c>v[4]</c> (an array or span of length 4), <c>n=3</c> (a value held fixed), <c>d=[0.5,-1]</c> (a fixed
/// array), each optionally prefixed by the method's name (<c>G.v[2]</c>). Unlisted parameters default to
/// length 3, int 2, bool true and fixed floating-point values.
/// </summary>
internal sealed class ProbeSpec
{
    private readonly Dictionary<string, ProbeInput> _inputs = new(StringComparer.Ordinal);

    public static ProbeSpec Empty { get; } = new();

    public void Add(string? method, string parameter, ProbeInput input) => _inputs[method is null ? parameter : method + "." + parameter] = input;

    public ProbeInput? Find(string method, string parameter)
        => _inputs.TryGetValue(method + "." + parameter, out ProbeInput? input) || _inputs.TryGetValue(parameter, out input) ? input : null;

    public static ProbeSpec Parse(string text)
    {
        var spec = new ProbeSpec();
        foreach (string entry in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = entry.IndexOf('=', StringComparison.Ordinal);
            string key = equals >= 0 ? entry[..equals] : entry;
            ProbeInput input;
            if (equals >= 0)
            {
                string value = entry[(equals + 1)..];
                input = value.StartsWith('[')
                    ? new ProbeInput(Array: value.Trim('[', ']').Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                    : new ProbeInput(Scalar: value);
            }
            else
            {
                int bracket = key.IndexOf('[', StringComparison.Ordinal);
                input = new ProbeInput(Length: int.Parse(key[(bracket + 1)..^1], CultureInfo.InvariantCulture));
                key = key[..bracket];
            }

            int dot = key.LastIndexOf('.');
            spec.Add(dot >= 0 ? key[..dot] : null, dot >= 0 ? key[(dot + 1)..] : key, input);
        }

        return spec;
    }

    public override string ToString() => string.Join(" ", _inputs.Select(p => p.Value.Array is null && p.Value.Scalar is null ? p.Key + p.Value : p.Key + "=" + p.Value));
}
