using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Vectorization;

/// <summary>
/// If-conversion of a loop body for its vector lanes: an <c>if</c> on a condition that varies by iteration (a Huber or
/// hinge loss, a leaky ReLU written inline, and the reverse of any of them) becomes selects, so that every lane runs the
/// same statements. Under the condition <c>m</c> (the branch's condition, and the enclosing ones):
/// <list type="bullet">
/// <item><c>t += e</c> and <c>t = t + e</c> become <c>t += m ? e : 0</c> and <c>t = t + (m ? e : 0)</c> (a reduction stays one), and
/// any other <c>t = e</c> becomes <c>t = m ? e : t</c> (a value assigned on one side only keeps its old value on the other);</item>
/// <item>a declaration is evaluated in every lane (its name is its own, and only statements under the same condition read it);</item>
/// <item>an <c>if</c> on a loop-invariant condition stays a branch, its sides converted under <c>m</c>.</item>
/// </list>
/// Both sides are evaluated in every lane: only <see cref="LoopShape"/>'s operations occur in a vector loop (float
/// arithmetic and VectorMath), which neither throw nor write, and the select keeps each lane's own side, so a lane
/// gets exactly what the branch gives it (adding 0 where the branch added nothing turns -0 into +0, nothing else).
/// The result is for the vector part only: the scalar tail, and the whole loop when the vector part's guard fails, run
/// the loop as written, so an element the branch would not have read is never read out of bounds.
/// A side that writes what its condition reads, or holds anything but assignments, declarations, comments and such
/// branches, leaves the body as it is (null).
/// </summary>
internal static class IfConversion
{
    /// <summary>The body with every per-iteration <c>if</c> turned into selects, or null when it has none or one cannot be converted.</summary>
    public static EquatableArray<IrStmt>? Convert(ForStmt loop)
    {
        var statements = IrWalker.AllStatements(loop.Body).ToList();
        var changed = new HashSet<string>(statements.OfType<AssignStmt>().Where(a => a.Target is VariableExpr).Select(a => ((VariableExpr)a.Target).Name)
            .Concat(statements.OfType<DeclareStmt>().Select(d => d.Name))
            .Append(loop.Index));
        if (!statements.OfType<IfStmt>().Any(b => !LoopShape.IsInvariant(b.Condition, changed)))
        {
            return null;
        }

        var output = new List<IrStmt>();
        return Block(loop.Body, null, changed, output) ? output.ToEquatableArray() : null;
    }

    private static bool Block(IEnumerable<IrStmt> block, IrExpr? mask, HashSet<string> changed, List<IrStmt> output)
    {
        foreach (IrStmt statement in block)
        {
            switch (statement)
            {
                case CommentStmt:
                    output.Add(statement);
                    break;
                case DeclareStmt:
                    output.Add(statement);
                    break;
                case AssignStmt assign when mask is null:
                    output.Add(assign);
                    break;
                case AssignStmt { Kind: AssignKind.Add } assign:
                    output.Add(assign with { Value = new ConditionalExpr(mask, assign.Value, ConstantExpr.Zero(assign.Value.Type), assign.Value.Type) });
                    break;
                case AssignStmt { Value: BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum } assign when sum.Left == assign.Target:
                    // t = t + e (or - e), a reduction: t = t + (m ? e : 0), still one.
                    output.Add(assign with { Value = sum with { Right = new ConditionalExpr(mask, sum.Right, ConstantExpr.Zero(sum.Type), sum.Type) } });
                    break;
                case AssignStmt assign:
                    output.Add(assign with { Value = new ConditionalExpr(mask, assign.Value, assign.Target, assign.Value.Type) });
                    break;
                case IfStmt branch when LoopShape.IsInvariant(branch.Condition, changed):
                    var then = new List<IrStmt>();
                    var otherwise = new List<IrStmt>();
                    if (!Block(branch.Then, mask, changed, then) || !Block(branch.Else, mask, changed, otherwise))
                    {
                        return false;
                    }

                    output.Add(branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                    break;
                case IfStmt branch:
                    // The condition is evaluated again for each converted statement: nothing under it may change what it reads.
                    var read = new HashSet<string>(IrWalker.VariablesRead(branch.Condition).Concat(IrWalker.ArraysRead(branch.Condition)));
                    if (IrWalker.AllStatements(branch.Then.Concat(branch.Else)).Any(s => Writes(s, read)))
                    {
                        return false;
                    }

                    IrExpr negated = new UnaryExpr(UnaryOperator.Not, branch.Condition, NumericType.Bool);
                    if (!Block(branch.Then, And(mask, branch.Condition), changed, output) || !Block(branch.Else, And(mask, negated), changed, output))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool Writes(IrStmt statement, HashSet<string> names) => statement switch
    {
        AssignStmt { Target: VariableExpr variable } => names.Contains(variable.Name),
        AssignStmt { Target: ElementExpr element } => names.Contains(element.Array),
        DeclareStmt declare => names.Contains(declare.Name),
        _ => false,
    };

    private static IrExpr And(IrExpr? outer, IrExpr condition)
        => outer is null ? condition : new BinaryExpr(BinaryOperator.And, outer, condition, NumericType.Bool);
}
