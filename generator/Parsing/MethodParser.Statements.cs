using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Diagnostics;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>Statements: blocks, declarations, assignments, loops, branches and the final return.</summary>
internal sealed partial class MethodParser
{
    private List<IrStmt> ParseBlock(IBlockOperation block, bool isMethodBody)
    {
        var statements = new List<IrStmt>();
        for (int i = 0; i < block.Operations.Length; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            IOperation operation = block.Operations[i];
            ParseStatement(operation, statements);
        }

        return statements;
    }

    private EquatableArray<IrStmt> ParseNested(IOperation? operation)
    {
        var statements = new List<IrStmt>();
        if (operation is IBlockOperation block)
        {
            statements.AddRange(ParseBlock(block, isMethodBody: false));
        }
        else if (operation is not null)
        {
            ParseStatement(operation, statements);
        }

        return statements.ToEquatableArray();
    }

    /// <summary>Parses a statement; calls that write outputs are hoisted before it, except out of loop headers.</summary>
    private void ParseStatement(IOperation operation, List<IrStmt> statements)
        => ParseStatementHoistingCalls(operation, statements, hoistable: operation is not (ILoopOperation or IBlockOperation));

    private void ParseStatementCore(IOperation operation, List<IrStmt> statements)
    {
        switch (operation)
        {
            case IBlockOperation block:
                statements.AddRange(ParseBlock(block, isMethodBody: false));
                break;
            case IVariableDeclarationGroupOperation group:
                ParseDeclarations(group, statements);
                break;
            case IExpressionStatementOperation { Operation: IInvocationOperation invocation }:
                ParseCallStatement(invocation, statements);
                break;
            case IReturnOperation { ReturnedValue: null } when _method.ReturnsVoid && operation.Parent is IBlockOperation { Parent: IMethodBodyOperation or null } body && ReferenceEquals(body.Operations[body.Operations.Length - 1], operation):
                break; // 'return;' at the end of a void method changes nothing
            case IReturnOperation { ReturnedValue: null } when _method.ReturnsVoid:
                // An early 'return;': lowered like any early return (the value is a placeholder nothing reads).
                statements.Add(new ReturnStmt(ConstantExpr.Zero(ReturnTypeOrOutputType())));
                break;
            case IExpressionStatementOperation { Operation: var expression }:
                if (ParseAssignment(expression) is { } assignment)
                {
                    statements.Add(assignment);
                }

                break;
            case IForLoopOperation forLoop:
                if (ParseFor(forLoop) is { } loop)
                {
                    statements.Add(loop);
                }

                break;
            case IConditionalOperation conditional:
                IrExpr? condition = ParseExpression(conditional.Condition);
                _nesting++;
                EquatableArray<IrStmt> whenTrue = ParseNested(conditional.WhenTrue);
                EquatableArray<IrStmt> whenFalse = ParseNested(conditional.WhenFalse);
                _nesting--;
                if (condition is not null)
                {
                    statements.Add(new IfStmt(condition, whenTrue, whenFalse));
                }

                break;
            case IEmptyOperation:
                break;
            case IReturnOperation { ReturnedValue: { } returned }:
                if (ParseExpression(returned) is { } value)
                {
                    statements.Add(new ReturnStmt(Convert(value, ToNumericType(_method.ReturnType) ?? value.Type)));
                }

                break;
            case ITryOperation:
                Report(DiagnosticDescriptors.ExceptionHandling, operation, "'try'");
                break;
            case IThrowOperation:
                Report(DiagnosticDescriptors.ExceptionHandling, operation, "'throw'");
                break;
            case ILocalFunctionOperation:
                Report(DiagnosticDescriptors.LambdaOrDelegate, operation, "a local function");
                break;
            case IWhileLoopOperation whileLoop when whileLoop.Condition is not null && !whileLoop.ConditionIsUntil:
            {
                IrExpr? whileCondition = ParseExpression(whileLoop.Condition);
                _nesting++;
                EquatableArray<IrStmt> whileBody = ParseNested(whileLoop.Body);
                _nesting--;
                if (whileCondition is not null)
                {
                    statements.Add(new WhileStmt(whileCondition, whileBody, IsDoWhile: !whileLoop.ConditionIsTop));
                }

                break;
            }
            case IForEachLoopOperation:
                Report(DiagnosticDescriptors.UnsupportedLoop, operation, "'foreach' is not supported; index the span in a 'for' loop");
                break;
            case IBranchOperation { BranchKind: BranchKind.Break }:
                statements.Add(new BreakStmt());
                break;
            case IBranchOperation { BranchKind: BranchKind.Continue }:
                statements.Add(new ContinueStmt());
                break;
            case IBranchOperation { BranchKind: BranchKind.GoTo }:
                Report(DiagnosticDescriptors.Goto, operation);
                break;
            case IBranchOperation branch:
                Report(DiagnosticDescriptors.UnsupportedStatement, operation, $"'{branch.Syntax.GetFirstToken().Text}'", "use structured loops with break and continue");
                break;
            default:
                Report(DiagnosticDescriptors.UnsupportedStatement, operation, Describe(operation), "SharpGrad differentiates locals, assignments, 'for' loops, 'if' and a final 'return'");
                break;
        }
    }

    /// <summary><c>Layer(x, w, h);</c>: a call that writes outputs, as a statement of its own.</summary>
    private void ParseCallStatement(IInvocationOperation invocation, List<IrStmt> statements)
    {
        IInvocationOperation? outer = _statementCall;
        _statementCall = invocation;
        IrExpr? call;
        try
        {
            call = ParseExpression(invocation);
        }
        finally
        {
            _statementCall = outer;
        }

        if (call is DifferentiableCallExpr { HasOutputs: true } outputs)
        {
            statements.Add(new CallStmt(outputs, null));
        }
        else if (call is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, invocation, Describe(invocation), "a call whose result is discarded does nothing here; only calls that write outputs stand as statements");
        }
    }

    private void ParseDeclarations(IVariableDeclarationGroupOperation group, List<IrStmt> statements)
    {
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
            {
                ILocalSymbol local = declarator.Symbol;
                NumericType? type = ToNumericType(local.Type);
                IOperation? initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                if (type is null && !local.IsRef && Classify(local.Type) is { Element: { } element, Kind: not ParameterKind.Scalar })
                {
                    ParseLocalArray(declarator, local, element, initializer, statements);
                    continue;
                }

                if (local.IsRef)
                {
                    _rejectedLocals.Add(local);
                    Report(DiagnosticDescriptors.UnsupportedStatement, declarator, $"the 'ref' local '{local.Name}'", "copy the value into a plain local, or read and write the array element directly");
                    continue;
                }

                if (type is null)
                {
                    _rejectedLocals.Add(local);
                    if (initializer is IDelegateCreationOperation or IAnonymousFunctionOperation)
                    {
                        IOperation lambda = initializer is IDelegateCreationOperation creation ? creation.Target : initializer;
                        Report(DiagnosticDescriptors.LambdaOrDelegate, lambda, "a lambda or delegate");
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.UnsupportedType, declarator, "local", local.Name, local.Type.ToDisplayString());
                    }

                    continue;
                }

                string name = DeclareLocal(local, type.Value);
                if (initializer is not null && ParseExpression(initializer) is { } value)
                {
                    statements.Add(new AssignStmt(new VariableExpr(name, type.Value), value));
                }
            }
        }
    }

    private string DeclareLocal(ILocalSymbol local, NumericType type, bool isArray = false)
    {
        string name = NameLocal(local);
        if (!_locals.Any(l => l.Name == name))
        {
            _locals.Add(new IrLocal(name, type, isArray));
        }

        return name;
    }

    /// <summary><c>T[] a = new T[n]</c> or <c>Span&lt;T&gt; a = stackalloc T[n]</c>: a zeroed local array.</summary>
    private void ParseLocalArray(IVariableDeclaratorOperation declarator, ILocalSymbol local, NumericType element, IOperation? initializer, List<IrStmt> statements)
    {
        IOperation? length = initializer switch
        {
            IArrayCreationOperation { DimensionSizes: [var dimension], Initializer: null } => dimension,
            IConversionOperation { Operand: var inner } when inner.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax => StackAllocSize(inner),
            _ when initializer?.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax => StackAllocSize(initializer),
            _ => null,
        };
        if (length is null)
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, declarator, $"the local array '{local.Name}'", "create it empty with 'new T[length]' or 'stackalloc T[length]' and fill it element by element");
            return;
        }

        IrExpr? size = ParseExpression(length);
        if (size is null)
        {
            return;
        }

        string name = DeclareLocal(local, element, isArray: true);
        _localArrays[name] = element;
        var allocate = new AllocateStmt(name, element, size);
        if (_nesting > 0)
        {
            // Hoisted to the top level once the whole body is parsed (LocalArrayHoisting), if its length allows.
            _nestedArrays[allocate] = (declarator.Syntax.GetLocation(), local.Name);
        }

        statements.Add(allocate);
    }

    private static IOperation? StackAllocSize(IOperation allocation)
    {
        // Roslyn has no public IOperation for stackalloc; its size is the int-typed child.
        foreach (IOperation child in allocation.ChildOperations)
        {
            if (child.Type?.SpecialType == SpecialType.System_Int32)
            {
                return child;
            }
        }

        return null;
    }

    private AssignStmt? ParseAssignment(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
            {
                IrExpr? target = ParseAssignmentTarget(assignment.Target);
                IrExpr? value = ParseExpression(assignment.Value);
                return target is null || value is null ? null : new AssignStmt(target, value);
            }

            case ICompoundAssignmentOperation compound:
            {
                IrExpr? target = ParseAssignmentTarget(compound.Target);
                IrExpr? value = ParseExpression(compound.Value);
                BinaryOperator? op = ToBinaryOperator(compound.OperatorKind);
                if (op is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, operation, $"the operator '{compound.OperatorKind}'", "use + - * / with float and double values");
                    return null;
                }

                if (target is null || value is null)
                {
                    return null;
                }

                // x op= y means x = (T)(x op y), computed in the wider of the two types; a shift keeps the
                // type of x and an int count, and & | ^ on bools stay bool.
                bool shift = op is BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift;
                NumericType computeType = shift || target.Type == NumericType.Bool ? target.Type : Wider(target.Type, value.Type);
                IrExpr combined = new BinaryExpr(op.Value, Convert(target, computeType), Convert(value, shift ? NumericType.Int : computeType), computeType);
                return new AssignStmt(target, Convert(combined, target.Type));
            }

            case IIncrementOrDecrementOperation increment:
            {
                IrExpr? target = ParseAssignmentTarget(increment.Target);
                if (target is null)
                {
                    return null;
                }

                bool isIncrement = increment.Kind == OperationKind.Increment;
                return new AssignStmt(target, new BinaryExpr(isIncrement ? BinaryOperator.Add : BinaryOperator.Subtract, target, ConstantExpr.One(target.Type), target.Type));
            }

            default:
                Report(DiagnosticDescriptors.UnsupportedStatement, operation, Describe(operation), "only assignments, compound assignments, ++ and -- can stand as statements");
                return null;
        }
    }

    private IrExpr? ParseAssignmentTarget(IOperation target)
    {
        switch (target)
        {
            case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }:
                if (ParseExpression(target) is not ElementExpr element)
                {
                    return null;
                }

                if (_parameters.TryGetValue(element.Array, out IrParameter? owner) && owner.Member is { } member)
                {
                    Report(DiagnosticDescriptors.UnsupportedAssignment, target, $"an element of the member '{member.MemberName}'", "a differentiable method must not change its module's parameters or state (the optimizer does); compute into a local array");
                    return null;
                }

                return element;
            case ILocalReferenceOperation local when _localNames.TryGetValue(local.Local, out string? name):
                if (_loopIndices.Contains(name))
                {
                    Report(DiagnosticDescriptors.UnsupportedAssignment, target, $"the loop index '{local.Local.Name}'", "a 'for' loop's index may only change in the loop header");
                    return null;
                }

                return new VariableExpr(name, ToNumericType(local.Type) ?? NumericType.Double);
            case IParameterReferenceOperation parameter:
                Report(DiagnosticDescriptors.UnsupportedAssignment, target, $"the parameter '{parameter.Parameter.Name}'", "copy it into a local and change the local");
                return null;
            case IFieldReferenceOperation field:
                Report(DiagnosticDescriptors.UnsupportedAssignment, target, $"the field '{field.Field.Name}'", "a differentiable method must not change state outside itself; use a local");
                return null;
            default:
                Report(DiagnosticDescriptors.UnsupportedAssignment, target, Describe(target), "assign to a local variable");
                return null;
        }
    }

    private static string Describe(IOperation operation)
    {
        string text = operation.Syntax.ToString();
        int newline = text.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            text = text.Substring(0, newline).TrimEnd() + " ...";
        }

        return "'" + (text.Length > 60 ? text.Substring(0, 57) + "..." : text) + "'";
    }
}
