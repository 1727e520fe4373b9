using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>
/// An index as <c>i * Stride + Offset</c> in a loop's index <c>i</c>, with <c>Stride</c> and <c>Offset</c> not reading
/// <c>i</c>: the start of row <c>i</c> of a row-major matrix (<c>i * inputs</c>, <c>i * n + k</c>). <see cref="AffineIndex"/>
/// is the unit-stride case.
/// </summary>
internal readonly record struct RowOffset(IrExpr Stride, IrExpr Offset)
{
    /// <summary>Decomposes <paramref name="index"/> in <paramref name="loopIndex"/>, or returns null.</summary>
    public static RowOffset? Of(IrExpr index, string loopIndex)
    {
        var terms = new List<(IrExpr Term, bool Negated)>();
        if (!AffineIndex.Collect(index, negated: false, terms))
        {
            return null;
        }

        IrExpr? stride = null;
        IrExpr offset = ConstantExpr.Zero(NumericType.Int);
        foreach ((IrExpr term, bool negated) in terms)
        {
            if (!IrWalker.VariablesRead(term).Contains(loopIndex))
            {
                offset = negated ? IntArithmetic.Minus(offset, term) : IntArithmetic.Plus(offset, term);
                continue;
            }

            IrExpr? factor = term switch
            {
                BinaryExpr { Operator: BinaryOperator.Multiply, Left: VariableExpr l, Right: var r } when l.Name == loopIndex => r,
                BinaryExpr { Operator: BinaryOperator.Multiply, Left: var l, Right: VariableExpr r } when r.Name == loopIndex => l,
                _ => null,
            };
            if (negated || stride is not null || factor is null || IrWalker.VariablesRead(factor).Contains(loopIndex))
            {
                return null;
            }

            stride = factor;
        }

        return stride is null ? null : new RowOffset(stride, offset);
    }
}
