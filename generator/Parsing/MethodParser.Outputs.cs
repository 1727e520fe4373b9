using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Outputs: <c>Span&lt;T&gt;</c> parameters a method writes its results into, and calls to differentiable
/// callees that write outputs. Such a call changes arrays, so it becomes a statement of its own (a
/// <see cref="CallStmt"/>): as a statement it stays where it is; inside an expression it is hoisted before
/// the statement that holds it, into a fresh local that the expression then reads.
/// </summary>
internal sealed partial class MethodParser
{
    private readonly Dictionary<CallStmt, (Location Location, string Callee)> _hoistedCalls = new(ReferenceComparer<CallStmt>.Instance);

    /// <summary>Where output calls inside the statement being parsed go; null where hoisting would change the order of evaluation.</summary>
    private List<IrStmt>? _pendingCalls;

    /// <summary>The call that stands as an expression statement of its own (not hoisted).</summary>
    private IInvocationOperation? _statementCall;

    /// <summary>How deep the parser is inside the parts of <c>?:</c>, <c>&amp;&amp;</c> and <c>||</c> that may not run.</summary>
    private int _conditionalDepth;

    /// <summary>The return type, or for a void method the element type of its outputs (the type its seeds have).</summary>
    private NumericType ReturnTypeOrOutputType()
    {
        if (!_method.ReturnsVoid)
        {
            return ToNumericType(_method.ReturnType) ?? NumericType.Double;
        }

        IParameterSymbol? output = _method.Parameters.FirstOrDefault(p => GradientSignatures.IsOutput(_method, p));
        return output is null ? NumericType.Double : ElementTypeOf(output.Type) ?? NumericType.Double;
    }

    /// <summary><c>[Output]</c> belongs on a writable float or double span that is not also <c>[NoGrad]</c>.</summary>
    private void CheckOutputAttribute(IParameterSymbol parameter, Location location, bool isOutput)
    {
        if (!GradientSignatures.HasAttribute(parameter, GradientSignatures.OutputAttributeName))
        {
            return;
        }

        if (!isOutput)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, $"[Output] parameter '{parameter.Name}' must be a Span<float> or Span<double> passed by value, which the method writes");
        }
        else if (GradientSignatures.HasAttribute(parameter, NoGradAttributeName))
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, _method.Name, $"parameter '{parameter.Name}' is both [Output] and [NoGrad]; an output is a result, so it always carries a gradient");
        }
    }

    /// <summary>An argument passed to a callee's output: a writable local array, array or span parameter, or a slice of one.</summary>
    private IrExpr? ParseOutputArgument(IArgumentOperation argument, IMethodSymbol target, int index, NumericType element)
    {
        IOperation passed = argument.Value;
        while (passed is IConversionOperation conversion)
        {
            passed = conversion.Operand;
        }

        IrExpr? view = ParseArrayView(passed, element, writable: true, argument);
        if (view is null)
        {
            return null;
        }

        string array = ArrayView.BaseOf(view);
        if (_parameters.TryGetValue(array, out IrParameter? parameter) && parameter.Kind == ParameterKind.ReadOnlySpan)
        {
            return Unsupported(argument, $"the read-only span '{array}' passed to the output '{target.Parameters[index].Name}'", "pass a local array, or a Span<T> or T[] parameter");
        }

        return view;
    }

    /// <summary>
    /// A call with outputs as a statement (<see cref="_statementCall"/>) stays the call; inside an expression it
    /// is hoisted into a fresh local, unless it sits where it might not run or might run more than once.
    /// </summary>
    private IrExpr? PlaceOutputCall(IInvocationOperation invocation, DifferentiableCallExpr call, IMethodSymbol target)
    {
        if (!CheckOutputAliasing(invocation, call, target))
        {
            return null;
        }

        if (ReferenceEquals(invocation, _statementCall))
        {
            return call;
        }

        if (_pendingCalls is null || _conditionalDepth > 0)
        {
            return Unsupported(invocation, $"the call to '{target.ContainingType.Name}.{target.Name}', which writes outputs, here", "call it as a statement of its own or assign its result to a local, outside loop headers and the branches of ?:, && and ||");
        }

        string name = target.Name.Length == 0 ? "callResult" : char.ToLowerInvariant(target.Name[0]) + target.Name.Substring(1) + "Result";
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
        {
            name = char.ToLowerInvariant(target.Name[0]) + target.Name.Substring(1) + "Result_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _locals.Add(new IrLocal(name, call.Type));
        var result = new VariableExpr(name, call.Type);
        var statement = new CallStmt(call, result);
        _hoistedCalls[statement] = (invocation.Syntax.GetLocation(), target.ContainingType.Name + "." + target.Name);
        _pendingCalls.Add(statement);
        return result;
    }

    /// <summary>SG0019: an output argument whose array is also another array argument of the same call.</summary>
    private bool CheckOutputAliasing(IInvocationOperation invocation, DifferentiableCallExpr call, IMethodSymbol target)
    {
        IArgumentOperation[] ordered = InParameterOrder(invocation).ToArray();
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (!call.IsOutput(i))
            {
                continue;
            }

            string array = ArrayView.BaseOf(call.Arguments[i]);
            for (int j = 0; j < call.Arguments.Count; j++)
            {
                if (j != i && ArrayView.IsView(call.Arguments[j]) && ArrayView.BaseOf(call.Arguments[j]) == array)
                {
                    Report(DiagnosticDescriptors.OverlappingOutputArgument, ordered[i].Syntax.GetLocation(), array, target.Parameters[i].Name, target.ContainingType.Name + "." + target.Name, target.Parameters[j].Name);
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Parses one statement with output calls hoisted before it, and refuses a hoisted call whose outputs the rest
    /// of the statement also reads (C# reads them before the call runs, the hoisted form after).
    /// </summary>
    private void ParseStatementHoistingCalls(IOperation operation, List<IrStmt> statements, bool hoistable)
    {
        List<IrStmt>? outer = _pendingCalls;
        var pending = new List<IrStmt>();
        _pendingCalls = hoistable ? pending : null;
        int start = statements.Count;
        try
        {
            ParseStatementCore(operation, statements);
        }
        finally
        {
            _pendingCalls = outer;
        }

        if (pending.Count == 0)
        {
            return;
        }

        var rest = statements.Skip(start).ToList();
        foreach (CallStmt call in pending.OfType<CallStmt>())
        {
            HashSet<string> outputs = OutputArrays(call.Call);
            bool readLater = rest.SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.ArraysRead).Any(outputs.Contains);
            if (readLater)
            {
                (Location location, string callee) = _hoistedCalls[call];
                Report(DiagnosticDescriptors.UnsupportedExpression, location, $"the call to '{callee}', which writes outputs the same statement also reads", "call it in a statement of its own before or after the statement that reads them");
            }
        }

        statements.InsertRange(start, pending);
    }

    private static HashSet<string> OutputArrays(DifferentiableCallExpr call)
        => new(call.Arguments.Where((_, i) => call.IsOutput(i)).Select(ArrayView.BaseOf));
}
