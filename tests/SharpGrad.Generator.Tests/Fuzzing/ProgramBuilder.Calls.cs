using System.Collections.Immutable;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Calls: to the program's other methods (by position or by name out of order, omitting defaults, with
/// <c>in</c> arguments for an <c>in</c> overload) and to the <c>Functions</c> building blocks.
/// </summary>
internal sealed partial class ProgramBuilder
{
    private static readonly (string Name, string[] Parameters)[] _functions =
    [
        ("Sigmoid", ["x"]), ("Softplus", ["x"]), ("Relu", ["x"]), ("Gelu", ["x"]), ("LeakyRelu", ["x", "negativeSlope:nograd"]),
        ("BinaryCrossEntropyWithLogits", ["logit", "target"]), ("Huber", ["prediction", "target", "delta:nograd"]),
        ("Max", ["x:span"]), ("LogSumExp", ["x:span"]), ("LogSoftmax", ["logits:span", "index:index"]), ("Softmax", ["logits:span", "index:index"]),
        ("SoftmaxCrossEntropy", ["logits:span", "target:index"]), ("Dot", ["a:span", "b:span2"]), ("MeanSquaredError", ["prediction:span", "target:span2"]),
        ("BinaryCrossEntropyWithLogits", ["logits:span", "targets:span2"]), ("Huber", ["prediction:span", "target:span2", "delta:nograd"]),
    ];

    private FuzzExpr? Call(int d, FuzzType t)
    {
        List<FuzzCallee> callees = _callees.Where(c => c.ReturnType == t && Callable(c)).ToList();
        return _r.Chance(callees.Count > 0 ? 0.35 : 1) ? FunctionCall(d, t) : GeneratedCall(d, _r.Pick(callees));
    }

    private bool Callable(FuzzCallee callee)
        => callee.Parameters.All(p => p.Shape == ParamShape.Scalar ? p.Modifier.Length == 0 || !callee.Overloaded || Scalars(p.Element).Any() : Arrays(p.Element, p.Input.Length).Any());

    private IEnumerable<FuzzVariable> Scalars(FuzzType type) => _scope.Visible.Where(v => !v.IsArray && v.Type == type);

    private IEnumerable<FuzzVariable> Arrays(FuzzType type, int? length = null) => _scope.Visible.Where(v => v.IsArray && v.Type == type && (length is null || v.Length == length));

    private FuzzExpr? GeneratedCall(int d, FuzzCallee callee)
    {
        var arguments = new List<(string Name, string Text, FuzzExpr? Value)>();
        int omittable = callee.Parameters.Length > 0 && callee.Parameters[^1].Default is not null && _r.Chance(0.5) ? 1 : 0;
        foreach (FuzzParam p in callee.Parameters.Take(callee.Parameters.Length - omittable))
        {
            if (p.Shape != ParamShape.Scalar)
            {
                arguments.Add((p.Name, _r.Pick(Arrays(p.Element, p.Input.Length).ToList()).Name, null));
            }
            else if (p.Modifier.Length > 0 && callee.Overloaded)
            {
                arguments.Add((p.Name, "in {0}", _r.Pick(Scalars(p.Element).ToList()).Reference));
            }
            else
            {
                arguments.Add((p.Name, "{0}", Argument(p, d)));
            }
        }

        return Invocation(callee.Target, arguments, callee.ReturnType);
    }

    private FuzzExpr Argument(FuzzParam p, int d) => p.Element switch
    {
        FuzzType.Int => Int(d),
        FuzzType.Bool => Bool(d),
        _ when p.NoGrad && !_r.Chance(_family.ActiveNoGrad) => Inactive(p.Element, d),
        _ => Real(d, p.Element),
    };

    private FuzzExpr? FunctionCall(int d, FuzzType t)
    {
        (string name, string[] parameters) = _r.Pick(_functions);
        var arguments = new List<(string Name, string Text, FuzzExpr? Value)>();
        FuzzVariable? first = null;
        foreach (string parameter in parameters)
        {
            string[] parts = parameter.Split(':');
            string kind = parts.Length > 1 ? parts[1] : "real";
            switch (kind)
            {
                case "span":
                    List<FuzzVariable> arrays = Arrays(t).ToList();
                    if (arrays.Count == 0)
                    {
                        return null;
                    }

                    first = _r.Pick(arrays);
                    arguments.Add((parts[0], first.Name, null));
                    break;
                case "span2":
                    arguments.Add((parts[0], _r.Pick(Arrays(t, first!.Length).ToList()).Name, null));
                    break;
                case "index":
                    arguments.Add((parts[0], "{0}", Index(first!)));
                    break;
                case "nograd" when !_r.Chance(_family.ActiveNoGrad):
                    arguments.Add((parts[0], "{0}", _r.Chance(0.7) ? FuzzExpr.Literal(t, _r.OneOf(0.1, 0.5, 1.0)) : Inactive(t, d)));
                    break;
                default:
                    arguments.Add((parts[0], "{0}", Real(d, t)));
                    break;
            }
        }

        return Invocation("Functions." + name, arguments, t);
    }

    /// <summary>Writes the call by position, by name in a shuffled order, or positional then named.</summary>
    private FuzzExpr Invocation(string target, List<(string Name, string Text, FuzzExpr? Value)> arguments, FuzzType type)
    {
        var children = new List<FuzzExpr>();
        var texts = new List<string>();
        foreach ((string name, string text, FuzzExpr? value) in arguments)
        {
            string filled = value is null ? text.Replace("{", "{{", StringComparison.Ordinal) : text.Replace("{0}", "{" + children.Count + "}", StringComparison.Ordinal);
            if (value is not null)
            {
                children.Add(value);
            }

            texts.Add(name + ": " + filled);
        }

        string mode = arguments.Count < 2 ? _r.OneOf("positional", "positional", "named") : _r.Weighted((6, "positional"), (3, "named"), (1, "mixed"));
        int positional = mode switch { "positional" => texts.Count, "named" => 0, _ => _r.Int(1, texts.Count - 1) };
        var order = Enumerable.Range(0, texts.Count).ToList();
        List<int> named = order.Skip(positional).ToList();
        _r.Shuffle(named);
        IEnumerable<string> written = order.Take(positional).Select(i => texts[i][(texts[i].IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .Concat(named.Select(i => texts[i]));
        return new FuzzExpr(target + "(" + string.Join(", ", written) + ")", type, [.. children]);
    }
}
