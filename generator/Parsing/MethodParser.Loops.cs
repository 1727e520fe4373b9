using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>For loops: one int index, a bound it is compared with, a constant step.</summary>
internal sealed partial class MethodParser
{
    private ForStmt? ParseFor(IForLoopOperation loop)
    {
        // Shape: for (int i = start; i < bound; i += constant) with i changed only by the header.
        if (loop.Before.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations: [{ Declarators: [var declarator] } declaration] }
            || ToNumericType(declarator.Symbol.Type) != NumericType.Int)
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop, "a 'for' loop must declare one int index, as in 'for (int i = 0; i < n; i++)'");
            return null;
        }

        ILocalSymbol indexSymbol = declarator.Symbol;
        string index = DeclareLocal(indexSymbol, NumericType.Int);
        IOperation? startOperation = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
        IrExpr? start = startOperation is null ? null : ParseExpression(startOperation);

        BinaryOperator condition = BinaryOperator.Less;
        IrExpr? bound = null;
        if (loop.Condition is IBinaryOperation compare
            && ToBinaryOperator(compare.OperatorKind) is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
            && (IsLocal(compare.LeftOperand, indexSymbol) || IsLocal(compare.RightOperand, indexSymbol)))
        {
            condition = ToBinaryOperator(compare.OperatorKind)!.Value;
            if (IsLocal(compare.LeftOperand, indexSymbol))
            {
                bound = ParseExpression(compare.RightOperand);
            }
            else
            {
                // "n > i" is "i < n": the index on the left, the comparison mirrored.
                condition = condition switch
                {
                    BinaryOperator.Less => BinaryOperator.Greater,
                    BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
                    BinaryOperator.Greater => BinaryOperator.Less,
                    _ => BinaryOperator.LessOrEqual,
                };
                bound = ParseExpression(compare.LeftOperand);
            }
        }
        else
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop.Condition ?? loop, "the condition must compare the index with a bound, as in 'i < n'");
        }

        int? step = ParseStep(loop, indexSymbol);
        if (step is null)
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop, "the index must change by a constant step in the header, as in 'i++', 'i--', 'i += 2'");
        }
        else if ((step > 0) != (condition is BinaryOperator.Less or BinaryOperator.LessOrEqual))
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop, "the step must move the index towards its bound");
            step = null;
        }

        _loopIndices.Add(index);
        _nesting++;
        EquatableArray<IrStmt> body = ParseNested(loop.Body);
        _nesting--;
        _loopIndices.Remove(index);

        if (start is null || bound is null || step is null)
        {
            return null;
        }

        var boundReads = new HashSet<string>(new[] { start, bound }.SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))));
        AssignStmt? boundWrite = IrWalker.AllStatements(body).OfType<AssignStmt>()
            .FirstOrDefault(a => boundReads.Contains(Differentiation.ActivityAnalysis.TargetName(a.Target)));
        if (boundWrite is not null)
        {
            // The reverse sweep recomputes the iterations from the start and the bound.
            Report(DiagnosticDescriptors.UnsupportedLoop, loop, $"'{Differentiation.ActivityAnalysis.TargetName(boundWrite.Target)}' decides how many times the loop runs and changes inside it; compute the bound before the loop, or use a while loop");
            return null;
        }

        if (start.Type != NumericType.Int || bound.Type != NumericType.Int)
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop, "the start and the bound must be int");
            return null;
        }

        return new ForStmt(index, start, condition, bound, step.Value, body);
    }

    private static bool IsLocal(IOperation operation, ILocalSymbol local)
        => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    private static int? ParseStep(IForLoopOperation loop, ILocalSymbol index)
    {
        if (loop.AtLoopBottom.Length != 1 || loop.AtLoopBottom[0] is not IExpressionStatementOperation { Operation: var step })
        {
            return null;
        }

        static bool IsIndex(IOperation operation, ILocalSymbol index)
            => operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, index);

        switch (step)
        {
            case IIncrementOrDecrementOperation increment when IsIndex(increment.Target, index):
                return increment.Kind == OperationKind.Increment ? 1 : -1;
            case ICompoundAssignmentOperation compound when IsIndex(compound.Target, index)
                && compound.Value.ConstantValue is { HasValue: true, Value: int amount } && amount > 0:
                return compound.OperatorKind switch
                {
                    BinaryOperatorKind.Add => amount,
                    BinaryOperatorKind.Subtract => -amount,
                    _ => null,
                };
            default:
                return null;
        }
    }
}
