using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>The forward sweep: the original statements, recording what the reverse sweep will need.</summary>
internal sealed partial class ReverseModeTransform
{
    private List<IrStmt> ForwardBlock(IEnumerable<IrStmt> statements, string result)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in statements)
        {
            switch (statement)
            {
                case AssignStmt { Target: ElementExpr element } assign when IsRecorded(assign) && !_replayable.IsReplayable(element.Index):
                {
                    // The index may evaluate differently in the reverse sweep: record it after the value it overwrites.
                    var index = new VariableExpr(Temporary(), NumericType.Int);
                    ElementExpr written = element with { Index = index };
                    output.Add(new DeclareStmt(index.Name, NumericType.Int, element.Index));
                    output.Add(new TapePushStmt(written));
                    output.Add(new TapePushStmt(index));
                    output.Add(assign with { Target = written });
                    break;
                }

                case AssignStmt assign:
                    if (IsRecorded(assign))
                    {
                        output.Add(new TapePushStmt(assign.Target));
                    }

                    output.Add(assign);
                    break;
                case AllocateStmt allocate:
                    output.Add(allocate);
                    if (_activity.IsActive(allocate.Name))
                    {
                        output.Add(new AllocateStmt(_arrayAdjoints[allocate.Name], allocate.ElementType, allocate.Length));
                    }

                    break;
                case ForStmt loop:
                    output.Add(loop with { Body = ForwardBlock(loop.Body, result).ToEquatableArray() });
                    break;
                case WhileStmt loop:
                {
                    List<IrStmt> body = ForwardBlock(loop.Body, result);
                    if (_tripCounters.TryGetValue(loop, out string? counterName))
                    {
                        // The trip count depends on data: count the iterations and record the count.
                        var counter = new VariableExpr(counterName, NumericType.Int);
                        output.Add(new AssignStmt(counter, Const(0, NumericType.Int)));
                        body.Insert(0, new AssignStmt(counter, Add(counter, Const(1, NumericType.Int))));
                        output.Add(loop with { Body = body.ToEquatableArray() });
                        output.Add(new TapePushStmt(counter));
                    }
                    else
                    {
                        output.Add(loop with { Body = body.ToEquatableArray() });
                    }

                    break;
                }
                case IfStmt branch:
                {
                    List<IrStmt> whenTrue = ForwardBlock(branch.Then, result);
                    List<IrStmt> whenFalse = ForwardBlock(branch.Else, result);
                    if (_recordedBranches.Contains(branch))
                    {
                        // Recorded last (a flag, one byte), so the reverse sweep pops it first and knows which branch to replay.
                        whenTrue.Add(new TapePushStmt(Const(1, NumericType.Bool)));
                        whenFalse.Add(new TapePushStmt(Const(0, NumericType.Bool)));
                    }

                    output.Add(new IfStmt(branch.Condition, whenTrue.ToEquatableArray(), whenFalse.ToEquatableArray()));
                    break;
                }

                case ReturnStmt when _method.ReturnsVoid:
                    break; // a void method's results are its outputs
                case ReturnStmt ret:
                    output.Add(new AssignStmt(new VariableExpr(result, _method.ReturnType), ret.Value));
                    break;
                case CallStmt call:
                    ForwardCall(call, output);
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>
    /// Whether the value <paramref name="assign"/> overwrites must be recorded: the reverse sweep reads the
    /// variable on behalf of a statement that can run before this assignment (so by then, in reverse, the
    /// assignment must have been undone).
    /// </summary>
    private bool IsRecorded(AssignStmt assign)
    {
        string name = ActivityAnalysis.TargetName(assign.Target);
        if (!_reverseReads.TryGetValue(name, out HashSet<IrStmt>? readers) || !readers.Any(reader => _index.CanPrecede(reader, assign)))
        {
            return false;
        }

        // A partial sum inside a loop that starts from a fresh value and reads none of them backwards: the
        // record of the assignment before the loop restores what earlier readers need (no dead pops).
        return assign.Target is not VariableExpr
            || !_freshStarts.LoopsStartingFresh(name).Any(loop => _index.IsInside(loop, assign) && !readers.Any(reader => _index.IsInside(loop, reader)));
    }

    /// <summary>Whether an adjoint must be cleared after this assignment: an earlier (or repeated) assignment will add to it again.</summary>
    private bool NeedsAdjointReset(AssignStmt assign, string name)
        => _index.IsInLoop(assign) || _assignments[name].Any(other => !ReferenceEquals(other, assign) && _index.CanPrecede(other, assign));

    private void NoteReads(IrStmt statement, IEnumerable<IrStmt> emitted)
    {
        if (!_probing)
        {
            return;
        }

        IEnumerable<IrExpr> expressions = IrWalker.AllStatements(emitted).SelectMany(IrWalker.ExpressionsOf);
        foreach (string name in expressions.SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))).Distinct())
        {
            if (!_reverseReads.TryGetValue(name, out HashSet<IrStmt>? readers))
            {
                _reverseReads[name] = readers = new HashSet<IrStmt>(ReferenceComparer<IrStmt>.Instance);
            }

            readers.Add(statement);
        }
    }
}
