using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Expressions. Each node's <see cref="FuzzExpr.Type"/> is exactly its C# type (a mixed operation has one
/// operand of the node's type), so overload resolution picks the callee the generator meant. Math functions
/// get arguments inside their domains (<c>Log(1.5 + e * e)</c>); indices are in range by construction.
/// </summary>
internal sealed partial class ProgramBuilder
{
    private static readonly double[] _literals = [0.5, 1.5, 2, 0.25, 3, -1, 0.75, 1.25, -0.5];

    private FuzzExpr Expression(FuzzType type, int depth) => type switch
    {
        FuzzType.Int => Int(depth),
        FuzzType.Bool => Bool(depth),
        FuzzType.Long or FuzzType.UInt => Wide(type, depth),
        _ => Real(depth, type),
    };

    /// <summary>A long or uint expression: conversions of ints, arithmetic and bit operators among values of its own type.</summary>
    private FuzzExpr Wide(FuzzType t, int depth)
    {
        List<FuzzVariable> own = Scalars(t).ToList();
        string suffix = t == FuzzType.Long ? "L" : "u";
        if (depth <= 0 || _r.Chance(0.3))
        {
            return _r.Weighted<Func<FuzzExpr>>(
                (2, () => FuzzExpr.Leaf(_r.Int(0, 5).ToString(CultureInfo.InvariantCulture) + suffix, t)),
                (own.Count > 0 ? 4 : 0, () => _r.Pick(own).Reference),
                (2, () => FuzzExpr.Node(Convert(t), t, Int(1))))();
        }

        int d = depth - 1;
        return _r.Weighted<Func<FuzzExpr>>(
            // No uint subtraction: two constants would underflow at compile time (CS0220).
            (4, () => FuzzExpr.Node("({0} " + (t == FuzzType.UInt ? _r.OneOf("+", "*") : _r.OneOf("+", "-", "*")) + " {1})", t, Wide(t, d), Wide(t, d))),
            (2, () => FuzzExpr.Node("({0} " + _r.OneOf("/", "%") + " " + _r.Int(2, 4).ToString(CultureInfo.InvariantCulture) + suffix + ")", t, Wide(t, d))),
            (_family.BitOps * 40, () => FuzzExpr.Node("({0} " + _r.OneOf("&", "|", "^") + " {1})", t, Wide(t, d), Wide(t, d))),
            (_family.BitOps * 40, () => FuzzExpr.Node("({0} " + _r.OneOf("<<", ">>") + " " + _r.Int(1, 3).ToString(CultureInfo.InvariantCulture) + ")", t, Wide(t, d))),
            (2, () => FuzzExpr.Node(Convert(t), t, NonConstant(d, _real))))();
    }

    /// <summary>
    /// A real expression that is not a C# constant: converting a constant such as 1.0 / 0 to an integer type
    /// does not compile (CS0221). A constant draw gets a variable added to it.
    /// </summary>
    private FuzzExpr NonConstant(int d, FuzzType t)
    {
        FuzzExpr value = Real(d, t);
        List<FuzzVariable> scalars = Scalars(t).ToList();
        return !IsConstant(value) ? value
            : scalars.Count > 0 ? FuzzExpr.Node("({0} + {1})", t, value, _r.Pick(scalars).Reference)
            : FuzzExpr.Node("Gradient.Stop({0})", t, value);
    }

    /// <summary>Whether C# folds <paramref name="expr"/> to a constant: literals under operators and casts only.</summary>
    internal static bool IsConstant(FuzzExpr expr)
    {
        string text = System.Text.RegularExpressions.Regex.Replace(expr.Format, @"\{\d\}|\((double|float|int|long|uint)\)|\b(true|false)\b|\d+(\.\d+)?(E[-+]?\d+)?[fLu]?", string.Empty);
        return !text.Any(char.IsLetter) && expr.Children.All(IsConstant);
    }

    /// <summary>A conversion to long or uint; uint goes through Abs so that no constant is negative (CS0221).</summary>
    private static string Convert(FuzzType t) => t == FuzzType.UInt ? "((uint)Math.Abs({0}))" : "((long){0})";

    private FuzzExpr Real(int depth, FuzzType t)
    {
        if (depth <= 0 || _r.Chance(0.2))
        {
            return RealLeaf(t);
        }

        int d = depth - 1;
        return _r.Weighted<Func<FuzzExpr>>(
            (30, () => Arithmetic(d, t)),
            (6, () => Division(d, t)),
            (1.5, () => _r.Chance(0.5)
                ? FuzzExpr.Node("({0} % " + t.Literal(1.75) + ")", t, Real(d, t))
                : FuzzExpr.Node("({0} % " + SafeDenominator("{1}", t) + ")", t, Real(d, t), Real(d, t))),
            (4, () => FuzzExpr.Node("(-{0})", t, Real(d, t))),
            (6, () => FuzzExpr.Node("({0} ? {1} : {2})", t, Bool(d), Real(d, t), Real(d, t))),
            (22, () => MathCall(d, t)),
            (3, () => Conversion(d, t)),
            (6 * _family.Calls, () => Call(d, t) ?? Arithmetic(d, t)),
            (3, () => FuzzExpr.Node("Gradient.Stop({0})", t, Real(d, t))))();
    }

    private FuzzExpr Arithmetic(int d, FuzzType t)
    {
        FuzzExpr left = Real(d, t);
        FuzzExpr right = _r.Chance(0.2) ? Lower(d, t) : Real(d, t);
        if (_r.Chance(0.5))
        {
            (left, right) = (right, left);
        }

        return FuzzExpr.Node("({0} " + _r.OneOf("+", "-", "*", "*") + " {1})", t, left, right);
    }

    /// <summary>An operand of a narrower type, converted implicitly by C#: an int, or a float in double code.</summary>
    private FuzzExpr Lower(int d, FuzzType t) => _r.Weighted<Func<FuzzExpr>>(
        (t == FuzzType.Double ? 3 : 0, () => Real(d, FuzzType.Float)),
        (6, () => Int(Math.Min(d, 1))),
        (Scalars(FuzzType.Long).Any() ? 1 : 0, () => Wide(FuzzType.Long, 0)),
        (Scalars(FuzzType.UInt).Any() ? 1 : 0, () => Wide(FuzzType.UInt, 0)))();

    private FuzzExpr Division(int d, FuzzType t) => _r.Weighted<Func<FuzzExpr>>(
        (4, () => FuzzExpr.Node("({0} / " + SafeDenominator("{1}", t) + ")", t, Real(d, t), Real(d, t))),
        (2, () => FuzzExpr.Node("({0} / " + t.Literal(_r.OneOf(2.5, -4.0, 0.5)) + ")", t, Real(d, t))),
        (1, () => FuzzExpr.Node("({0} / {1})", t, Real(d, t), Real(d, t))),
        (1, () => FuzzExpr.Node("({0} / {1})", t, Real(d, t), Int(Math.Min(d, 1)))))();

    /// <summary>A denominator that never vanishes, around the expression written <paramref name="placeholder"/>.</summary>
    private string SafeDenominator(string placeholder, FuzzType t) => _r.Chance(0.7)
        ? "(" + t.Literal(1.5) + " + " + placeholder + " * " + placeholder + ")"
        : "(" + t.Literal(2) + " + " + t.MathClass() + ".Cos(" + placeholder + "))";

    private FuzzExpr Conversion(int d, FuzzType t)
    {
        FuzzType from = _r.Chance(0.5) ? FuzzType.Int : t == FuzzType.Double ? FuzzType.Float : FuzzType.Double;
        return FuzzExpr.Node("((" + t.Keyword() + "){0})", t, Expression(from, d));
    }

    private FuzzExpr MathCall(int d, FuzzType t)
    {
        // Math.Sin(x), or the same static on the type itself: double.Sin(x).
        string m = _r.Chance(0.15) ? t.Keyword() : t.MathClass();
        string one5 = t.Literal(1.5);
        (string format, int arity) = _r.Weighted(
            (3, (m + ".Exp({0})", 1)),
            (1, (m + ".Exp(-{0} * {0})", 1)),
            (2, (m + ".Log(" + one5 + " + {0} * {0})", 1)),
            (1, (m + ".Log(" + m + ".Abs({0}) + " + t.Literal(0.5) + ")", 1)),
            (1, (m + ".Log2(" + one5 + " + {0} * {0})", 1)),
            (1, (m + ".Log10(" + one5 + " + {0} * {0})", 1)),
            (1, (m + ".Log(" + one5 + " + {0} * {0}, " + t.Literal(3) + ")", 1)),
            (2, (m + ".Sqrt(" + one5 + " + {0} * {0})", 1)),
            (1, (m + ".Cbrt({0})", 1)),
            (1, (m + ".Pow({0}, " + t.Literal(2) + ")", 1)),
            (1, (m + ".Pow({0}, " + t.Literal(3) + ")", 1)),
            (1, (m + ".Pow(" + one5 + " + {0} * {0}, {1})", 2)),
            (2, (m + ".Sin({0})", 1)),
            (2, (m + ".Cos({0})", 1)),
            (1, (m + ".Tan({0})", 1)),
            (2, (m + ".Atan({0})", 1)),
            (2, (m + ".Tanh({0})", 1)),
            (1, (m + ".Sinh({0})", 1)),
            (1, (m + ".Cosh({0})", 1)),
            (1, (m + ".Asin(" + t.Literal(0.9) + " * " + m + ".Tanh({0}))", 1)),
            (1, (m + ".Acos(" + t.Literal(0.9) + " * " + m + ".Tanh({0}))", 1)),
            (1, (m + ".Atan2({0}, {1})", 2)),
            (1, (m + ".Atan2({0}, " + one5 + " + {1} * {1})", 2)),
            (2, (m + ".Abs({0})", 1)),
            (2, (m + ".Max({0}, {1})", 2)),
            (2, (m + ".Min({0}, {1})", 2)),
            (1, ("Math.Clamp({0}, " + t.Literal(-1) + ", " + one5 + ")", 1)),
            (1, (m + ".FusedMultiplyAdd({0}, {1}, {2})", 3)),
            (1, (m + ".ScaleB({0}, " + _r.Int(-2, 3).ToString(CultureInfo.InvariantCulture) + ")", 1)),
            (0.5, (m + ".Floor({0})", 1)),
            (0.5, (m + ".Ceiling({0})", 1)),
            (0.5, (m + ".Round({0})", 1)),
            (0.5, (m + ".Truncate({0})", 1)));
        return new FuzzExpr(format, t, [.. Enumerable.Range(0, arity).Select(_ => Real(d, t))]);
    }

    private FuzzExpr RealLeaf(FuzzType t)
    {
        List<FuzzVariable> scalars = _scope.Visible.Where(v => !v.IsArray && v.Type == t).ToList();
        List<FuzzVariable> arrays = _scope.Visible.Where(v => v.IsArray && v.Type == t).ToList();
        return _r.Weighted<Func<FuzzExpr>>(
            (2, () => FuzzExpr.Literal(t, _r.Pick(_literals))),
            (scalars.Count > 0 ? 9 : 0, () => _r.Pick(scalars).Reference),
            (arrays.Count > 0 ? 6 : 0, () => Element(_r.Pick(arrays))))();
    }

    private FuzzExpr Element(FuzzVariable array) => FuzzExpr.Node(array.Name + "[{0}]", array.Type, Index(array));

    private FuzzExpr Int(int depth)
    {
        if (depth <= 0 || _r.Chance(0.3))
        {
            return IntLeaf();
        }

        int d = depth - 1;
        return _r.Weighted<Func<FuzzExpr>>(
            (6, () => FuzzExpr.Node("({0} " + _r.OneOf("+", "-", "*") + " {1})", FuzzType.Int, Int(d), Int(d))),
            (2, () => FuzzExpr.Node("({0} " + _r.OneOf("/", "%") + " " + _r.Int(2, 4).ToString(CultureInfo.InvariantCulture) + ")", FuzzType.Int, Int(d))),
            (_family.BitOps * 30, () => FuzzExpr.Node("({0} " + _r.OneOf("<<", ">>") + " " + _r.Int(1, 2).ToString(CultureInfo.InvariantCulture) + ")", FuzzType.Int, Int(d))),
            (_family.BitOps * 30, () => FuzzExpr.Node("({0} " + _r.OneOf("&", "|", "^") + " {1})", FuzzType.Int, Int(d), Int(d))),
            (_family.BitOps * 10, () => FuzzExpr.Node("(~{0})", FuzzType.Int, Int(d))),
            (4, () => FuzzExpr.Node("((int){0})", FuzzType.Int, NonConstant(d, _real))),
            (2, () => FuzzExpr.Node(_real.MathClass() + ".Sign({0})", FuzzType.Int, Real(d, _real))),
            (2, () => FuzzExpr.Node("Math." + _r.OneOf("Max", "Min") + "({0}, {1})", FuzzType.Int, Int(d), Int(d))),
            (2, () => FuzzExpr.Node("({0} ? {1} : {2})", FuzzType.Int, Bool(d), Int(d), Int(d))),
            (_bucketHelper ? 2 : 0, () => FuzzExpr.Node("Rules.Bucket({0})", FuzzType.Int, Real(d, FuzzType.Double))))();
    }

    private FuzzExpr IntLeaf()
    {
        List<FuzzVariable> ints = _scope.Visible.Where(v => !v.IsArray && v.Type == FuzzType.Int).ToList();
        List<FuzzVariable> arrays = _scope.Visible.Where(v => v.IsArray).ToList();
        List<FuzzVariable> intArrays = arrays.Where(v => v.Type == FuzzType.Int).ToList();
        return _r.Weighted<Func<FuzzExpr>>(
            (3, () => FuzzExpr.Literal(FuzzType.Int, _r.Int(0, 4))),
            (ints.Count > 0 ? 6 : 0, () => _r.Pick(ints).Reference),
            (arrays.Count > 0 ? 2 : 0, () => FuzzExpr.Leaf(_r.Pick(arrays).Name + ".Length", FuzzType.Int)),
            (intArrays.Count > 0 ? 2 : 0, () => Element(_r.Pick(intArrays))))();
    }

    private FuzzExpr Bool(int depth)
    {
        if (depth <= 0 || _r.Chance(0.25))
        {
            return BoolLeaf();
        }

        int d = depth - 1;
        return _r.Weighted<Func<FuzzExpr>>(
            (10, () => FuzzExpr.Node("({0} " + _r.OneOf("<", ">", "<=", ">=", "<", ">", "==", "!=") + " {1})", FuzzType.Bool, Real(d, _real), Real(d, _real))),
            (3, () => FuzzExpr.Node("({0} " + _r.OneOf("<", ">", "<=", ">=", "==", "!=") + " {1})", FuzzType.Bool, Int(d), Int(d))),
            (4, () => FuzzExpr.Node("({0} " + _r.OneOf("&&", "||") + " {1})", FuzzType.Bool, Bool(d), Bool(d))),
            (2, () => FuzzExpr.Node("(!{0})", FuzzType.Bool, Bool(d))),
            (0.5, () => FuzzExpr.Node(_real.Keyword() + ".IsFinite({0})", FuzzType.Bool, Real(d, _real))),
            (_positiveHelper ? 2 : 0, () => FuzzExpr.Node("Rules.Positive({0})", FuzzType.Bool, Real(d, FuzzType.Double))))();
    }

    private FuzzExpr BoolLeaf()
    {
        List<FuzzVariable> bools = _scope.Visible.Where(v => !v.IsArray && v.Type == FuzzType.Bool).ToList();
        return _r.Weighted<Func<FuzzExpr>>(
            (bools.Count > 0 ? 4 : 0, () => _r.Pick(bools).Reference),
            (0.5, () => FuzzExpr.Leaf(_r.Chance(0.5) ? "true" : "false", FuzzType.Bool)),
            (4, () => FuzzExpr.Node("({0} " + _r.OneOf("<", ">") + " " + _real.Literal(_r.OneOf(0.5, -0.5, 1, 0.1)) + ")", FuzzType.Bool, RealLeaf(_real))))();
    }

    /// <summary>An int expression whose value lies in [0, length) by construction.</summary>
    private FuzzExpr Index(FuzzVariable array)
    {
        int last = array.Length - 1;
        List<(FuzzVariable V, int Low, int High)> ranged = _scope.Visible
            .Where(v => v.Type == FuzzType.Int && !v.IsArray && v.Range is { } r && r.Low <= r.High)
            .Select(v => (v, v.Range!.Value.Low, v.Range!.Value.High))
            .ToList();
        var choices = new List<(double, Func<FuzzExpr>)>
        {
            (3, () => FuzzExpr.Literal(FuzzType.Int, _r.Int(0, last))),
            (3, () => new FuzzExpr("Math.Clamp({0}, 0, " + Text(last) + ")", FuzzType.Int, [Int(2)], Pinned: true)),
            (1, () => new FuzzExpr("(({0} % " + Text(array.Length) + " + " + Text(array.Length) + ") % " + Text(array.Length) + ")", FuzzType.Int, [Int(2)], Pinned: true)),
            (1, () => FuzzExpr.Node("({0} ? " + Text(_r.Int(0, last)) + " : " + Text(_r.Int(0, last)) + ")", FuzzType.Int, Bool(1))),
            (_bucketHelper && last >= 1 ? 1 : 0, () => FuzzExpr.Node("Rules.Bucket({0})", FuzzType.Int, Real(1, FuzzType.Double))),
            (last >= 2 ? 1 : 0, () => FuzzExpr.Node("(" + _real.MathClass() + ".Sign({0}) + 1)", FuzzType.Int, Real(1, _real))),
        };
        int mask = last >= 3 ? 3 : last >= 1 ? 1 : 0;
        if (mask > 0)
        {
            choices.Add((_family.BitOps * 20, () => new FuzzExpr("({0} & " + Text(mask) + ")", FuzzType.Int, [Int(2)], Pinned: true)));
        }

        if (!_options.InRangeIndices)
        {
            choices.Add((1, () => Int(1)));
        }

        foreach ((FuzzVariable v, int low, int high) in ranged)
        {
            foreach (FuzzExpr affine in Affine(v, low, high, last))
            {
                choices.Add((12.0 / Math.Max(1, ranged.Count), () => affine));
            }
        }

        return _r.Weighted(choices.ToArray())();
    }

    /// <summary>Affine forms of a ranged int that stay in [0, last]: i + c, c - i, 2 * i + c, i / 2 + c, i % n.</summary>
    private IEnumerable<FuzzExpr> Affine(FuzzVariable v, int low, int high, int last)
    {
        FuzzExpr i = v.Reference;
        if (-low <= last - high)
        {
            int c = _r.Int(-low, last - high);
            yield return c == 0 ? i : FuzzExpr.Node("({0} " + (c > 0 ? "+ " : "- ") + Text(Math.Abs(c)) + ")", FuzzType.Int, i);
        }

        if (high <= last + low)
        {
            yield return FuzzExpr.Node("(" + Text(_r.Int(high, last + low)) + " - {0})", FuzzType.Int, i);
        }

        if (-2 * low <= last - (2 * high))
        {
            int c = _r.Int(-2 * low, last - (2 * high));
            yield return FuzzExpr.Node("(2 * {0} + " + Text(c) + ")", FuzzType.Int, i);
        }

        if (low >= 0 && -(low / 2) <= last - (high / 2))
        {
            yield return FuzzExpr.Node("({0} / 2 + " + Text(_r.Int(-(low / 2), last - (high / 2))) + ")", FuzzType.Int, i);
        }

        if (low >= 0)
        {
            yield return FuzzExpr.Node("({0} % " + Text(last + 1) + ")", FuzzType.Int, i);
        }
    }

    /// <summary>A value the gradient ignores: a literal, a stopped expression, an int, or a [NoGrad] scalar.</summary>
    private FuzzExpr Inactive(FuzzType t, int d)
    {
        List<FuzzVariable> data = _scope.Visible.Where(v => !v.IsArray && v.Type == t && v.Inactive).ToList();
        return _r.Weighted<Func<FuzzExpr>>(
            (4, () => FuzzExpr.Literal(t, _r.OneOf(0.1, 0.5, 1.0, 2.0))),
            (3, () => FuzzExpr.Node("Gradient.Stop({0})", t, Real(d, t))),
            (data.Count > 0 ? 3 : 0, () => _r.Pick(data).Reference),
            (1, () => FuzzExpr.Node("((" + t.Keyword() + "){0})", t, Int(d))))();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
