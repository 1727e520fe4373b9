using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Array arguments of differentiable calls, normalized to views of a parameter or local array: the array
/// itself, <c>x.Slice(offset)</c>, <c>x.Slice(offset, length)</c>, <c>x.AsSpan(offset, length)</c>,
/// <c>x[a..b]</c> (with <c>^k</c> counted from the end), and slices of slices, all become one
/// <see cref="SliceExpr"/> over the underlying array with an absolute offset, so the adjoint flows into the
/// matching part of its gradient.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>A view of an array parameter or local array, or null (reported) when <paramref name="operation"/> is none.</summary>
    private IrExpr? ParseArrayView(IOperation operation, NumericType element, bool writable, IOperation reportAt)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        if (ArrayName(operation) is { } name)
        {
            return new ArrayRefExpr(name, element);
        }

        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { } instance, Arguments: var arguments } when IsSpanType(instance.Type) && arguments.Length is 1 or 2:
                return SliceOf(instance, arguments[0].Value, arguments.Length == 2 ? arguments[1].Value : null, element, writable, reportAt);

            case IInvocationOperation { TargetMethod: { Name: "AsSpan", ContainingType.Name: "MemoryExtensions" }, Arguments: var arguments } when arguments.Length is 1 or 2 or 3
                && arguments[0].Value.Type is IArrayTypeSymbol
                && (arguments.Length == 1 || arguments[1].Value.Type?.SpecialType == SpecialType.System_Int32):
                return arguments.Length == 1
                    ? ParseArrayView(arguments[0].Value, element, writable, reportAt)
                    : SliceOf(arguments[0].Value, arguments[1].Value, arguments.Length == 3 ? arguments[2].Value : null, element, writable, reportAt);

            case IImplicitIndexerReferenceOperation { Instance: { } instance, Argument: IRangeOperation range } when IsSpanType(instance.Type):
                return RangeOf(instance, range, element, writable, reportAt);

            case IArrayElementReferenceOperation { Indices: [IRangeOperation] } when writable:
                return Unsupported(reportAt, "'array[a..b]' passed as an output", "on an array it makes a copy, so the callee's writes would be lost; pass 'array.AsSpan(a, b - a)'");

            case IArrayElementReferenceOperation { ArrayReference: var array, Indices: [IRangeOperation range] }:
                // A copy of the elements in C#; read-only, it has the same values as a view of them.
                return RangeOf(array, range, element, writable, reportAt);
        }

        return Unsupported(reportAt, "this array argument", "pass an array or span parameter or a local array, or a slice of one ('x.Slice(offset, length)', 'x[a..b]')");
    }

    private IrExpr? SliceOf(IOperation instance, IOperation offsetOperation, IOperation? lengthOperation, NumericType element, bool writable, IOperation reportAt)
    {
        IrExpr? whole = ParseArrayView(instance, element, writable, reportAt);
        IrExpr? offset = whole is null ? null : ParseExpression(offsetOperation);
        if (whole is null || offset is null)
        {
            return null;
        }

        IrExpr length;
        if (lengthOperation is null)
        {
            length = Sub(ArrayView.LengthOf(whole), offset);
        }
        else if (ParseExpression(lengthOperation) is { } parsed)
        {
            length = parsed;
        }
        else
        {
            return null;
        }

        return new SliceExpr(ArrayView.BaseOf(whole), Add(ArrayView.OffsetOf(whole), offset), length, element, writable);
    }

    private IrExpr? RangeOf(IOperation instance, IRangeOperation range, NumericType element, bool writable, IOperation reportAt)
    {
        IrExpr? whole = ParseArrayView(instance, element, writable, reportAt);
        if (whole is null)
        {
            return null;
        }

        IrExpr length = ArrayView.LengthOf(whole);
        IrExpr? start = range.LeftOperand is null ? ConstantExpr.Zero(NumericType.Int) : IndexOf(range.LeftOperand, length);
        IrExpr? end = range.RightOperand is null ? length : IndexOf(range.RightOperand, length);
        if (start is null || end is null)
        {
            return null;
        }

        return new SliceExpr(ArrayView.BaseOf(whole), Add(ArrayView.OffsetOf(whole), start), Sub(end, start), element, writable);
    }

    /// <summary>An <c>Index</c> operand of a range: an int, or <c>^k</c> (the length minus k).</summary>
    private IrExpr? IndexOf(IOperation operand, IrExpr length)
    {
        while (operand is IConversionOperation conversion)
        {
            operand = conversion.Operand;
        }

        if (operand is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } fromEnd)
        {
            IrExpr? k = ParseExpression(fromEnd.Operand);
            return k is null ? null : Sub(length, k);
        }

        if (operand.Type?.SpecialType != SpecialType.System_Int32)
        {
            return Unsupported(operand, "this range bound", "use an int or ^int");
        }

        return ParseExpression(operand);
    }

    private static bool IsSpanType(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", IsGenericType: true } named && named.ContainingNamespace?.ToDisplayString() == "System";

    private static IrExpr Add(IrExpr a, IrExpr b)
        => a is ConstantExpr { Value: 0 } ? b : b is ConstantExpr { Value: 0 } ? a : new BinaryExpr(BinaryOperator.Add, a, b, NumericType.Int);

    private static IrExpr Sub(IrExpr a, IrExpr b)
        => b is ConstantExpr { Value: 0 } ? a : new BinaryExpr(BinaryOperator.Subtract, a, b, NumericType.Int);
}
