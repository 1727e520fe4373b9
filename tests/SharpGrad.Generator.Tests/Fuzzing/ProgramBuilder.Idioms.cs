using System.Collections.Immutable;
using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The loops models are made of, which the generator turns into kernel calls: dot products
/// <c>acc += a[i + p] * b[i + q]</c>, scaled accumulations <c>y[i + p] += s * x[i + q]</c> (also aliased,
/// subtracted, unscaled, stepped and descending), flat matrix-vector layers <c>w[r * C + c] * x[c]</c>, and sample
/// losses (a loop over rows summing a per-row error of a dot product into a total, which fusion may take), and layers
/// written sample by sample (a loop over samples around a loop over rows of dot products, which become matrix products),
/// and element-wise sums over a whole array bounded by its <c>Length</c>, plain or branching on each element.
/// Offsets are chosen so that every index is in range.
/// </summary>
internal sealed partial class ProgramBuilder
{
    private IEnumerable<FuzzStmt> Idiom()
    {
        List<FuzzVariable> arrays = Arrays(_real).ToList();
        List<FuzzVariable> writable = arrays.Where(a => a.Writable).ToList();
        if (arrays.Count == 0)
        {
            return [Declaration()];
        }

        return _r.Weighted<Func<IEnumerable<FuzzStmt>>>(
            (4, () => DotProduct(_r.Pick(arrays), _r.Pick(arrays))),
            (writable.Count > 0 ? 4 : 0, () => ScaledAccumulation(_r.Pick(writable), _r.Pick(arrays))),
            (2, () => MatrixVector(_r.Pick(arrays), _r.Pick(arrays))),
            (3, () => SampleLoss(_r.Pick(arrays), _r.Pick(arrays))),
            (3, () => LayerNest(_r.Pick(arrays.Any(a => !a.Inactive) ? arrays.Where(a => !a.Inactive).ToList() : arrays), _r.Pick(arrays))),
            (3, () => RecurrentCell(_r.Pick(arrays), _r.Pick(arrays))),
            (3, () => WholeArrayMap(_r.Pick(arrays))),
            (3, () => ElementBranch(_r.Pick(arrays))))();
    }

    /// <summary>
    /// A loss that branches on each element (a Huber, hinge or inline leaky ReLU shape): the reverse branches on the
    /// condition again instead of recording it where that rounds alike in vector and scalar code (not after a fused
    /// multiply-add or an exp), and the loops then run as selects in vector lanes.
    /// </summary>
    private IEnumerable<FuzzStmt> ElementBranch(FuzzVariable x)
    {
        string acc = Fresh("acc"), e = Fresh("e");
        string i = LoopIndexName();
        _scope.Reserve(i);
        string m = _real.MathClass(), t = _real.Keyword();
        string xi = x.Name + "[" + i + "]";
        string value = _r.OneOf($"{xi} - {_real.Literal(0.5)}", $"{xi} * {_real.Literal(1.5)}", $"{xi} * {_real.Literal(0.75)} - {_real.Literal(0.25)}", $"{m}.Exp({xi}) - {_real.Literal(1)}");
        string condition = _r.OneOf($"{m}.Abs({e}) <= {_real.Literal(1)}", $"{e} > 0", $"{e} < {_real.Literal(0.5)} && {xi} > {_real.Literal(-1)}", $"!({e} >= {_real.Literal(0.25)})");
        string then = _r.OneOf($"{_real.Literal(0.5)} * {e} * {e}", $"{m}.Tanh({e})", e);
        string otherwise = _r.OneOf($"{m}.Abs({e}) - {_real.Literal(0.5)}", $"{_real.Literal(0.1)} * {e}", $"{m}.Exp(-{e} * {e})");
        ImmutableArray<FuzzStmt> body = _r.Chance(0.3)
            ? [FuzzStmt.Line($"{t} {e} = {value};"), FuzzStmt.Line($"if ({condition}) {acc} += {then};")]
            : [FuzzStmt.Line($"{t} {e} = {value};"), FuzzStmt.Line($"if ({condition}) {acc} += {then}; else {acc} += {otherwise};")];
        yield return FuzzStmt.Line(t + " " + acc + " = 0;");
        yield return FuzzStmt.Loop($"for (int {i} = 0; {i} < {x.Name}.Length; {i}++)", body);
        _scope.Declare(new FuzzVariable(acc, _real) { Writable = true });
    }

    /// <summary>
    /// <c>acc += f(x[i])</c> for <c>i</c> from 0 to <c>x.Length</c> (W4's shape): the loop that, when it is the first
    /// to write the gradient buffer, writes it over its old contents under <c>accumulate: false</c>, with one term or
    /// several per element (one update of the buffer's element, or a load and a store), and sometimes a
    /// <c>break</c> that leaves later elements unwritten, so that the buffer must be cleared first instead.
    /// </summary>
    private IEnumerable<FuzzStmt> WholeArrayMap(FuzzVariable x)
    {
        string acc = Fresh("acc");
        string i = LoopIndexName();
        _scope.Reserve(i);
        string m = _real.MathClass();
        string xi = x.Name + "[" + i + "]";
        string term = _r.OneOf(
            $"{m}.Tanh({_real.Literal(0.75)} * {xi} - {_real.Literal(0.25)}) * {m}.Exp(-{xi})",
            $"{xi} * {xi}",
            $"{m}.Sin({xi}) * {_real.Literal(0.5)}",
            $"{m}.Log({_real.Literal(1.5)} + {xi} * {xi})");
        var body = new List<FuzzStmt>();
        if (_r.Chance(0.2))
        {
            body.Add(FuzzStmt.Line($"if ({acc} > {_real.Literal(3)}) break;"));
        }

        body.Add(FuzzStmt.Line(_r.Weighted((3, $"{acc} += {term};"), (1, $"{acc} = {acc} + {term} * {term};"), (1, $"{acc} -= {term};"))));
        yield return FuzzStmt.Line(_real.Keyword() + " " + acc + " = 0;");
        yield return FuzzStmt.Loop($"for (int {i} = 0; {i} < {x.Name}.Length; {i}++)", [.. body]);
        _scope.Declare(new FuzzVariable(acc, _real) { Writable = true });
    }

    /// <summary>
    /// <c>total += error(z)</c> over rows, with <c>z = bias + Σ_c w[r * C + c] · x[c]</c> and the per-row values
    /// overwritten each row (what fusion and its removal of per-row records handle), in the shapes W1 and W3 have.
    /// </summary>
    private IEnumerable<FuzzStmt> SampleLoss(FuzzVariable w, FuzzVariable x)
    {
        int columns = _r.Int(1, Math.Min(w.Length, x.Length));
        int rows = w.Length / columns;
        string total = Fresh("total"), z = Fresh("z"), e = Fresh("e");
        string r = LoopIndexName();
        _scope.Reserve(r);
        string c = Fresh("c");
        _scope.Reserve(c);
        string t = _real.Keyword(), m = _real.MathClass();
        string error = _r.OneOf(
            $"{z} - {x.Name}[{r} % {Text(x.Length)}]",
            $"Functions.Sigmoid({z})",
            $"{m}.Tanh({z})",
            $"Functions.Relu({z}) * {_real.Literal(0.5)}");
        string accumulate = _r.Weighted(
            (4, $"{total} += {e} * {e};"),
            (2, $"{total} -= {m}.Log({_real.Literal(1.5)} + {e} * {e});"),
            (1, $"{total} = {total} + {e} * {z};"),
            (1, $"{total} += {e};"));
        yield return FuzzStmt.Line($"{t} {total} = 0;");
        yield return FuzzStmt.Line($"{t} {z} = 0;");
        yield return FuzzStmt.Line($"{t} {e} = 0;");
        yield return FuzzStmt.Loop($"for (int {r} = 0; {r} < {Text(rows)}; {r}++)", [
            FuzzStmt.Line(z + " = {0};", Real(1, _real)),
            FuzzStmt.Loop($"for (int {c} = 0; {c} < {Text(columns)}; {c}++)", [FuzzStmt.Line($"{z} += {w.Name}[{r} * {Text(columns)} + {c}] * {x.Name}[{c}];")]),
            FuzzStmt.Line($"{e} = {error};"),
            FuzzStmt.Line(accumulate)]);
        _scope.Declare(new FuzzVariable(total, _real) { Writable = true });
        _scope.Declare(new FuzzVariable(z, _real) { Writable = true });
        _scope.Declare(new FuzzVariable(e, _real) { Writable = true });
    }

    /// <summary>
    /// <c>total += act(z)</c> over samples <c>i</c> and rows <c>k</c>, with <c>z = bias + Σ_c w[k * C + c] · x[i * C + c + o]</c>:
    /// a layer written sample by sample, whose dot products and weight-gradient updates become matrix products, with
    /// the sample loop in any kernel header shape (from 0 or 1, descending, stepped).
    /// </summary>
    private IEnumerable<FuzzStmt> LayerNest(FuzzVariable w, FuzzVariable x)
    {
        int columns = _r.Int(1, Math.Min(w.Length, x.Length));
        int rows = w.Length / columns;
        int offset = _r.Int(0, x.Length - columns);
        int samples = (x.Length - offset) / columns;
        int start = _r.Int(0, Math.Min(1, samples - 1));
        string total = Fresh("total"), z = Fresh("z");
        (string header, string i, _) = KernelLoop(samples - start, start);
        _scope.Reserve(i);
        string k = Fresh("k");
        _scope.Reserve(k);
        string c = Fresh("c");
        _scope.Reserve(c);
        string t = _real.Keyword(), m = _real.MathClass();
        string activation = _r.OneOf($"{m}.Tanh({z})", $"Functions.Sigmoid({z})", $"Functions.Relu({z})", $"{z} * {z}");
        string accumulate = _r.Weighted(
            (4, $"{total} += {activation};"),
            (1, $"{total} -= {activation} * {_real.Literal(0.5)};"),
            (1, $"{total} = {total} + {activation} * {z};"));
        string sample = At($"{i} * {Text(columns)} + {c}", offset);
        yield return FuzzStmt.Line($"{t} {total} = 0;");
        yield return FuzzStmt.Line($"{t} {z} = 0;");
        yield return FuzzStmt.Loop(header, [
            FuzzStmt.Loop($"for (int {k} = 0; {k} < {Text(rows)}; {k}++)", [
                FuzzStmt.Line(z + " = {0};", Real(1, _real)),
                FuzzStmt.Loop($"for (int {c} = 0; {c} < {Text(columns)}; {c}++)", [FuzzStmt.Line($"{z} += {w.Name}[{k} * {Text(columns)} + {c}] * {x.Name}[{sample}];")]),
                FuzzStmt.Line(accumulate)])]);
        _scope.Declare(new FuzzVariable(total, _real) { Writable = true });
        _scope.Declare(new FuzzVariable(z, _real) { Writable = true });
        _reaching.Add(total);
    }

    /// <summary>
    /// An LSTM's cell, steps over layers over units: a gate computed from elements of a local state <c>h</c> that the
    /// iteration then overwrites (<c>h[off + u]</c>, and the next unit's <c>h[off + u + 1]</c>), the element written
    /// through an offset the layer loop sets, and the total reading the new element, the gate, or both (where the
    /// reverse needs the gate before it restores the element). The shapes in which the reverse loop computes the gate
    /// again after the restores, or the index from the offset, instead of recording them.
    /// </summary>
    private IEnumerable<FuzzStmt> RecurrentCell(FuzzVariable w, FuzzVariable x)
    {
        int units = _r.Int(1, 5), layers = _r.Int(1, 2), steps = _r.Int(1, 3);
        string h = Fresh("h"), total = Fresh("total"), gate = Fresh("gate"), offset = Fresh("off");
        string fill = Fresh("f"), step = Fresh("s"), layer = Fresh("l"), u = Fresh("u");
        foreach (string index in new[] { offset, fill, step, layer, u })
        {
            _scope.Reserve(index);
        }

        string t = _real.Keyword(), m = _real.MathClass();
        string at = $"{h}[{offset} + {u}]";
        string input = $"{at} * {w.Name}[{u} % {Text(w.Length)}] + {_real.Literal(0.5)} * {h}[{offset} + {u} + 1]";
        string activation = _r.OneOf($"Functions.Sigmoid({input})", $"{m}.Tanh({input})");
        string update = _r.OneOf($"{gate} * {m}.Tanh({at})", $"{gate} + {_real.Literal(0.5)} * {at}", $"{at} * {gate}");
        string read = _r.Weighted((3, $"{total} += {at};"), (1, $"{total} += {at} * {gate};"), (1, $"{total} += {gate};"));
        int length = (layers * units) + 1;
        yield return FuzzStmt.Line($"{t}[] {h} = new {t}[{Text(length)}];");
        yield return FuzzStmt.Loop($"for (int {fill} = 0; {fill} < {Text(length)}; {fill}++)", [
            FuzzStmt.Line($"{h}[{fill}] = {x.Name}[{fill} % {Text(x.Length)}] * {_real.Literal(0.5)};")]);
        yield return FuzzStmt.Line($"{t} {total} = 0;");
        yield return FuzzStmt.Line($"{t} {gate} = 0;");
        yield return FuzzStmt.Loop($"for (int {step} = 0; {step} < {Text(steps)}; {step}++)", [
            FuzzStmt.Loop($"for (int {layer} = 0; {layer} < {Text(layers)}; {layer}++)", [
                FuzzStmt.Line($"int {offset} = {layer} * {Text(units)};"),
                FuzzStmt.Loop($"for (int {u} = 0; {u} < {Text(units)}; {u}++)", [
                    FuzzStmt.Line($"{gate} = {activation};"),
                    FuzzStmt.Line($"{at} = {update};"),
                    FuzzStmt.Line(read)])])]);
        // Declared, not only reserved: a nested scope after it must not declare the name again (CS0136).
        _scope.Declare(new FuzzVariable(h, _real, ParamShape.Array) { Length = length, Writable = true });
        _scope.Declare(new FuzzVariable(total, _real) { Writable = true });
        _scope.Declare(new FuzzVariable(gate, _real) { Writable = true });
        _reaching.Add(total);
    }

    /// <summary>A loop over <paramref name="count"/> iterations written with one of the header shapes kernels accept.</summary>
    private (string Header, string Index, int Low) KernelLoop(int count, int start)
    {
        string i = LoopIndexName();
        string n = Text(count);
        string s = Text(start);
        string end = Text(start + count);
        return _r.Weighted(
            (5, ($"for (int {i} = {s}; {i} < {end}; {i}++)", i, start)),
            (2, ($"for (int {i} = {end} - 1; {i} >= {s}; {i}--)", i, start)),
            (1, ($"for (int {i} = {s}; {i} <= {end} - 1; {i}++)", i, start)),
            (start == 0 ? 1 : 0, ($"for (int {i} = 0; {i} < {n}; {i} += 2)", i, start)));
    }

    /// <summary>The index of element <c>i + offset</c>, written <c>i</c>, <c>i + 2</c> or <c>i - 1</c>.</summary>
    private static string At(string index, int offset)
        => offset == 0 ? index : index + (offset > 0 ? " + " : " - ") + Math.Abs(offset).ToString(CultureInfo.InvariantCulture);

    private IEnumerable<FuzzStmt> DotProduct(FuzzVariable a, FuzzVariable b)
    {
        int count = _r.Int(1, Math.Min(a.Length, b.Length));
        int start = _r.Int(0, 1);
        int p = _r.Int(0, a.Length - count) - start;
        int q = _r.Int(0, b.Length - count) - start;
        string acc = Fresh("acc");
        (string header, string i, _) = KernelLoop(count, start);
        string ai = a.Name + "[" + At(i, p) + "]";
        string bi = b.Name + "[" + At(i, q) + "]";
        string body = _r.Weighted(
            (5, $"{acc} += {ai} * {bi};"),
            (2, $"{acc} = {acc} + {ai} * {bi};"),
            (1, $"{acc} -= {ai} * {bi};"),
            (1, $"{acc} += {ai} * {bi} * {acc};"));
        yield return FuzzStmt.Line(_real.Keyword() + " " + acc + " = {0};", Real(1, _real));
        yield return FuzzStmt.Loop(header, [FuzzStmt.Line(body)]);
        _scope.Reserve(i);
        _scope.Declare(new FuzzVariable(acc, _real) { Writable = true });
    }

    private IEnumerable<FuzzStmt> ScaledAccumulation(FuzzVariable y, FuzzVariable x)
    {
        int count = _r.Int(1, Math.Min(y.Length, x.Length));
        int start = _r.Int(0, 1);
        int p = _r.Int(0, y.Length - count) - start;
        int q = _r.Int(0, x.Length - count) - start;
        (string header, string i, _) = KernelLoop(count, start);
        string yi = y.Name + "[" + At(i, p) + "]";
        string xi = x.Name + "[" + At(i, q) + "]";
        FuzzExpr scale = _r.Chance(0.6) ? Real(1, _real) : RealLeaf(_real);
        string body = _r.Weighted(
            (5, yi + " += {0} * " + xi + ";"),
            (2, yi + " = " + yi + " - " + xi + " * {0};"),
            (1, yi + " = " + yi + " + {0} * " + xi + ";"),
            (1, yi + " += " + xi + " * " + xi + " * {0};"),
            (1, yi + " -= {0} * " + xi + ";"));
        _scope.Reserve(i);
        if (_r.Chance(0.2))
        {
            // Unscaled: y[..] += x[..].
            return [FuzzStmt.Loop(header, [FuzzStmt.Line(yi + " += " + xi + ";")])];
        }

        return [FuzzStmt.Loop(header, [FuzzStmt.Line(body, scale)])];
    }

    /// <summary>h[r] = tanh(bias + sum over c of w[r * C + c] * x[c]) into a fresh local array h.</summary>
    private IEnumerable<FuzzStmt> MatrixVector(FuzzVariable w, FuzzVariable x)
    {
        int columns = _r.Int(1, Math.Min(w.Length, x.Length));
        int rows = w.Length / columns;
        string h = Fresh("h");
        string s = Fresh("s");
        string r = LoopIndexName();
        _scope.Reserve(r);
        _scope.Reserve(s);
        string c = Fresh("c");
        _scope.Reserve(c);
        string t = _real.Keyword();
        string activation = _r.OneOf(_real.MathClass() + ".Tanh(" + s + ")", s, "Functions.Relu(" + s + ")", s + " * " + s);
        ImmutableArray<FuzzStmt> inner = [FuzzStmt.Line($"{s} += {w.Name}[{r} * {Text(columns)} + {c}] * {x.Name}[{c}];")];
        yield return FuzzStmt.Line($"{t}[] {h} = new {t}[{Text(rows)}];");
        yield return FuzzStmt.Loop($"for (int {r} = 0; {r} < {Text(rows)}; {r}++)", [
            FuzzStmt.Line(t + " " + s + " = {0};", Real(1, _real)),
            FuzzStmt.Loop($"for (int {c} = 0; {c} < {Text(columns)}; {c}++)", inner),
            FuzzStmt.Line($"{h}[{r}] = {activation};")]);
        _scope.Declare(new FuzzVariable(h, _real, ParamShape.Array) { Length = rows, Writable = true });
    }
}
