using System.Collections.Immutable;
using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Adversarial injections: constructs the documentation says are refused (each must give an SG error inside
/// the method), and constructs near known weak spots of the generator, which must be differentiated correctly.
/// </summary>
internal sealed partial class ProgramBuilder
{
    /// <summary>Statements using one construct SharpGrad must refuse, accumulating into a fresh local.</summary>
    private IEnumerable<FuzzStmt> Unsupported()
    {
        string local = Fresh("u");
        _scope.Declare(new FuzzVariable(local, _real) { Writable = true });
        string x = Scalars(_real).FirstOrDefault()?.Name ?? _real.Literal(1);
        string k = Scalars(FuzzType.Int).FirstOrDefault()?.Name ?? "1";
        string? array = Arrays(_real).FirstOrDefault()?.Name;
        string q = Fresh("q");
        _scope.Reserve(q);
        string r = Fresh("r");
        _scope.Reserve(r);
        string t = _real.Keyword();
        string one = _real.Literal(1);
        string two = _real.Literal(2);
        yield return FuzzStmt.Line($"{t} {local} = {one};");
        string line = _r.OneOf(
            array is null ? $"foreach (int {q} in new int[] {{ 1, 2 }}) {{ {local} += {q}; }}" : $"foreach ({t} {q} in {array}) {{ {local} += {q}; }}",
            $"switch ({k}) {{ case 0: {local} += {x}; break; default: {local} *= {two}; break; }}",
            $"lock (typeof(Rules.Helpers{Tag})) {{ {local} += {x}; }}",
            $"try {{ {local} += {x}; }} catch (Exception) {{ {local} = {one}; }}",
            $"if ({x} > 1e9) {{ throw new InvalidOperationException(); }}",
            $"{local} += {x};\ngoto done{Tag};\ndone{Tag}:\n{local} *= {two};",
            $"{t} {q}({t} {r}) => {r} * {r};\n{local} += {q}({x});",
            $"Func<{t}, {t}> {q} = {r} => {r} * {r};\n{local} += {q}({x});",
            $"{local} += System.Linq.Enumerable.Count(new int[] {{ 1, 2 }});",
            $"long {q} = 3;\n{local} += {q} * {x};",
            $"uint {q} = 3u;\n{local} += {q} * {x};",
            $"string {q} = \"ab\";\n{local} += {q}.Length * {x};",
            $"decimal {q} = 1.5m;\n{local} += ({t}){q} * {x};",
            $"{local} += Rules.Field{Tag} * {x};",
            $"Rules.Field{Tag} = {x};",
            $"{t} {q} = {one};\n{local} += ({q} = {x}) * {two};",
            $"int {q} = 0;\n{local} += {q}++ * {x};",
            $"{t}[] {q} = {{ {one}, {two} }};\n{local} += {q}[0] * {x};",
            $"for (int {q} = 0; {q} < 2; {q}++) {{ {t}[] {r} = new {t}[2]; {r}[0] = {x}; {local} += {r}[0]; }}",
            $"{local} += {x}.CompareTo({one}) * {x};",
            $"({t} {q}, {t} {r}) = ({x}, {two});\n{local} += {q} * {r};",
            $"{local} += {k} switch {{ 0 => {x}, _ => {two} }};",
            $"{local} += ({t})Math.Round({x}, 2);",
            $"{local} += ({t})Math.BitDecrement({x});",
            $"for (;;) {{ {local} += {x}; break; }}",
            $"for (int {q} = 0, {r} = 0; {q} < 2; {q}++) {{ {local} += {x}; }}",
            $"for ({t} {q} = 0; {q} < 2; {q}++) {{ {local} += {x}; }}",
            $"for (int {q} = 0; {q} < 3; {q}++) {{ {q} += 0; {local} += {x}; }}",
            $"ref {t} {q} = ref {local};\n{q} += {x};",
            $"{local} += {x} is > 1 ? {x} : {one};",
            $"{local} += nameof({local}).Length * {x};",
            $"{local} += Rules.Helpers{Tag}.Twice({x});",
            $"{local} += new Rules.Helpers{Tag}().Scale * {x};");
        if (line.Contains("Field" + Tag, StringComparison.Ordinal))
        {
            _members.Add($"public static {t} Field{Tag} = {two};");
        }

        if (line.Contains("Helpers" + Tag, StringComparison.Ordinal))
        {
            _members.Add($$"""
                public class Helpers{{Tag}}
                {
                    public {{t}} Scale => {{two}};

                    public static {{t}} Twice({{t}} v) => v * {{two}};
                }
                """);
        }

        yield return FuzzStmt.Line(line);
    }

    /// <summary>Attributes and signatures that must be refused: unknown wrt names, ref parameters, generic methods.</summary>
    private (string Attributes, List<FuzzParam> Parameters) RefusedSignature(string attributes, List<FuzzParam> parameters)
    {
        switch (_r.Int(0, 2))
        {
            case 0:
                return ("[Differentiable(\"nope\")]", parameters);
            case 1 when _method.StartsWith('F'):
                int scalar = parameters.FindIndex(p => p.Shape == ParamShape.Scalar && p.Modifier.Length == 0 && p.Default is null);
                if (scalar >= 0)
                {
                    parameters[scalar] = parameters[scalar] with { Modifier = "ref " };
                }

                return (attributes, parameters);
            default:
                return (attributes, parameters.Select(p => p.Element.IsFloating() ? p with { NoGrad = true } : p).ToList());
        }
    }

    /// <summary>Constructs near the generator's known weak spots, which it must differentiate correctly.</summary>
    private IEnumerable<FuzzStmt> Edge()
    {
        List<FuzzVariable> arrays = _scope.Visible.Where(v => v.IsArray && v.Writable && v.Type == _real).ToList();
        string t = _real.Keyword();
        string b = Fresh("b");
        string s = Fresh("t");
        string i = LoopIndexName();
        _scope.Reserve(i);
        int length = arrays.Count > 0 ? arrays[0].Length : _r.Pick(_lengths);
        string n = length.ToString(CultureInfo.InvariantCulture);
        switch (_r.Int(0, 2))
        {
            case 0:
                // A bool flipped in a loop and read by ?:.
                yield return FuzzStmt.Line("bool " + b + " = {0};", Bool(2));
                yield return FuzzStmt.Line(t + " " + s + " = {0};", Real(1, _real));
                yield return FuzzStmt.Loop($"for (int {i} = 0; {i} < {n}; {i}++)", [
                    FuzzStmt.Line(b + " = !" + b + ";"),
                    FuzzStmt.Line(s + " += " + b + " ? {0} : {1};", Real(2, _real), Real(1, _real))]);
                _scope.Declare(new FuzzVariable(b, FuzzType.Bool) { Writable = true });
                break;
            case 1 when arrays.Count > 0:
                // An int index overwritten every iteration, used to write an element.
                string k = Fresh("k");
                yield return FuzzStmt.Line("int " + k + " = 0;");
                yield return FuzzStmt.Loop($"for (int {i} = 0; {i} < {n}; {i}++)", [
                    FuzzStmt.Line($"{k} = ({k} + {i} + 1) % {n};"),
                    FuzzStmt.Line(arrays[0].Name + "[" + k + "] += {0} * " + arrays[0].Name + "[" + i + "];", Real(2, _real))]);
                _scope.Declare(new FuzzVariable(k, FuzzType.Int) { Writable = true });
                yield break;
            default:
                // NaN through Abs, Max and Sqrt of a negative number.
                yield return FuzzStmt.Line(t + " " + s + " = " + _real.MathClass() + ".Abs(" + _real.MathClass() + ".Sqrt(" + _real.Literal(-1) + " - {0} * {0})) + {1};", Real(1, _real), Real(2, _real));
                break;
        }

        _scope.Declare(new FuzzVariable(s, _real) { Writable = true });
    }
}
