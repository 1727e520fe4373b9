using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>
/// The indices a unit-step <c>for</c> loop visits, as the lowest one and a count, and the order it visits
/// them in: <c>for (i = a; i &lt; b; i++)</c> is <c>a</c>, <c>b - a</c>, ascending; the reverse sweep's
/// <c>for (i = b - 1; i &gt;= a; i--)</c> is the same range, descending.
/// </summary>
internal sealed record LoopRange(IrExpr Lowest, IrExpr Count, bool Ascending)
{
    public static LoopRange? Of(ForStmt loop)
    {
        return (loop.Step, loop.Condition) switch
        {
            (1, BinaryOperator.Less) => new LoopRange(loop.Start, IntArithmetic.Minus(loop.Bound, loop.Start), Ascending: true),
            (1, BinaryOperator.LessOrEqual) => new LoopRange(loop.Start, IntArithmetic.PlusConstant(IntArithmetic.Minus(loop.Bound, loop.Start), 1), Ascending: true),
            (-1, BinaryOperator.GreaterOrEqual) => new LoopRange(loop.Bound, IntArithmetic.PlusConstant(IntArithmetic.Minus(loop.Start, loop.Bound), 1), Ascending: false),
            (-1, BinaryOperator.Greater) => new LoopRange(IntArithmetic.PlusConstant(loop.Bound, 1), IntArithmetic.Minus(loop.Start, loop.Bound), Ascending: false),
            _ => null,
        };
    }
}
