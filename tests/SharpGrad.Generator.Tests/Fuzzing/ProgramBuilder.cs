using System.Collections.Immutable;
using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Builds one program: helpers first (each may call the ones built before it, <c>Functions</c> and
/// hand-written helpers), then the entry methods that call them. Partial files: methods and types (this
/// file), statements, expressions, calls, and the adversarial injections.
/// </summary>
internal sealed partial class ProgramBuilder
{
    private static readonly string[] _oddNames =
    [
        "@in", "@class", "@int", "@double", "@return", "tape", "result", "d_x", "outputGradient", "x_2", "xGrad", "d_tape",
        "trips", "value", "System", "global", "var", "nameof", "_", "__", "café", "Δx", "k_2", "d_result", "result_2",
        "returned", "stop", "skip", "value_2", "Tape", "t0", "i_2", "d_i", "vGrad", "@event",
    ];

    private readonly FuzzRandom _r;
    private readonly FuzzOptions _options;
    private readonly FuzzFamily _family;
    private readonly List<FuzzCallee> _callees = [];
    private readonly List<string> _members = [];
    private readonly List<FuzzStmt> _preceding = [];

    // Scalars an idiom computed for the result to read (a layer nest's total), so that its gradient path is checked too.
    private readonly HashSet<string> _reaching = [];
    private readonly int _tag;
    private int[] _lengths = [3];
    private bool _bucketHelper;
    private bool _positiveHelper;

    // The method being built.
    private FuzzScope _scope = new();
    private FuzzType _real;
    private int _budget;
    private int _loopDepth;
    private int _nesting;
    private int _counter;
    private string _method = string.Empty;
    private bool _refusalPending;

    public ProgramBuilder(FuzzRandom random, FuzzOptions options, FuzzFamily family)
    {
        _r = random;
        _options = options;
        _family = family;
        _tag = random.Int(10, 999);
    }

    private string Tag => _tag.ToString(CultureInfo.InvariantCulture);

    public FuzzProgram Build()
    {
        _lengths = [_r.Int(2, 4), _r.Int(3, 5)];
        AddHandWrittenHelpers();
        bool helperClass = _r.Chance(0.25);
        int helperCount = _r.Weighted((3, 0), (4, 1), (3, 2), (_family.Calls, 3));
        var helpers = new List<FuzzMethod>();
        int refusalAt = _family.Refusal ? _r.Int(0, helperCount) : -1;
        for (int h = helperCount - 1; h >= 0; h--)
        {
            string name = "H" + Tag + (char)('a' + h);
            _refusalPending = refusalAt == h + 1;
            FuzzMethod helper = Method(name, helper: true, Parameters(helper: true));
            helpers.Insert(0, helper);
            string target = helperClass ? "Helpers." + name : name;
            _callees.Add(new FuzzCallee(target, helper.Parameters, helper.ReturnType));
            if (_family.Overloads && h == 0)
            {
                helpers.Insert(1, Overload(helper, target));
            }
        }

        var entries = new List<FuzzMethod>();
        int entryCount = _r.Chance(0.2) ? 2 : 1;
        for (int e = 0; e < entryCount; e++)
        {
            _refusalPending = refusalAt == 0 && e == 0;
            entries.Add(Method((e == 0 ? "F" : "E") + Tag, helper: false, Parameters(helper: false)));
        }

        (string header, string? outer, bool fileScoped) = Container();
        if (header.Contains("partial class Model", StringComparison.Ordinal) && !header.Contains("static", StringComparison.Ordinal) && _r.Chance(0.5))
        {
            // An instance entry method: callable from the probe, not from other differentiable methods.
            entries[0] = entries[0] with { Modifiers = "public" };
        }

        var classes = new List<FuzzClass>();
        if (helperClass && helpers.Count > 0)
        {
            classes.Add(new FuzzClass(header, outer, [], [.. entries]));
            classes.Add(new FuzzClass("public static partial class Helpers", null, [], [.. helpers]));
        }
        else
        {
            classes.Add(new FuzzClass(header, outer, [], [.. helpers, .. entries]));
        }

        if (_members.Count > 0)
        {
            // Hand-written members live in a type of their own, reachable from every generated type as Rules.X.
            classes.Add(new FuzzClass("public static class Rules", null, [.. _members], []));
        }

        return new FuzzProgram(_family.Name, [.. classes], fileScoped);
    }

    private (string Header, string? Outer, bool FileScoped) Container()
    {
        if (!_family.Containers)
        {
            return ("public static partial class Model", null, false);
        }

        bool fileScoped = _r.Chance(0.4);
        return _r.Weighted<(string, string?, bool)>(
            (3, ("public partial class Model", null, fileScoped)),
            (2, ("public partial struct Model", null, fileScoped)),
            (1, ("public partial record Model", null, fileScoped)),
            (1, ("public partial record struct Model", null, fileScoped)),
            (1, ("internal static partial class Model", null, fileScoped)),
            (1, ("public sealed partial class Model", null, fileScoped)),
            (3, ("public static partial class Model", "public static partial class Outer", fileScoped)),
            (1, ("public partial struct Model", "public partial class Outer", fileScoped)),
            (1, ("file static partial class Model", null, fileScoped)),
            (1, ("public static partial class Model<T>", null, fileScoped)),
            (1, ("public static class Model", null, fileScoped)),
            (1, ("public static partial class Model", "public static class Outer", fileScoped)));
    }

    private void AddHandWrittenHelpers()
    {
        if (_r.Chance(0.15 * _family.Calls))
        {
            _members.Add($"""
                [CustomGradient(nameof(Cube{Tag}WithGradient))]
                public static double Cube{Tag}(double x) => x * x * x;
                """);
            _members.Add($$"""
                public static double Cube{{Tag}}WithGradient(double x, ref double xGrad, double outputGradient)
                {
                    xGrad += outputGradient * 3 * x * x;
                    return x * x * x;
                }
                """);
            _callees.Add(new FuzzCallee("Rules.Cube" + Tag, [new FuzzParam("x", FuzzType.Double, ParamShape.Scalar, false, string.Empty, new ProbeInput())], FuzzType.Double));
        }

        if (_r.Chance(0.1 * _family.Calls))
        {
            _members.Add($"""
                [CustomGradient(nameof(Scale{Tag}WithGradient))]
                public static float Scale{Tag}(float x, [NoGrad] float factor) => x * factor;
                """);
            _members.Add($$"""
                public static float Scale{{Tag}}WithGradient(float x, float factor, ref float xGrad, float outputGradient)
                {
                    xGrad += outputGradient * factor;
                    return x * factor;
                }
                """);
            _callees.Add(new FuzzCallee("Rules.Scale" + Tag, [
                new FuzzParam("x", FuzzType.Float, ParamShape.Scalar, false, string.Empty, new ProbeInput()),
                new FuzzParam("factor", FuzzType.Float, ParamShape.Scalar, true, string.Empty, new ProbeInput())], FuzzType.Float));
        }

        if (_r.Chance(0.15))
        {
            _members.Add("public static int Bucket(double v) => v > 0.5 ? 1 : 0;");
            _bucketHelper = true;
        }

        if (_r.Chance(0.1))
        {
            _members.Add("public static bool Positive(double v) => v > 0.25;");
            _positiveHelper = true;
        }
    }

    private List<FuzzParam> Parameters(bool helper)
    {
        var parameters = new List<FuzzParam>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        FuzzType real = _r.Chance(_family.Float) ? FuzzType.Float : FuzzType.Double;
        int count = helper ? _r.Int(1, 3) : _r.Int(1, 4);
        for (int i = 0; i < count; i++)
        {
            string kind = helper
                ? _r.Weighted((45, "real"), (10, "nograd"), (12, "int"), (25, "span"), (4, "in"), (4, "default"))
                : _r.Weighted((35, "real"), (6, "nograd"), (10, "int"), (6, "bool"), (12, "array"), (10, "span"), (12, "readonly"), (8, "data"), (3, "other"), (3, "in"));
            string name = ParameterName(kind, names);
            int length = _r.Pick(_lengths);
            FuzzType other = real == FuzzType.Double ? FuzzType.Float : FuzzType.Double;
            parameters.Add(kind switch
            {
                "nograd" => new FuzzParam(name, real, ParamShape.Scalar, true, string.Empty, new ProbeInput(Scalar: real.Literal(_r.Real(-1.5, 1.5)))),
                "int" => new FuzzParam(name, FuzzType.Int, ParamShape.Scalar, false, string.Empty, new ProbeInput(Scalar: _r.Int(1, 4).ToString(CultureInfo.InvariantCulture))),
                "bool" => new FuzzParam(name, FuzzType.Bool, ParamShape.Scalar, false, string.Empty, new ProbeInput(Scalar: _r.Chance(0.5) ? "true" : "false")),
                "array" => new FuzzParam(name, real, ParamShape.Array, false, string.Empty, new ProbeInput(length)),
                "span" when !helper => new FuzzParam(name, real, ParamShape.Span, false, string.Empty, new ProbeInput(length)),
                "span" or "readonly" => new FuzzParam(name, real, ParamShape.ReadOnlySpan, false, string.Empty, new ProbeInput(length)),
                "data" => new FuzzParam(name, real, ParamShape.ReadOnlySpan, true, string.Empty, new ProbeInput(Array: Enumerable.Range(0, length).Select(_ => _r.Real(-2, 2)).ToArray())),
                "other" => new FuzzParam(name, other, ParamShape.Scalar, false, string.Empty, new ProbeInput()),
                "in" => new FuzzParam(name, real, ParamShape.Scalar, false, "in ", new ProbeInput()),
                _ when kind == "default" && i == count - 1 => new FuzzParam(name, real, ParamShape.Scalar, false, string.Empty, new ProbeInput(), real.Literal(2)),
                _ => new FuzzParam(name, real, ParamShape.Scalar, false, string.Empty, new ProbeInput()),
            });
        }

        if (!parameters.Any(p => p.Element.IsFloating() && !p.NoGrad))
        {
            parameters.Insert(0, new FuzzParam(ParameterName("real", names), real, ParamShape.Scalar, false, string.Empty, new ProbeInput()));
        }

        return parameters;
    }

    private string ParameterName(string kind, HashSet<string> taken)
    {
        string[] usual = kind switch
        {
            "int" => ["n", "m", "count", "steps"],
            "bool" => ["flag", "on", "useB"],
            "array" or "span" or "readonly" => ["v", "w", "u", "weights", "xs"],
            "data" => ["data", "features", "targets", "d"],
            _ => ["x", "y", "z", "a", "b", "c"],
        };
        string name = _r.Chance(_family.OddNames) ? _r.Pick(_oddNames) : _r.Pick(usual);
        for (int suffix = 2; !taken.Add(name.TrimStart('@')); suffix++)
        {
            name = _r.Pick(usual) + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    private FuzzMethod Method(string name, bool helper, List<FuzzParam> parameters)
    {
        _scope = new FuzzScope();
        _method = name;
        _loopDepth = 0;
        _nesting = 0;
        _counter = 0;
        bool refusal = _refusalPending;
        FuzzType returnType = parameters.First(p => p.Element.IsFloating() && !p.NoGrad).Element;
        _real = returnType;
        foreach (FuzzParam p in parameters)
        {
            (int, int)? range = !helper && p.Element == FuzzType.Int && p.Input.Scalar is { } fixedValue
                ? (int.Parse(fixedValue, CultureInfo.InvariantCulture), int.Parse(fixedValue, CultureInfo.InvariantCulture))
                : null;
            _scope.Declare(new FuzzVariable(p.Name, p.Element, p.Shape)
            {
                Length = p.Input.Array?.Length ?? p.Input.Length,
                Writable = p.Shape is ParamShape.Array or ParamShape.Span,
                Inactive = p.NoGrad || !p.Element.IsFloating(),
                Range = range,
            });
        }

        bool expressionBodied = _r.Chance(helper ? 0.2 : 0.08) && !_refusalPending;
        _budget = expressionBodied ? 0 : _r.Int(2, _options.MaxStatements);
        ImmutableArray<FuzzStmt> body = expressionBodied ? [FuzzStmt.Line("return {0};", Real(_family.ExpressionDepth + 1, _real))] : TopLevel();
        string attributes = "[Differentiable]";
        if (!helper && _r.Chance(0.08) && parameters.Count(p => p.Element.IsFloating()) > 1)
        {
            // Name the differentiated parameters instead: a random non-empty subset of the floating ones.
            string[] wrt = parameters.Where(p => p.Element.IsFloating() && _r.Chance(0.6)).Select(p => "nameof(" + p.Name + ")").ToArray();
            attributes = wrt.Length == 0 ? attributes : "[Differentiable(" + string.Join(", ", wrt) + ")]";
        }

        if (refusal && _r.Chance(0.15))
        {
            (attributes, parameters) = RefusedSignature(attributes, parameters);
        }

        return new FuzzMethod(attributes, "public static", returnType, name, [.. parameters], body, expressionBodied);
    }

    /// <summary>A second method of the same name: different types, one more parameter, an <c>in</c> modifier, or a span for a scalar.</summary>
    private FuzzMethod Overload(FuzzMethod original, string target)
    {
        List<FuzzParam> parameters = [.. original.Parameters];
        int scalar = parameters.FindIndex(p => p.Shape == ParamShape.Scalar && p.Element.IsFloating() && !p.NoGrad && p.Default is null);
        string how = scalar < 0 ? "arity" : _r.OneOf("type", "arity", "in", "span");
        FuzzParam first = scalar < 0 ? parameters[0] : parameters[scalar];
        switch (how)
        {
            case "type":
                parameters[scalar] = first with { Element = first.Element == FuzzType.Double ? FuzzType.Float : FuzzType.Double, Modifier = string.Empty };
                break;
            case "in":
                parameters[scalar] = first with { Modifier = first.Modifier.Length == 0 ? "in " : string.Empty };
                break;
            case "span":
                parameters[scalar] = first with { Shape = ParamShape.ReadOnlySpan, Modifier = string.Empty, Input = new ProbeInput(_r.Pick(_lengths)) };
                break;
            default:
                parameters.Insert(parameters.Count(p => p.Default is null), new FuzzParam("extra", original.ReturnType, ParamShape.Scalar, false, string.Empty, new ProbeInput()));
                break;
        }

        _refusalPending = false;
        // Marked before the body is built: a call from the overload to the original must pick the original
        // (with 'in' for an 'in' overload), never the overload itself.
        _callees[^1] = _callees[^1] with { Overloaded = true };
        FuzzMethod overload = Method(original.Name, helper: true, parameters);
        _callees.Add(new FuzzCallee(target, overload.Parameters, overload.ReturnType, Overloaded: true));
        return overload;
    }

    private string Fresh(string prefix)
    {
        if (_r.Chance(_family.OddNames))
        {
            string odd = _r.Pick(_oddNames);
            if (_scope.CanDeclare(odd) && !_callees.Any(c => c.Target == odd))
            {
                _scope.Reserve(odd);
                return odd;
            }
        }

        string name;
        do
        {
            name = prefix + (_counter++).ToString(CultureInfo.InvariantCulture);
        }
        while (!_scope.CanDeclare(name));

        // Reserved at once: a second name handed out before the first is declared must differ from it.
        _scope.Reserve(name);
        return name;
    }
}
