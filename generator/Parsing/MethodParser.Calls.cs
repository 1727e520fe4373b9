using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>Calls: math functions, Gradient.Stop, differentiable callees, and helpers whose result is a constant.</summary>
internal sealed partial class MethodParser
{
    private IrExpr? ParseInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        if (!KnownMethods.TryGetMathFunction(target, out MathFunction function))
        {
            return ParseUserCall(invocation, target);
        }

        NumericType? type = ToNumericType(invocation.Type);
        if (type is null)
        {
            return Unsupported(invocation, $"'{target.ToDisplayString()}'", "call the float or double overload");
        }

        var arguments = new List<IrExpr>();
        foreach (IArgumentOperation argument in InParameterOrder(invocation))
        {
            IrExpr? value = ParseExpression(argument.Value);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        return new CallExpr(function, arguments.ToEquatableArray(), type.Value);
    }

    /// <summary>
    /// A call to user code: <c>Gradient.Stop</c>, a method with a gradient (generated or custom), or a helper
    /// on ints and constants whose result has no derivative. Anything else would need a derivative nobody wrote.
    /// </summary>
    private IrExpr? ParseUserCall(IInvocationOperation invocation, IMethodSymbol target)
    {
        string displayName = target.ContainingType.Name + "." + target.Name;
        if (target.ContainingType.ToDisplayString() == "SharpGrad.Gradient" && target.Name == "Stop" && invocation.Arguments.Length == 1)
        {
            IrExpr? operand = ParseExpression(invocation.Arguments[0].Value);
            return operand is null ? null : new StopGradientExpr(operand);
        }

        if (GradientSignatures.CompanionOf(target) is { } companion)
        {
            string? receiver = target.IsStatic ? null : ReceiverText(invocation.Instance);
            bool virtualCallee = target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType.TypeKind == TypeKind.Interface;
            if ((!target.IsStatic && (receiver is null || virtualCallee)) || target.IsGenericMethod)
            {
                return Unsupported(invocation, $"the call to '{displayName}'", "a differentiable callee must be a non-generic static method, or a non-virtual [Differentiable] or [CustomGradient] instance method of this class or of a [Module] member");
            }

            if (!SymbolEqualityComparer.Default.Equals(target.ContainingType, target.ContainingType.OriginalDefinition)
                && GradientSignatures.CustomGradientProblem(target, out string customName, out string expected) is { Length: > 0 } customProblem)
            {
                // A member of a generic type is checked where its type arguments are known: here, not at the declaration.
                Report(DiagnosticDescriptors.CustomGradientSignature, invocation, displayName, customName, expected, customProblem);
                return null;
            }

            if (!CalleeCompanions.WillExist(target, companion, _compilation, _visiting, _cancellationToken))
            {
                // The callee is refused where it is declared; this method waits for it, with no error of its own.
                _callsRefusedCallee = true;
                return null;
            }

            return ParseDifferentiableCall(invocation, target, companion, receiver);
        }

        if (target.ContainingType.ToDisplayString() is "System.Linq.Enumerable" or "System.Linq.Queryable")
        {
            Report(DiagnosticDescriptors.Linq, invocation, target.Name);
            return null;
        }

        if (target.MethodKind == MethodKind.LocalFunction)
        {
            return null; // SG0011 is reported where the local function is declared
        }

        bool isVirtual = target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType.TypeKind == TypeKind.Interface;
        bool constantArguments = invocation.Arguments.All(a => a.Value.ConstantValue.HasValue || ToNumericType(a.Value.Type) is { } argumentType && !argumentType.IsFloatingPoint());
        NumericType? type = ToNumericType(invocation.Type);
        if (target.IsStatic && !isVirtual && type is not null && (!type.Value.IsFloatingPoint() || constantArguments))
        {
            // No floating-point value flows in, or none flows out: the result is a constant to differentiation.
            var arguments = new List<IrExpr>();
            var literals = new List<string>();
            foreach (IArgumentOperation argument in InParameterOrder(invocation))
            {
                if (argument.Value.ConstantValue is { HasValue: true, Value: string literal })
                {
                    // A name for a check's message (Shapes.Rows(..., "Linear", "x")): kept as a literal after the numbers.
                    literals.Add(literal);
                    continue;
                }

                if (literals.Count > 0)
                {
                    return Unsupported(argument, $"the argument for '{argument.Parameter?.Name}' after a string", "pass string literals after the numeric arguments");
                }

                if (ParseExpression(argument.Value) is not { } value)
                {
                    return null;
                }

                arguments.Add(value);
            }

            string qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Identifier.Escape(target.Name);
            return new ConstantCallExpr(qualified, arguments.ToEquatableArray(), type.Value, literals.ToEquatableArray());
        }

        Report(isVirtual || !target.IsStatic ? DiagnosticDescriptors.VirtualCall : DiagnosticDescriptors.NonDifferentiableCall, invocation, displayName);
        return null;
    }

    private IrExpr? ParseDifferentiableCall(IInvocationOperation invocation, IMethodSymbol target, string companion, string? receiver)
    {
        string displayName = target.ContainingType.Name + "." + target.Name;
        bool[] differentiated = GradientSignatures.DifferentiatedParameters(target);
        bool[] outputs = GradientSignatures.OutputParameters(target);
        var arguments = new List<IrExpr>();
        var passedIn = new List<bool>();
        foreach (IArgumentOperation argument in InParameterOrder(invocation))
        {
            int index = argument.Parameter?.Ordinal ?? arguments.Count;
            passedIn.Add(argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax syntax && syntax.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.InKeyword));
            (NumericType? element, ParameterKind kind) = Classify(target.Parameters[index].Type);
            if (element is null)
            {
                return Unsupported(argument, $"the argument for '{target.Parameters[index].Name}'", "differentiable callees take float, double, int or bool values, or arrays and spans of them");
            }

            if (outputs[index])
            {
                if (ParseOutputArgument(argument, target, index, element.Value) is not { } output)
                {
                    return null;
                }

                arguments.Add(output);
                continue;
            }

            if (kind == ParameterKind.Scalar)
            {
                if (ParseExpression(argument.Value) is not { } value)
                {
                    return null;
                }

                arguments.Add(Convert(value, element.Value));
                NoteConstantArgument(arguments[arguments.Count - 1], argument, target, index, differentiated);
                continue;
            }

            if (kind != ParameterKind.ReadOnlySpan)
            {
                // The reverse sweep calls the callee's gradient with the argument as it is then; a callee that
                // wrote into it would be differentiated at the wrong values.
                return Unsupported(argument, $"passing an array to the writable parameter '{target.Parameters[index].Name}' of '{displayName}'", "declare that parameter ReadOnlySpan<" + element.Value.Keyword() + ">; a differentiable callee must not overwrite its arguments");
            }

            if (ParseArrayView(argument.Value, element.Value, writable: false, argument) is not { } view)
            {
                return null;
            }

            arguments.Add(view);
            NoteConstantArgument(arguments[arguments.Count - 1], argument, target, index, differentiated);
        }

        // An instance callee is called on its receiver; its companion adds into that module's own gradients.
        string owner = receiver ?? target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        NumericType type = ToNumericType(target.ReturnType)
            ?? target.Parameters.Where((_, i) => outputs[i]).Select(p => ElementTypeOf(p.Type)).FirstOrDefault()
            ?? NumericType.Double;
        var call = new DifferentiableCallExpr(
            owner + "." + Identifier.Escape(target.Name),
            owner + "." + companion,
            arguments.ToEquatableArray(),
            differentiated.ToEquatableArray(),
            passedIn.ToEquatableArray(),
            type,
            outputs.ToEquatableArray(),
            target.ReturnsVoid,
            receiver,
            receiver is not null && Models.ParametersOnlyCompanion.HasVariant(Models.ModuleSymbols.ModuleElementType(target.ContainingType) is not null, differentiated),
            outputs.Any(o => o) && GradientSignatures.BackwardOf(target) is { } backward ? owner + "." + backward : null);
        return call.HasOutputs ? PlaceOutputCall(invocation, call, target) : call;
    }

    /// <summary>Remembers a floating-point argument the callee does not differentiate, for <see cref="CheckConstantArguments"/>.</summary>
    private void NoteConstantArgument(IrExpr value, IArgumentOperation argument, IMethodSymbol target, int index, bool[] differentiated)
    {
        if (!differentiated[index] && value.Type.IsFloatingPoint())
        {
            _constantArguments.Add((value, argument.Syntax.GetLocation(), target.Parameters[index].Name, target.ContainingType.Name + "." + target.Name));
        }
    }

    /// <summary>
    /// The arguments of a call by parameter position. Roslyn lists them in evaluation order, which for named
    /// arguments (<c>Pow(y: 3, x: v)</c>) is source order; the generated call passes them positionally.
    /// </summary>
    private static IEnumerable<IArgumentOperation> InParameterOrder(IInvocationOperation invocation)
        => invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? int.MaxValue);
}
