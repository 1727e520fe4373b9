using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Emission;

/// <summary>
/// Prints a <see cref="VectorLoopStmt"/>: a comment naming the source loop, the entry guard, a Vector512 and a
/// Vector256 main loop (each kept only where <c>IsHardwareAccelerated</c>, a JIT-time constant), loads and stores
/// through <c>ref</c>s without bounds checks, and the source loop as the scalar tail.
/// </summary>
internal static class VectorLoopEmitter
{
    private const string Intrinsics = "global::System.Runtime.Intrinsics.";

    public static void Write(IndentedWriter writer, VectorLoopStmt loop, IrPrinter printer, Action<IEnumerable<IrStmt>> writeScalar)
    {
        string header = printer.Header(loop.Source, declare: false);
        string kind = loop.Reductions.Count == 0 ? "a map" : "a map with a + reduction into " + string.Join(", ", loop.Reductions.Select(r => r.Variable));
        writer.Line("// Vectorized (" + kind + "): the loop");
        writer.Line("//   " + header);
        writer.Line("// runs as Vector512 lanes (or Vector256 where those are not accelerated), and as itself for the last elements.");
        if (loop.LaneBody is not null)
        {
            writer.Line("// Its branches on each element's values run as selects in the vector lanes (both sides computed, each lane keeps its own).");
        }

        if (loop.Reductions.Count > 0)
        {
            writer.Line("// Its sums add their terms in " + loop.Unroll.ToString(CultureInfo.InvariantCulture) + " accumulators per width: in another order than the loop, so the last bits may differ.");
        }

        IrExpr end = IntArithmetic.Plus(loop.Lowest, loop.Count);
        if (loop.Ascending)
        {
            writer.Line(Identifier.Escape(loop.Cursor) + " = " + printer.Expression(loop.Lowest) + ";");
            writer.Line("int " + Identifier.Escape(loop.Limit) + " = " + printer.Expression(end) + ";");
        }
        else
        {
            writer.Line("int " + Identifier.Escape(loop.Cursor) + " = " + printer.Expression(end) + ";");
            writer.Line("int " + Identifier.Escape(loop.Limit) + " = " + printer.Expression(loop.Lowest) + ";");
        }

        if (loop.Guard is not null)
        {
            writer.Line("if (" + printer.Expression(loop.Guard) + ")");
        }

        using (writer.OpenBlock())
        {
            string element = loop.ElementType.Keyword();
            foreach (VectorArray array in loop.Arrays.GroupBy(a => a.Array).Select(g => g.First()))
            {
                writer.Line("ref " + element + " " + Identifier.Escape(array.Reference) + " = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference((global::System.ReadOnlySpan<" + element + ">)" + Identifier.Escape(array.Array) + ");");
            }

            foreach (int bits in new[] { 512, 256 })
            {
                WriteWidth(writer, loop, printer, new Lanes(loop, printer, bits));
            }
        }

        string index = Identifier.Escape(loop.Index);
        string step = loop.Ascending ? index + "++" : index + "--";
        string condition = index + " " + IrPrinter.Operator(loop.Source.Condition) + " " + printer.Expression(loop.Source.Bound);
        writer.Line(loop.Ascending
            ? "for (; " + condition + "; " + step + ")"
            : "for (" + index + " = " + Identifier.Escape(loop.Cursor) + " - 1; " + condition + "; " + step + ")");
        using (writer.OpenBlock())
        {
            writeScalar(loop.Source.Body);
        }
    }

    private static void WriteWidth(IndentedWriter writer, VectorLoopStmt loop, IrPrinter printer, Lanes lanes)
    {
        // Vector256 only where Vector512 is not accelerated: both are JIT-time constants, so a machine compiles one of them
        // (the other is dead code), and the method stays small enough for the JIT to inline VectorMath into it.
        writer.Line("if (" + lanes.Vector + ".IsHardwareAccelerated" + (lanes.Count * (loop.ElementType == NumericType.Float ? 4 : 8) == 32 ? " && !" + Intrinsics + "Vector512.IsHardwareAccelerated" : string.Empty) + ")");
        using (writer.OpenBlock())
        {
            foreach (VectorName invariant in loop.Invariants)
            {
                writer.Line("var " + Identifier.Escape(invariant.Vector) + " = " + lanes.Vector + ".Create(" + Identifier.Escape(invariant.Scalar) + ");");
            }

            foreach (VectorReduction reduction in loop.Reductions)
            {
                foreach (string accumulator in reduction.Accumulators)
                {
                    writer.Line("var " + Identifier.Escape(accumulator) + " = " + lanes.Vector + "<" + loop.ElementType.Keyword() + ">.Zero;");
                }
            }

            int stride = lanes.Count * loop.Unroll;
            string cursor = Identifier.Escape(loop.Cursor), limit = Identifier.Escape(loop.Limit);
            // At least one scalar iteration stays for the tail when private scalars must end with the last one's values.
            string more = loop.Privates.Count > 0 && loop.PrivatesReadAfter ? " > " : " >= ";
            string text = stride.ToString(CultureInfo.InvariantCulture);
            writer.Line(loop.Ascending
                ? "for (; " + limit + " - " + cursor + more + text + "; " + cursor + " += " + text + ")"
                : "while (" + cursor + " - " + limit + more + text + ")");
            using (writer.OpenBlock())
            {
                if (!loop.Ascending)
                {
                    writer.Line(cursor + " -= " + text + ";");
                }

                for (int copy = 0; copy < loop.Unroll; copy++)
                {
                    lanes.Copy = copy;
                    writer.Line("// lanes " + cursor + (copy == 0 ? string.Empty : " + " + (copy * lanes.Count).ToString(CultureInfo.InvariantCulture)) + " and on");
                    using (writer.OpenBlock())
                    {
                        foreach (VectorName variable in loop.Privates)
                        {
                            writer.Line(lanes.Vector + "<" + loop.ElementType.Keyword() + "> " + Identifier.Escape(variable.Vector) + ";");
                        }

                        foreach (VectorName reset in loop.Resets)
                        {
                            writer.Line("var " + Identifier.Escape(reset.Vector) + " = " + lanes.Vector + "<" + loop.ElementType.Keyword() + ">.Zero;");
                        }

                        WriteBody(writer, loop.VectorBody, lanes, printer);
                    }
                }
            }

            foreach (VectorReduction reduction in loop.Reductions)
            {
                string variable = Identifier.Escape(reduction.Variable);
                writer.Line(variable + " = " + variable + " + " + lanes.Vector + ".Sum(" + string.Join(" + ", reduction.Accumulators.Select(Identifier.Escape)) + ");");
            }
        }
    }

    private static void WriteBody(IndentedWriter writer, IEnumerable<IrStmt> body, Lanes lanes, IrPrinter printer)
    {
        foreach (IrStmt statement in body)
        {
            switch (statement)
            {
                case CommentStmt comment:
                    writer.Line("// " + comment.Text);
                    break;
                case DeclareStmt declare:
                    writer.Line("var " + Identifier.Escape(declare.Name) + " = " + lanes.Value(declare.Value) + ";");
                    break;
                case IfStmt branch:
                    writer.Line("if (" + printer.Expression(branch.Condition) + ")");
                    using (writer.OpenBlock())
                    {
                        WriteBody(writer, branch.Then, lanes, printer);
                    }

                    if (branch.Else.Count > 0)
                    {
                        writer.Line("else");
                        using (writer.OpenBlock())
                        {
                            WriteBody(writer, branch.Else, lanes, printer);
                        }
                    }

                    break;
                case AssignStmt { Target: ElementExpr target } assign:
                    string load = lanes.Value(target);
                    string stored = assign.Kind == AssignKind.Set ? lanes.Value(assign.Value) : lanes.Accumulate(load, assign.Value);
                    writer.Line(lanes.Vector + ".StoreUnsafe(" + stored + ", ref " + lanes.Reference(target) + ", " + lanes.Offset(target) + ");");
                    break;
                case AssignStmt { Target: VariableExpr target } assign when lanes.Reduction(target.Name) is { } accumulator:
                    IrExpr term = LoopShape.Accumulated(assign, target.Name)!;
                    bool minus = assign.Value is BinaryExpr { Operator: BinaryOperator.Subtract } && assign.Kind == AssignKind.Set;
                    writer.Line(accumulator + " = " + lanes.Accumulate(accumulator, minus ? new UnaryExpr(UnaryOperator.Negate, term, term.Type) : term) + ";");
                    break;
                case AssignStmt { Target: VariableExpr target } assign:
                    string name = lanes.Name(target.Name);
                    writer.Line(name + " = " + (assign.Kind == AssignKind.Set ? lanes.Value(assign.Value) : lanes.Accumulate(name, assign.Value)) + ";");
                    break;
            }
        }
    }

    /// <summary>How one vector width prints the loop's values: its type, its lane count, and which copy of the body it is in.</summary>
    private sealed class Lanes
    {
        private const int Additive = 1, Multiplicative = 2, Unary = 3;
        private readonly VectorLoopStmt _loop;
        private readonly IrPrinter _printer;
        private readonly Dictionary<string, string> _names;
        private readonly HashSet<string> _changed;

        public Lanes(VectorLoopStmt loop, IrPrinter printer, int bits)
        {
            _loop = loop;
            _printer = printer;
            Vector = Intrinsics + "Vector" + bits.ToString(CultureInfo.InvariantCulture);
            Count = bits / 8 / (loop.ElementType == NumericType.Float ? 4 : 8);
            _names = loop.Privates.Concat(loop.Resets).Concat(loop.Invariants).ToDictionary(n => n.Scalar, n => Identifier.Escape(n.Vector));

            // What the loop changes, as LoopShape counts it: a condition reading none of it is the same in every lane.
            _changed = new HashSet<string>(loop.Privates.Concat(loop.Resets).Select(n => n.Scalar)
                .Concat(loop.Reductions.Select(r => r.Variable))
                .Concat(IrWalker.AllStatements(loop.VectorBody).OfType<DeclareStmt>().Select(d => d.Name))
                .Append(loop.Index));
        }

        public string Vector { get; }

        public int Count { get; }

        public int Copy { get; set; }

        public string Name(string scalar) => _names.TryGetValue(scalar, out string? name) ? name : Identifier.Escape(scalar);

        public string? Reduction(string scalar)
            => _loop.Reductions.FirstOrDefault(r => r.Variable == scalar) is { } reduction ? Identifier.Escape(reduction.Accumulators[Copy]) : null;

        public string Reference(ElementExpr element) => Identifier.Escape(_loop.Arrays.First(a => a.Array == element.Array).Reference);

        /// <summary>The element offset of this copy's first lane of <paramref name="element"/> from its array's reference.</summary>
        public string Offset(ElementExpr element)
        {
            IrExpr offset = AffineIndex.Of(element.Index, _loop.Index)!.Value.Offset;
            IrExpr index = IntArithmetic.PlusConstant(IntArithmetic.Plus(new VariableExpr(_loop.Cursor, NumericType.Int), offset), Copy * Count);
            return "(nuint)" + (index is VariableExpr or ConstantExpr ? _printer.Expression(index) : "(" + _printer.Expression(index) + ")");
        }

        /// <summary><paramref name="target"/> + <paramref name="term"/>, fused when the term is a product.</summary>
        public string Accumulate(string target, IrExpr term) => term switch
        {
            BinaryExpr { Operator: BinaryOperator.Multiply } product => Fma(Value(product.Left), Value(product.Right), target),
            UnaryExpr { Operator: UnaryOperator.Negate, Operand: BinaryExpr { Operator: BinaryOperator.Multiply } product } => Fma(Negated(product.Left), Value(product.Right), target),
            UnaryExpr { Operator: UnaryOperator.Negate } negated => target + " - " + Value(negated.Operand, Multiplicative),
            _ => target + " + " + Value(term, Multiplicative),
        };

        public string Value(IrExpr expression, int required = 0)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    return Vector + ".Create(" + IrPrinter.Literal(constant) + ")";
                case VariableExpr variable:
                    return Name(variable.Name);
                case ElementExpr element:
                    return Vector + ".LoadUnsafe(ref " + Reference(element) + ", " + Offset(element) + ")";
                case UnaryExpr negate:
                    return Wrap(Negated(negate.Operand), Unary, required);
                case BinaryExpr { Operator: BinaryOperator.Add, Left: BinaryExpr { Operator: BinaryOperator.Multiply } product } sum:
                    return Fma(Value(product.Left), Value(product.Right), Value(sum.Right));
                case BinaryExpr { Operator: BinaryOperator.Add, Right: BinaryExpr { Operator: BinaryOperator.Multiply } product } sum:
                    return Fma(Value(product.Left), Value(product.Right), Value(sum.Left));
                case BinaryExpr { Operator: BinaryOperator.Subtract, Right: BinaryExpr { Operator: BinaryOperator.Multiply } product } difference:
                    return Fma(Negated(product.Left), Value(product.Right), Value(difference.Left));
                case BinaryExpr { Operator: BinaryOperator.Subtract, Left: BinaryExpr { Operator: BinaryOperator.Multiply } product } difference:
                    // a * b - c as one FMA with the addend negated (a constant negated in its literal).
                    return Fma(Value(product.Left), Value(product.Right), Negated(difference.Right));
                case BinaryExpr binary:
                    int precedence = binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract ? Additive : Multiplicative;
                    return Wrap(Value(binary.Left, precedence) + " " + IrPrinter.Operator(binary.Operator) + " " + Value(binary.Right, precedence + 1), precedence, required);
                case CallExpr call:
                    string arguments = string.Join(", ", call.Arguments.Select(a => Value(a)));
                    return call.Function switch
                    {
                        MathFunction.Exp => "global::SharpGrad.Numerics.VectorMath.Exp(" + arguments + ")",
                        MathFunction.Tanh => "global::SharpGrad.Numerics.VectorMath.Tanh(" + arguments + ")",
                        MathFunction.Log => "global::SharpGrad.Numerics.VectorMath.Log(" + arguments + ")",
                        MathFunction.Sigmoid => "global::SharpGrad.Numerics.VectorMath.Sigmoid(" + arguments + ")",
                        MathFunction.Relu => "global::SharpGrad.Numerics.VectorMath.Relu(" + arguments + ")",
                        MathFunction.Sqrt => Vector + ".Sqrt(" + arguments + ")",
                        MathFunction.Abs => Vector + ".Abs(" + arguments + ")",
                        MathFunction.Max => Vector + ".Max(" + arguments + ")",
                        MathFunction.Min => Vector + ".Min(" + arguments + ")",
                        MathFunction.FusedMultiplyAdd => Vector + ".FusedMultiplyAdd(" + arguments + ")",
                        _ => throw new InvalidOperationException("no vector form of " + call.Function + " (LoopShape.VectorFunctions and this list disagree)"),
                    };
                case ConditionalExpr conditional when LoopShape.IsInvariant(conditional.Condition, _changed):
                    // A loop-invariant condition: one branch for all lanes, only it evaluated.
                    return "(" + _printer.Expression(conditional.Condition) + " ? " + Value(conditional.WhenTrue) + " : " + Value(conditional.WhenFalse) + ")";
                case ConditionalExpr conditional:
                    // A per-lane condition (LoopShape checks its form): a mask, both values, and a select.
                    return Vector + ".ConditionalSelect(" + Mask(conditional.Condition) + ", " + Value(conditional.WhenTrue) + ", " + Value(conditional.WhenFalse) + ")";
                default:
                    throw new InvalidOperationException("no vector form of " + expression.GetType().Name + " (LoopShape accepted it)");
            }
        }

        /// <summary>A per-lane condition as a mask: all bits set in the lanes where it holds (NaN compares as C# does).</summary>
        private string Mask(IrExpr condition) => condition switch
        {
            BinaryExpr { Operator: BinaryOperator.NotEqual } compare => "~" + Vector + ".Equals(" + Value(compare.Left) + ", " + Value(compare.Right) + ")",
            BinaryExpr { Operator: BinaryOperator.And } both => "(" + Mask(both.Left) + " & " + Mask(both.Right) + ")",
            BinaryExpr { Operator: BinaryOperator.Or } either => "(" + Mask(either.Left) + " | " + Mask(either.Right) + ")",
            BinaryExpr compare => Vector + "." + Comparison(compare.Operator) + "(" + Value(compare.Left) + ", " + Value(compare.Right) + ")",
            UnaryExpr { Operator: UnaryOperator.Not } not => "~" + Mask(not.Operand),
            ConstantCallExpr nan when LoopShape.IsNaNMethod(nan.Method) => "~" + Vector + ".Equals(" + Value(nan.Arguments[0]) + ", " + Value(nan.Arguments[0]) + ")",
            _ => throw new InvalidOperationException("no mask form of " + IrPrinter.Print(condition) + " (LoopShape accepted it)"),
        };

        private static string Comparison(BinaryOperator op) => op switch
        {
            BinaryOperator.Less => "LessThan",
            BinaryOperator.LessOrEqual => "LessThanOrEqual",
            BinaryOperator.Greater => "GreaterThan",
            BinaryOperator.GreaterOrEqual => "GreaterThanOrEqual",
            BinaryOperator.Equal => "Equals",
            _ => throw new InvalidOperationException("no vector comparison for " + op),
        };

        /// <summary>
        /// -e: a constant negated in its literal, a negation's operand itself, otherwise a minus sign before the
        /// operand (never two in a row, which C# reads as the decrement operator).
        /// </summary>
        private string Negated(IrExpr expression) => expression switch
        {
            ConstantExpr constant when constant.Value != 0 => Value(constant with { Value = -constant.Value }),
            UnaryExpr { Operator: UnaryOperator.Negate } negation => Value(negation.Operand, Unary),
            _ => "-" + Value(expression, Unary),
        };

        private string Fma(string a, string b, string c) => Vector + ".FusedMultiplyAdd(" + a + ", " + b + ", " + c + ")";

        private static string Wrap(string text, int precedence, int required) => precedence < required ? "(" + text + ")" : text;
    }
}
