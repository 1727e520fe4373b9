using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Kernels;

/// <summary>One loop statement recognized as a kernel: what it writes, everything it reads, and how to call the kernel.</summary>
internal sealed class KernelMatch
{
    private readonly AssignStmt _statement;
    private readonly VariableExpr? _result;
    private readonly string _kernel;
    private readonly IrExpr[] _leading;
    private readonly (string Array, NumericType Type, IrExpr Offset)[] _spans;

    private KernelMatch(AssignStmt statement, VariableExpr? result, string kernel, IrExpr[] leading, (string, NumericType, IrExpr)[] spans)
    {
        _statement = statement;
        _result = result;
        _kernel = kernel;
        _leading = leading;
        _spans = spans;
        Writes = Differentiation.ActivityAnalysis.TargetName(statement.Target);
        Reads = new HashSet<string>(IrWalker.ExpressionsOf(statement).SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))));
    }

    public string Writes { get; }

    public HashSet<string> Reads { get; }

    /// <summary><c>acc = acc + a[i + p] * b[i + q]</c> (or <c>acc += a[..] * b[..]</c>): <c>Kernels.Dot</c> (in SIMD lanes, in any order: the loop's direction does not matter).</summary>
    public static KernelMatch? Dot(AssignStmt statement, string index, HashSet<string> written)
    {
        if (statement.Target is not VariableExpr { Type: NumericType.Float or NumericType.Double } acc)
        {
            return null;
        }

        IrExpr? product = statement switch
        {
            { Kind: AssignKind.Set, Value: BinaryExpr { Operator: BinaryOperator.Add, Left: VariableExpr left, Right: var right } } when left == acc => right,
            { Kind: AssignKind.Add } => statement.Value,
            _ => null,
        };
        if (product is not BinaryExpr { Operator: BinaryOperator.Multiply, Left: ElementExpr a, Right: ElementExpr b } multiply
            || multiply.Type != acc.Type || a.Type != acc.Type || b.Type != acc.Type
            || Span(a, index, written) is not { } aOffset || Span(b, index, written) is not { } bOffset)
        {
            return null;
        }

        return new KernelMatch(statement, acc, "Dot", [acc], [(a.Array, a.Type, aOffset), (b.Array, b.Type, bOffset)]);
    }

    /// <summary><c>y[i + p] += s * x[i + q]</c> (or <c>y[..] = y[..] ± s * x[..]</c>, <c>y[..] += x[..]</c>): <c>Kernels.AddScaled</c>.</summary>
    public static KernelMatch? AddScaled(AssignStmt statement, string index, HashSet<string> written)
    {
        if (statement.Target is not ElementExpr { Type: NumericType.Float or NumericType.Double } y)
        {
            return null;
        }

        (IrExpr Term, bool Negated)? added = statement switch
        {
            { Kind: AssignKind.Add, Value: UnaryExpr { Operator: UnaryOperator.Negate, Operand: var operand } } => (operand, true),
            { Kind: AssignKind.Add } => (statement.Value, false),
            { Kind: AssignKind.Set, Value: BinaryExpr { Operator: BinaryOperator.Add, Left: var left, Right: var right } } when left == y => (right, false),
            { Kind: AssignKind.Set, Value: BinaryExpr { Operator: BinaryOperator.Subtract, Left: var left, Right: var right } } when left == y => (right, true),
            _ => null,
        };
        if (added is not { } term || term.Term.Type != y.Type)
        {
            return null;
        }

        (IrExpr Scale, ElementExpr X)? scaled = term.Term switch
        {
            ElementExpr x => (ConstantExpr.One(y.Type), x),
            BinaryExpr { Operator: BinaryOperator.Multiply, Right: ElementExpr x } m when x.Array != y.Array && IsInvariant(m.Left, index, written) => (m.Left, x),
            BinaryExpr { Operator: BinaryOperator.Multiply, Left: ElementExpr x } m when x.Array != y.Array && IsInvariant(m.Right, index, written) => (m.Right, x),
            _ => null,
        };
        if (scaled is not { } found || found.X.Array == y.Array || found.X.Type != y.Type || found.Scale.Type != y.Type
            || Span(found.X, index, written) is not { } xOffset || Span(y, index, written) is not { } yOffset)
        {
            return null;
        }

        // y - s x is y + (-s) x exactly: IEEE negation is exact and commutes with the product.
        IrExpr scale = term.Negated ? new UnaryExpr(UnaryOperator.Negate, found.Scale, y.Type) : found.Scale;
        return new KernelMatch(statement, null, "AddScaled", [scale], [(found.X.Array, found.X.Type, xOffset), (y.Array, y.Type, yOffset)]);
    }

    public KernelCallStmt ToCall(LoopRange range, string header)
    {
        var arguments = new List<IrExpr>(_leading);
        foreach ((string array, NumericType type, IrExpr offset) in _spans)
        {
            arguments.Add(new ArrayRefExpr(array, type));
            arguments.Add(IntArithmetic.Plus(offset, range.Lowest));
        }

        arguments.Add(range.Count);
        // A dot product reassociates its sum, as a vectorized loop does; the comment says so in the same words.
        string source = header + " { " + IrPrinter.Print(_statement) + "; }";
        return new KernelCallStmt(_result, _kernel, arguments.ToEquatableArray(), _kernel == "Dot" ? "Vectorized (a dot product summed in SIMD lanes): " + source : source);
    }

    /// <summary>The offset of an element read or written at <c>i + offset</c>, or null for any other index.</summary>
    private static IrExpr? Span(ElementExpr element, string index, HashSet<string> written)
        => AffineIndex.Of(element.Index, index) is { Stride: 1 } affine && IsInvariant(affine.Offset, index, written) ? affine.Offset : null;

    /// <summary>Whether <paramref name="expression"/> has the same value in every iteration: it reads neither the index nor anything the loop writes.</summary>
    private static bool IsInvariant(IrExpr expression, string index, HashSet<string> written) => LoopEffects.IsInvariant(expression, written, index);
}
