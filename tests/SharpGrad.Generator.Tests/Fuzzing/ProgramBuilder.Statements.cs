using System.Collections.Immutable;
using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>Statements: declarations, assignments, element writes, branches, loops, jumps and returns.</summary>
internal sealed partial class ProgramBuilder
{
    private ImmutableArray<FuzzStmt> TopLevel()
    {
        var statements = new List<FuzzStmt>();
        _reaching.Clear();
        if (_family.Edges && _r.Chance(0.3))
        {
            // An early return before a top-level local array.
            statements.Add(FuzzStmt.If(Bool(2), [FuzzStmt.Line("return {0};", Real(2, _real))], []));
        }

        int arrays = _r.Chance(0.25 * _family.Arrays) ? _r.Int(1, 2) : 0;
        for (int a = 0; a < arrays; a++)
        {
            statements.Add(LocalArray());
        }

        if (_refusalPending)
        {
            _refusalPending = false;
            statements.AddRange(Unsupported());
        }

        if (_family.Edges && _r.Chance(0.3))
        {
            statements.AddRange(Edge());
        }

        statements.AddRange(Statements());
        statements.Add(FuzzStmt.Line("return {0};", Result()));
        return [.. statements];
    }

    /// <summary>The final value: an expression plus the locals and written arrays the body computed (a layer nest's total among them when one is visible), so that its work reaches the result.</summary>
    private FuzzExpr Result()
    {
        FuzzExpr result = Real(_family.ExpressionDepth, _real);
        List<FuzzVariable> live = _scope.Visible.Where(v => v.Type == _real && v.Writable).ToList();
        _r.Shuffle(live);
        List<FuzzVariable> reaching = live.Where(v => _reaching.Contains(v.Name)).Take(1).ToList();
        foreach (FuzzVariable v in reaching.Concat(live.Except(reaching).Take(_r.Int(0, 3))))
        {
            FuzzExpr term = v.IsArray ? Element(v) : v.Reference;
            result = _r.Chance(0.7)
                ? FuzzExpr.Node("({0} + {1})", _real, result, term)
                : FuzzExpr.Node("({0} * {1})", _real, result, term);
        }

        return result;
    }

    private ImmutableArray<FuzzStmt> Block()
    {
        _scope.Push();
        _nesting++;
        List<FuzzStmt> statements = Statements(_r.Int(1, 3));
        _nesting--;
        _scope.Pop();
        return [.. statements];
    }

    private List<FuzzStmt> Statements(int? count = null)
    {
        var statements = new List<FuzzStmt>();
        int n = count ?? _r.Int(1, Math.Max(1, _budget));
        for (int i = 0; i < n && _budget > 0; i++)
        {
            _budget--;
            FuzzStmt statement = Statement();
            statements.AddRange(_preceding);
            _preceding.Clear();
            statements.Add(statement);
            if (statement.IsJump)
            {
                break;
            }
        }

        return statements;
    }

    private FuzzStmt Statement()
    {
        bool hasLocals = Assignable().Any();
        bool hasArrays = _scope.Visible.Any(v => v.IsArray && v.Writable);
        bool inLoop = _loopDepth > 0;
        return _r.Weighted<Func<FuzzStmt>>(
            (25, Declaration),
            (hasLocals ? 22 : 0, Assignment),
            (hasLocals ? 4 : 0, Increment),
            (hasArrays ? 12 * _family.Arrays : 0, ElementWrite),
            (10, If),
            (_loopDepth < 3 ? 11 * _family.Control : 0, For),
            (_loopDepth < 2 ? 4 * _family.Control : 0, While),
            (inLoop ? 3 * _family.Control : 0, Jump),
            (2 * _family.Control, EarlyReturn),
            ((_nesting == 0 ? 3 : 1) * _family.Arrays, LocalArray),
            (hasArrays || _scope.Visible.Any(v => v.IsArray) ? 4 * _family.Idioms : 0, IdiomBlock),
            (VectorOutputs().Any() ? 3 * _family.Arrays : 0, VectorCall))();
    }

    /// <summary>An idiom's last statement; the ones before it (declarations) go first, through <see cref="_preceding"/>.</summary>
    private FuzzStmt IdiomBlock()
    {
        List<FuzzStmt> statements = Idiom().ToList();
        _preceding.AddRange(statements.Take(statements.Count - 1));
        return statements[^1];
    }

    private IEnumerable<FuzzVariable> Assignable() => _scope.Visible.Where(v => !v.IsArray && v.Writable);

    private FuzzStmt Declaration()
    {
        FuzzType type = _r.Weighted((50, _real), (8, _real == FuzzType.Double ? FuzzType.Float : FuzzType.Double), (25, FuzzType.Int), (15, FuzzType.Bool), (3, FuzzType.Long), (2, FuzzType.UInt));
        FuzzExpr value = Expression(type, _r.Int(1, _family.ExpressionDepth));
        string name = Fresh(type switch { FuzzType.Int or FuzzType.Long or FuzzType.UInt => "k", FuzzType.Bool => "b", _ => "t" });
        _scope.Declare(new FuzzVariable(name, type) { Writable = true });
        return FuzzStmt.Line(type.Keyword() + " " + name + " = {0};", value);
    }

    private FuzzStmt Assignment()
    {
        FuzzVariable target = _r.Pick(Assignable().ToList());
        FuzzExpr value = Expression(target.Type, _r.Int(1, _family.ExpressionDepth));
        string name = target.Name;
        string op = target.Type switch
        {
            FuzzType.Int or FuzzType.Long or FuzzType.UInt when _r.Chance(_family.BitOps * 3) => _r.OneOf("<<=", ">>=", "&=", "|=", "^="),
            FuzzType.Int or FuzzType.Long or FuzzType.UInt => _r.OneOf("=", "=", "+=", "-=", "*=", "%="),
            FuzzType.Bool => _r.Chance(_family.BitOps * 10) ? _r.OneOf("&=", "|=") : "=",
            _ => _r.OneOf("=", "=", "+=", "-=", "*=", "/="),
        };
        return (op, target.Type) switch
        {
            ("%=", _) => FuzzStmt.Line(name + " %= " + _r.Int(2, 5).ToString(CultureInfo.InvariantCulture) + ";"),
            ("<<=" or ">>=", _) => FuzzStmt.Line(name + " " + op + " " + _r.Int(1, 2).ToString(CultureInfo.InvariantCulture) + ";"),
            ("/=", _) => FuzzStmt.Line(name + " /= " + SafeDenominator("{0}", target.Type) + ";", value),
            _ => FuzzStmt.Line(name + " " + op + " {0};", value),
        };
    }

    private FuzzStmt Increment()
    {
        List<FuzzVariable> targets = Assignable().Where(v => v.Type != FuzzType.Bool).ToList();
        return targets.Count == 0
            ? Declaration()
            : FuzzStmt.Line(_r.OneOf("{0}++;", "{0}--;", "++{0};", "--{0};").Replace("{0}", _r.Pick(targets).Name, StringComparison.Ordinal));
    }

    private FuzzStmt ElementWrite()
    {
        FuzzVariable array = _r.Pick(_scope.Visible.Where(v => v.IsArray && v.Writable).ToList());
        FuzzExpr index = Index(array);
        FuzzExpr value = Expression(array.Type, _r.Int(1, _family.ExpressionDepth));
        string element = array.Name + "[{0}]";
        return array.Type switch
        {
            FuzzType.Bool => FuzzStmt.Line(element + " = {1};", index, value),
            _ => _r.Weighted(
                (5, FuzzStmt.Line(element + " = {1};", index, value)),
                (4, FuzzStmt.Line(element + " += {1};", index, value)),
                (1, FuzzStmt.Line(element + " -= {1};", index, value)),
                (2, FuzzStmt.Line(element + " *= {1};", index, value)),
                (1, FuzzStmt.Line(element + "++;", index))),
        };
    }

    private FuzzStmt If()
    {
        FuzzExpr condition = Bool(_r.Int(1, 3));
        ImmutableArray<FuzzStmt> then = Block();
        ImmutableArray<FuzzStmt> otherwise = _r.Weighted<Func<ImmutableArray<FuzzStmt>>>(
            (5, () => []),
            (4, Block),
            (1, () => [If()]))();
        return FuzzStmt.If(condition, then, otherwise);
    }

    private FuzzStmt Jump()
    {
        FuzzStmt jump = FuzzStmt.Line(_r.Chance(0.5) ? "break;" : "continue;");
        return _r.Chance(0.8) ? FuzzStmt.If(Bool(2), [jump], []) : jump;
    }

    private FuzzStmt EarlyReturn() => FuzzStmt.If(Bool(2), [FuzzStmt.Line("return {0};", Real(2, _real))], []);

    private FuzzStmt LocalArray()
    {
        FuzzType element = _r.Weighted((8, _real), (1, FuzzType.Int), (1, _real == FuzzType.Double ? FuzzType.Float : FuzzType.Double));
        (string lengthText, int length) = _r.Weighted(
            (4, (string.Empty, _r.Pick(_lengths))),
            (2, ((string, int))ArrayLength()));
        lengthText = lengthText.Length == 0 ? length.ToString(CultureInfo.InvariantCulture) : lengthText;
        string name = Fresh("buf");
        bool stack = _r.Chance(0.3);
        _scope.Declare(new FuzzVariable(name, element, stack ? ParamShape.Span : ParamShape.Array) { Length = length, Writable = true });
        string keyword = element.Keyword();
        return FuzzStmt.Line(stack
            ? $"Span<{keyword}> {name} = stackalloc {keyword}[{lengthText}];"
            : $"{keyword}[] {name} = new {keyword}[{lengthText}];");
    }

    /// <summary>A length written as an existing array's length (plus or minus one), falling back to a literal.</summary>
    private (string Text, int Value) ArrayLength()
    {
        List<FuzzVariable> arrays = _scope.Visible.Where(v => v.IsArray).ToList();
        if (arrays.Count == 0)
        {
            int n = _r.Pick(_lengths);
            return (n.ToString(CultureInfo.InvariantCulture), n);
        }

        FuzzVariable array = _r.Pick(arrays);
        return _r.Weighted(
            (3, (array.Name + ".Length", array.Length)),
            (1, (array.Name + ".Length + 1", array.Length + 1)),
            (array.Length > 2 ? 1 : 0, (array.Name + ".Length - 1", array.Length - 1)));
    }

    private FuzzStmt For()
    {
        (string bound, int max) = LoopBound();
        string index = LoopIndexName();
        int start = _r.Weighted((6, 0), (2, 1), (1, Math.Max(0, max - 2)));
        int step = _r.Weighted((6, 1), (2, 2), (1, 3));
        string increment = step == 1 ? index + "++" : index + " += " + step.ToString(CultureInfo.InvariantCulture);
        string decrement = step == 1 ? index + "--" : index + " -= " + step.ToString(CultureInfo.InvariantCulture);
        string s = start.ToString(CultureInfo.InvariantCulture);
        (string header, int lo, int hi) = _r.Weighted(
            (8, ($"for (int {index} = {s}; {index} < {bound}; {increment})", start, max - 1)),
            (2, ($"for (int {index} = {s}; {index} <= {bound} - 1; {increment})", start, max - 1)),
            (2, ($"for (int {index} = {s}; {index} <= {bound}; {increment})", start, max)),
            (3, ($"for (int {index} = {bound} - 1; {index} >= {s}; {decrement})", start, max - 1)),
            (1, ($"for (int {index} = {bound}; {index} > {s}; {decrement})", start + 1, max)),
            (_family.Edges ? 2 : 0.2, ($"for (int {index} = {s}; {bound} > {index}; {increment})", start, max - 1)),
            (_family.Edges ? 1 : 0.1, ($"for (int {index} = {bound} - 1; {s} <= {index}; {decrement})", start, max - 1)));
        _scope.Push();
        _scope.Declare(new FuzzVariable(index, FuzzType.Int) { Range = (lo, hi) });
        _loopDepth++;
        ImmutableArray<FuzzStmt> body = Block();
        _loopDepth--;
        _scope.Pop();
        return FuzzStmt.Loop(header, body);
    }

    private string LoopIndexName()
    {
        foreach (string name in new[] { "i", "j", "k", "m", "p", "q" })
        {
            if (_scope.CanDeclareInChild(name) && !_r.Chance(_family.OddNames))
            {
                return name;
            }
        }

        return Fresh("i");
    }

    /// <summary>A bound whose largest value is known: a literal, a length, a fixed int parameter, an outer index, a clamped int.</summary>
    private (string Text, int Max) LoopBound()
    {
        int literal = _r.Int(1, 5);
        var choices = new List<(double, (string, int))> { (3, (literal.ToString(CultureInfo.InvariantCulture), literal)) };
        foreach (FuzzVariable v in _scope.Visible)
        {
            if (v.IsArray)
            {
                choices.Add((4, (v.Name + ".Length", v.Length)));
                if (v.Length > 1)
                {
                    choices.Add((1, (v.Name + ".Length - 1", v.Length - 1)));
                }
            }
            else if (v.Type == FuzzType.Int && v.Range is { } range && range.High <= 6)
            {
                choices.Add((2, (v.Name, range.High)));
                choices.Add((0.5, (v.Name + " + 1", range.High + 1)));
            }
            else if (v.Type == FuzzType.Int && v.Writable)
            {
                int cap = _r.Int(2, 4);
                choices.Add((1, ("Math.Min(" + v.Name + ", " + cap.ToString(CultureInfo.InvariantCulture) + ")", cap)));
            }
        }

        return _r.Weighted(choices.ToArray());
    }

    /// <summary>A while or do loop whose trip count depends on data, bounded by a counter the body increments first.</summary>
    private FuzzStmt While()
    {
        string counter = Fresh("w");
        int limit = _r.Int(1, 5);
        string l = limit.ToString(CultureInfo.InvariantCulture);
        _scope.Declare(new FuzzVariable(counter, FuzzType.Int) { Range = (0, limit) });
        _loopDepth++;
        FuzzExpr condition = Bool(2);
        ImmutableArray<FuzzStmt> body = Block();
        _loopDepth--;
        string prelude = "int " + counter + " = 0;";
        string prefix = counter + "++;";
        return _r.Chance(0.7)
            ? FuzzStmt.Loop("while (" + counter + " < " + l + " && {0})", body, prelude, prefix, condition)
            : FuzzStmt.DoWhile("while (" + counter + " < " + l + " && {0});", body, prelude, prefix, condition);
    }
}
