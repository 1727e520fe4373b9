using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>The reverse sweep: statements visited backwards, loops reversed, branches replayed.</summary>
internal sealed partial class ReverseModeTransform
{
    private List<IrStmt> ReverseBlock(IEnumerable<IrStmt> statements)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in statements.Reverse())
        {
            int start = output.Count;
            switch (statement)
            {
                case AssignStmt assign:
                    ReverseAssign(assign, output);
                    break;
                case ForStmt loop:
                    ReverseLoop(loop, output);
                    break;
                case WhileStmt loop:
                {
                    List<IrStmt> body = ReverseBlock(loop.Body);
                    if (body.Count > 0)
                    {
                        string counter = _names.Fresh("trips");
                        _tripCounters[loop] = counter;
                        _extraLocals.Add(new IrLocal(counter, NumericType.Int));
                        string k = Temporary();
                        _extraLocals.Add(new IrLocal(k, NumericType.Int));
                        output.Add(new CommentStmt("reverse of: " + (loop.IsDoWhile ? "do ... while (" : "while (") + IrPrinter.Print(loop.Condition) + "), as many times as it ran"));
                        IrExpr last = Sub(new TapePopExpr(NumericType.Int), Const(1, NumericType.Int));
                        output.Add(new ForStmt(k, last, BinaryOperator.GreaterOrEqual, Const(0, NumericType.Int), -1, body.ToEquatableArray()));
                    }

                    break;
                }
                case IfStmt branch:
                {
                    List<IrStmt> whenTrue = ReverseBlock(branch.Then);
                    List<IrStmt> whenFalse = ReverseBlock(branch.Else);
                    if (whenTrue.Count > 0 || whenFalse.Count > 0)
                    {
                        _recordedBranches.Add(branch);
                        output.Add(new CommentStmt("replay the branch taken by: if (" + IrPrinter.Print(branch.Condition) + ")"));
                        output.Add(new IfStmt(new TapePopExpr(NumericType.Bool), whenTrue.ToEquatableArray(), whenFalse.ToEquatableArray()));
                    }

                    break;
                }

                case CallStmt call:
                    ReverseCall(call, output);
                    break;
                case ReturnStmt ret:
                    if (_activity.IsActive(ret.Value))
                    {
                        output.Add(new CommentStmt("return " + IrPrinter.Print(ret.Value) + ";  (seeded with " + _seedName + " = d(loss)/d(result))"));
                        var seed = new VariableExpr(_seedName, ret.Value.Type);
                        PropagateUnlessZero(ret.Value, seed, seed, output);
                    }

                    break;
            }

            // Loops and branches note their own header reads; nested statements noted themselves.
            if (statement is AssignStmt or ReturnStmt or CallStmt)
            {
                NoteReads(statement, output.Skip(start));
            }
        }

        return output;
    }

    private void ReverseAssign(AssignStmt assign, List<IrStmt> output)
    {
        IrExpr target = assign.Target;
        string name = ActivityAnalysis.TargetName(target);
        int start = output.Count;
        if (IsRecorded(assign))
        {
            if (target is ElementExpr element && !_replayable.IsReplayable(element.Index))
            {
                // The forward sweep recorded which element it wrote: restore that one, and take its adjoint.
                var index = new VariableExpr(Temporary(), NumericType.Int);
                output.Add(new DeclareStmt(index.Name, NumericType.Int, new TapePopExpr(NumericType.Int)));
                target = element with { Index = index };
            }

            // Undo the overwrite first: the partials below read values as they were before it.
            output.Add(new AssignStmt(target, new TapePopExpr(target.Type)));
        }

        if (_activity.IsActive(name))
        {
            IrExpr adjoint = AdjointOf(target);
            bool readsItself = target is VariableExpr
                ? IrWalker.VariablesRead(assign.Value).Contains(name)
                : IrWalker.ArraysRead(assign.Value).Contains(name); // another element may alias this one
            if (assign.Value is BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } increment
                && increment.Left == assign.Target && !Reads(increment.Right, name))
            {
                // v = v ± e: d_v flows to the old v unchanged, and ±d_v to e.
                PropagateUnlessZero(increment.Right, increment.Operator == BinaryOperator.Add ? adjoint : Neg(adjoint), adjoint, output);
            }
            else if (!readsItself)
            {
                PropagateUnlessZero(assign.Value, adjoint, adjoint, output);
                if (target is ElementExpr || NeedsAdjointReset(assign, name))
                {
                    output.Add(new AssignStmt(adjoint, Const(0, target.Type)));
                }
            }
            else
            {
                // v = f(v, ...): take d_v before clearing it, then pass it through f.
                string saved = Temporary();
                output.Add(new DeclareStmt(saved, target.Type, adjoint));
                output.Add(new AssignStmt(adjoint, Const(0, target.Type)));
                var savedAdjoint = new VariableExpr(saved, target.Type);
                PropagateUnlessZero(assign.Value, savedAdjoint, savedAdjoint, output);
            }
        }

        if (output.Count > start)
        {
            output.Insert(start, new CommentStmt(IrPrinter.Print(assign)));
        }
    }

    private string ArrayAdjoint(string array, NumericType elementType, IrExpr length, List<IrStmt> allocations)
    {
        string adjoint = _names.Fresh("d_" + array);
        _arrayAdjoints[array] = adjoint;
        allocations.Add(new AllocateStmt(adjoint, elementType, length));
        return adjoint;
    }

    private static bool Reads(IrExpr expression, string name)
        => IrWalker.VariablesRead(expression).Contains(name) || IrWalker.ArraysRead(expression).Contains(name);

    /// <summary>The adjoint of a scalar variable or of an array element.</summary>
    private IrExpr AdjointOf(IrExpr value) => value switch
    {
        VariableExpr variable => new VariableExpr(_adjoints[variable.Name], variable.Type),
        ElementExpr element => new ElementExpr(_arrayAdjoints[element.Array], element.Index, element.Type),
        _ => throw new System.InvalidOperationException("no adjoint for " + value.GetType().Name),
    };

    private void ReverseLoop(ForStmt loop, List<IrStmt> output)
    {
        List<IrStmt> body = ReverseBlock(loop.Body);
        if (body.Count == 0)
        {
            return;
        }

        output.Add(new CommentStmt("reverse of: " + IrPrinter.PrintHeader(loop)));
        NoteReads(loop, [new ForStmt(loop.Index, loop.Start, loop.Condition, loop.Bound, loop.Step, EquatableArray<IrStmt>.Empty)]);
        if (loop.Step == 1 || loop.Step == -1)
        {
            // for (i = a; i < b; i++) visits a..b-1, so its reverse visits b-1 down to a (and symmetrically).
            IrExpr last = loop.Condition switch
            {
                BinaryOperator.Less => Sub(loop.Bound, Const(1, NumericType.Int)),
                BinaryOperator.Greater => Add(loop.Bound, Const(1, NumericType.Int)),
                _ => loop.Bound,
            };
            BinaryOperator condition = loop.Step == 1 ? BinaryOperator.GreaterOrEqual : BinaryOperator.LessOrEqual;
            output.Add(new ForStmt(loop.Index, last, condition, loop.Start, -loop.Step, body.ToEquatableArray()));
            return;
        }

        // A larger step: count the iterations the forward loop made, then walk them backwards.
        string count = Temporary();
        string k = Temporary();
        var index = new VariableExpr(loop.Index, NumericType.Int);
        IrExpr step = Const(loop.Step, NumericType.Int);
        IrExpr span = loop.Step > 0 ? Sub(loop.Bound, loop.Start) : Sub(loop.Start, loop.Bound);
        bool inclusive = loop.Condition is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
        int magnitude = System.Math.Abs(loop.Step);
        IrExpr trips = Div(Add(span, Const(inclusive ? magnitude : magnitude - 1, NumericType.Int)), Const(magnitude, NumericType.Int));
        output.Add(new DeclareStmt(count, NumericType.Int, Select(Compare(BinaryOperator.Greater, trips, Const(0, NumericType.Int)), trips, Const(0, NumericType.Int))));
        var reversed = new List<IrStmt> { new AssignStmt(index, Add(loop.Start, Mul(new VariableExpr(k, NumericType.Int), step))) };
        reversed.AddRange(body);
        output.Add(new ForStmt(k, Sub(new VariableExpr(count, NumericType.Int), Const(1, NumericType.Int)), BinaryOperator.GreaterOrEqual, Const(0, NumericType.Int), -1, reversed.ToEquatableArray()));
        _extraLocals.Add(new IrLocal(k, NumericType.Int));
    }
}
