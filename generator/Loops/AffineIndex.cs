using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>
/// An index as <c>Stride * i + Offset</c> in a loop's index <c>i</c>: <c>k * n + j</c> in <c>j</c> is
/// stride 1, offset <c>k * n</c>. Only sums and differences of <c>i</c> with terms that do not read <c>i</c>
/// are decomposed (<c>2 * i</c> is not: strides other than 0 and 1 are not needed by the kernels yet).
/// </summary>
internal readonly record struct AffineIndex(int Stride, IrExpr Offset)
{
    /// <summary>Decomposes <paramref name="index"/> in <paramref name="loopIndex"/>, or returns null.</summary>
    public static AffineIndex? Of(IrExpr index, string loopIndex)
    {
        var terms = new List<(IrExpr Term, bool Negated)>();
        if (!Collect(index, negated: false, terms))
        {
            return null;
        }

        int stride = 0;
        IrExpr? offset = null;
        foreach ((IrExpr term, bool negated) in terms)
        {
            if (term is VariableExpr variable && variable.Name == loopIndex)
            {
                stride += negated ? -1 : 1;
                continue;
            }

            if (IrWalker.VariablesRead(term).Contains(loopIndex))
            {
                return null;
            }

            offset = offset is null
                ? (negated ? IntArithmetic.Minus(ConstantExpr.Zero(NumericType.Int), term) : term)
                : (negated ? IntArithmetic.Minus(offset, term) : IntArithmetic.Plus(offset, term));
        }

        return new AffineIndex(stride, offset ?? ConstantExpr.Zero(NumericType.Int));
    }

    /// <summary>The int terms of a sum of sums and differences, each with whether it is subtracted; false for a non-int part.</summary>
    internal static bool Collect(IrExpr expression, bool negated, List<(IrExpr, bool)> terms)
    {
        switch (expression)
        {
            case BinaryExpr { Operator: BinaryOperator.Add, Type: NumericType.Int } add:
                return Collect(add.Left, negated, terms) && Collect(add.Right, negated, terms);
            case BinaryExpr { Operator: BinaryOperator.Subtract, Type: NumericType.Int } subtract:
                return Collect(subtract.Left, negated, terms) && Collect(subtract.Right, !negated, terms);
            case { Type: NumericType.Int }:
                terms.Add((expression, negated));
                return true;
            default:
                return false;
        }
    }
}
