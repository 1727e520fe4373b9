using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>Expressions: constants, variables, elements, operators, conversions and math calls.</summary>
internal sealed partial class MethodParser
{
    private IrExpr? ParseExpression(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        NumericType? type = ToNumericType(operation.Type);
        if (operation.ConstantValue.HasValue && type is not null)
        {
            return operation.ConstantValue.Value switch
            {
                bool b => new ConstantExpr(b ? 1 : 0, NumericType.Bool),
                int i => new ConstantExpr(i, type.Value),
                uint u => new ConstantExpr(u, type.Value),
                // A double holds every integer up to 2^53 exactly; a larger long constant would not round-trip.
                long l when System.Math.Abs((double)l) <= 9007199254740992d => new ConstantExpr(l, type.Value),
                float f => new ConstantExpr(f, type.Value),
                double d => new ConstantExpr(d, type.Value),
                _ => Unsupported(operation, "this constant", "use an int, float or double literal"),
            };
        }

        switch (operation)
        {
            case ILocalReferenceOperation local when _localNames.TryGetValue(local.Local, out string? name):
                return new VariableExpr(name, ToNumericType(local.Type) ?? NumericType.Double);

            case IParameterReferenceOperation parameterReference:
                return ParseParameterReference(parameterReference);

            case IArrayElementReferenceOperation { ArrayReference: var array, Indices: [var arrayIndex] } when ArrayName(array) is { } arrayName:
                return ParseElement(operation, arrayName, arrayIndex);

            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span, Arguments: [var spanIndex] } when ArrayName(span) is { } spanName:
                return ParseElement(operation, spanName, spanIndex.Value);

            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } sized } when ArrayName(sized) is { } sizedName:
                return new LengthExpr(sizedName);

            case ILocalReferenceOperation arrayLocal when _localNames.TryGetValue(arrayLocal.Local, out string? arrayLocalName) && _localArrays.ContainsKey(arrayLocalName):
                return Unsupported(operation, $"using the local array '{arrayLocal.Local.Name}' as a whole", "read and write its elements by index");

            case IBinaryOperation binary:
                return ParseBinary(binary);

            case IUnaryOperation unary:
                return ParseUnary(unary);

            case IConversionOperation conversion:
                return ParseConversion(conversion);

            case IConditionalOperation { WhenFalse: not null } conditional when type is not null:
            {
                IrExpr? condition = ParseExpression(conditional.Condition);
                _conditionalDepth++;
                IrExpr? whenTrue = ParseExpression(conditional.WhenTrue);
                IrExpr? whenFalse = ParseExpression(conditional.WhenFalse);
                _conditionalDepth--;
                return condition is null || whenTrue is null || whenFalse is null
                    ? null
                    : new ConditionalExpr(condition, Convert(whenTrue, type.Value), Convert(whenFalse, type.Value), type.Value);
            }

            case IInvocationOperation invocation:
                return ParseInvocation(invocation);

            case IAnonymousFunctionOperation or IDelegateCreationOperation:
                Report(DiagnosticDescriptors.LambdaOrDelegate, operation, "a lambda or delegate");
                return null;

            case IFieldReferenceOperation or IPropertyReferenceOperation when MemberOfThis(operation) is { } member && type is not null:
                return ParseScalarMember(operation, member, type.Value);

            case IFieldReferenceOperation { Field.IsConst: false } field:
                return Unsupported(operation, $"reading the field '{field.Field.Name}'", field.Field.IsStatic ? "pass the value as a parameter" : "read an element of an array member, a Parameter<T> member's elements (weight[i]) or a numeric member; pass anything else as a parameter");

            case IAssignmentOperation or IIncrementOrDecrementOperation:
                return Unsupported(operation, "an assignment inside an expression", "make the assignment a statement of its own");

            default:
                return Unsupported(operation, Describe(operation), "SharpGrad differentiates arithmetic on float, double and int values, elements of array and span parameters, and System.Math functions");
        }
    }

    private IrExpr? ParseParameterReference(IParameterReferenceOperation reference)
    {
        if (!_parameters.TryGetValue(reference.Parameter.Name, out IrParameter? parameter))
        {
            return null; // its type was already reported
        }

        if (parameter.Kind != ParameterKind.Scalar)
        {
            return Unsupported(reference, $"using the {parameter.Kind.ToString().ToLowerInvariant()} '{parameter.Name}' as a whole", "read its elements by index in a loop");
        }

        return new VariableExpr(parameter.Name, parameter.ElementType);
    }

    /// <summary>The IR name of an array or span parameter, a local array or an array-like member of <c>this</c>, or null.</summary>
    private string? ArrayName(IOperation operation) => operation switch
    {
        IParameterReferenceOperation parameter when _parameters.TryGetValue(parameter.Parameter.Name, out IrParameter? p) && p.Kind != ParameterKind.Scalar => p.Name,
        ILocalReferenceOperation local when _localNames.TryGetValue(local.Local, out string? name) && _localArrays.ContainsKey(name) => name,
        _ => ArrayMember(operation)?.Name,
    };

    private IrExpr? ParseElement(IOperation operation, string arrayName, IOperation indexOperation)
    {
        NumericType elementType = _parameters.TryGetValue(arrayName, out IrParameter? array) ? array.ElementType : _localArrays[arrayName];

        IrExpr? index = ParseExpression(indexOperation);
        if (index is null)
        {
            return null;
        }

        if (index.Type != NumericType.Int)
        {
            return Unsupported(indexOperation, "this index", "an index must be an int");
        }

        return new ElementExpr(arrayName, index, elementType);
    }

    private IrExpr? ParseBinary(IBinaryOperation binary)
    {
        if (binary.OperatorMethod is not null && binary.OperatorMethod.MethodKind == MethodKind.UserDefinedOperator)
        {
            return Unsupported(binary, $"the user-defined operator '{binary.OperatorMethod.ToDisplayString()}'", "use float or double arithmetic");
        }

        BinaryOperator? op = ToBinaryOperator(binary.OperatorKind);
        NumericType? type = ToNumericType(binary.Type);
        if (op is null || type is null)
        {
            return Unsupported(binary, Describe(binary), "use + - * / % and comparisons on int, long, uint, float and double values, & | ^ << >> on integers, and && || on conditions");
        }

        IrExpr? left = ParseExpression(binary.LeftOperand);
        bool shortCircuit = op is BinaryOperator.And or BinaryOperator.Or;
        _conditionalDepth += shortCircuit ? 1 : 0;
        IrExpr? right = ParseExpression(binary.RightOperand);
        _conditionalDepth -= shortCircuit ? 1 : 0;
        if (left is null || right is null)
        {
            return null;
        }

        // Operands of one arithmetic operator share a type: C# has already inserted the conversions.
        return new BinaryExpr(op.Value, left, right, type.Value);
    }

    private IrExpr? ParseUnary(IUnaryOperation unary)
    {
        IrExpr? operand = ParseExpression(unary.Operand);
        if (operand is null)
        {
            return null;
        }

        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => new UnaryExpr(UnaryOperator.Negate, operand, operand.Type),
            UnaryOperatorKind.Not => new UnaryExpr(UnaryOperator.Not, operand, NumericType.Bool),
            UnaryOperatorKind.BitwiseNegation when operand.Type.IsInteger() => new UnaryExpr(UnaryOperator.BitwiseNot, operand, operand.Type),
            _ => Unsupported(unary, Describe(unary), "use unary minus, plus, logical not, or ~ on an integer"),
        };
    }

    private IrExpr? ParseConversion(IConversionOperation conversion)
    {
        NumericType? to = ToNumericType(conversion.Type);
        NumericType? from = ToNumericType(conversion.Operand.Type);
        if (to is null || from is null || to == NumericType.Bool || from == NumericType.Bool || conversion.OperatorMethod is not null)
        {
            return Unsupported(conversion, $"the conversion to '{conversion.Type?.ToDisplayString()}'", "convert only among int, float and double");
        }

        IrExpr? operand = ParseExpression(conversion.Operand);
        return operand is null ? null : Convert(operand, to.Value);
    }

    private IrExpr? Unsupported(IOperation operation, string what, string instead)
    {
        Report(DiagnosticDescriptors.UnsupportedExpression, operation, what, instead);
        return null;
    }

    internal static IrExpr Convert(IrExpr expression, NumericType type)
    {
        if (expression.Type == type)
        {
            return expression;
        }

        if (expression is ConstantExpr constant && type != NumericType.Bool)
        {
            double value = type.IsInteger() ? System.Math.Truncate(constant.Value) : type == NumericType.Float ? (float)constant.Value : constant.Value;
            bool representable = type switch
            {
                NumericType.Int => value >= int.MinValue && value <= int.MaxValue,
                NumericType.UInt => value >= 0 && value <= uint.MaxValue,
                NumericType.Long => System.Math.Abs(value) <= 9007199254740992d,
                _ => true,
            };
            if (representable)
            {
                return new ConstantExpr(value, type);
            }
        }

        return new ConvertExpr(expression, type);
    }

    /// <summary>The type C# computes <c>a op b</c> in (its binary numeric promotion).</summary>
    internal static NumericType Wider(NumericType a, NumericType b)
        => a == NumericType.Double || b == NumericType.Double ? NumericType.Double
        : a == NumericType.Float || b == NumericType.Float ? NumericType.Float
        : a == NumericType.Long || b == NumericType.Long ? NumericType.Long
        : a == NumericType.UInt && b == NumericType.UInt ? NumericType.UInt
        : a == NumericType.UInt || b == NumericType.UInt ? NumericType.Long
        : NumericType.Int;

    private static BinaryOperator? ToBinaryOperator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOperator.Add,
        BinaryOperatorKind.Subtract => BinaryOperator.Subtract,
        BinaryOperatorKind.Multiply => BinaryOperator.Multiply,
        BinaryOperatorKind.Divide => BinaryOperator.Divide,
        BinaryOperatorKind.Remainder => BinaryOperator.Remainder,
        BinaryOperatorKind.LessThan => BinaryOperator.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperator.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperatorKind.Equals => BinaryOperator.Equal,
        BinaryOperatorKind.NotEquals => BinaryOperator.NotEqual,
        BinaryOperatorKind.ConditionalAnd => BinaryOperator.And,
        BinaryOperatorKind.ConditionalOr => BinaryOperator.Or,
        BinaryOperatorKind.And => BinaryOperator.BitwiseAnd,
        BinaryOperatorKind.Or => BinaryOperator.BitwiseOr,
        BinaryOperatorKind.ExclusiveOr => BinaryOperator.ExclusiveOr,
        BinaryOperatorKind.LeftShift => BinaryOperator.LeftShift,
        BinaryOperatorKind.RightShift => BinaryOperator.RightShift,
        BinaryOperatorKind.UnsignedRightShift => BinaryOperator.UnsignedRightShift,
        _ => null,
    };
}
