using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// Computes each math call (<c>Math.Exp(-x[i])</c>, <c>Math.Tanh(u)</c>) once per block where the reverse sweep would
/// compute it again: a later identical call, with nothing written in between that it reads, reuses the local that
/// already holds it (<c>t = Math.Tanh(u); ... double t1 = Math.Tanh(u);</c> becomes <c>double t1 = t;</c>, and a second
/// <c>t = Math.Tanh(u)</c> goes), and identical calls in a statement and the ones after it (branches included) share a
/// new local declared before the first, unless the call can throw (that local is computed even where a conditional would
/// not evaluate the call). Math calls are pure and deterministic, so no value changes; derivative rules that recompute a function's value (tanh, exp, sigmoid) stop costing a call.
/// </summary>
internal sealed class RepeatedCallElimination : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        NameScope names = BlockSubstitution.NamesOf(program);
        return BlockSubstitution.RewriteBlocks(program, statements => Block(statements, names));
    }

    private static List<IrStmt> Block(List<IrStmt> statements, NameScope names)
    {
        // Reuse a local that holds the call: t = f(u) (or T t = f(u)), then f(u) again.
        for (int k = 0; k < statements.Count; k++)
        {
            if (Definition(statements[k]) is { } held)
            {
                BlockSubstitution.Replace(statements, k + 1, held.Value, e => e == held.Value, new VariableExpr(held.Name, held.Value.Type));
            }
        }

        // Share a call that two statements of this block evaluate.
        for (int k = 0; k < statements.Count; k++)
        {
            foreach (CallExpr call in BlockSubstitution.OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).OfType<CallExpr>().Where(c => Pure(c) && !MayThrow(c)).ToList())
            {
                int uses = BlockSubstitution.Uses(statements, k, call, e => e == call);
                if (uses < 2 || !BlockSubstitution.OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).Contains(call))
                {
                    continue;
                }

                string name = names.Fresh(call.Function.ToString().ToLowerInvariant() + "Value");
                var local = new VariableExpr(name, call.Type);
                statements.Insert(k, new DeclareStmt(name, call.Type, call));
                BlockSubstitution.Replace(statements, k + 1, call, e => e == call, local);
                k++;
            }
        }

        // A reused local can leave t = t behind; a recomputation's comment above it then says what happened instead.
        var result = new List<IrStmt>();
        foreach (IrStmt statement in statements)
        {
            if (statement is AssignStmt { Kind: AssignKind.Set, Target: VariableExpr target, Value: VariableExpr value } && target == value)
            {
                if (result.Count > 0 && result[^1] is CommentStmt comment && comment.Text.StartsWith(target.Name + " = ", System.StringComparison.Ordinal)
                    && comment.Text.EndsWith(LoopLocalRecomputation.RecomputedSuffix, System.StringComparison.Ordinal))
                {
                    result[^1] = new CommentStmt(comment.Text.Substring(0, comment.Text.Length - LoopLocalRecomputation.RecomputedSuffix.Length) + "  (already computed above in this pass: reused, neither recorded nor recomputed)");
                }

                continue;
            }

            result.Add(statement);
        }

        return result;
    }

    private static (string Name, CallExpr Value)? Definition(IrStmt statement) => statement switch
    {
        AssignStmt { Kind: AssignKind.Set, Target: VariableExpr target, Value: CallExpr call } when Pure(call) && !IrWalker.VariablesRead(call).Contains(target.Name) => (target.Name, call),
        DeclareStmt { Value: CallExpr call } declare when Pure(call) && !IrWalker.VariablesRead(call).Contains(declare.Name) => (declare.Name, call),
        _ => null,
    };

    /// <summary>
    /// Whether the call, or anything in its arguments, can throw (<c>Math.Sign(NaN)</c>, <c>Math.Clamp</c> with its bounds
    /// reversed, <c>Math.Abs(int.MinValue)</c>, <c>Math.Round</c> with a digit count out of range, an int division by
    /// zero): the shared local is computed before the statement, where a call inside one arm of a conditional
    /// (<c>c ? 1 : Math.Min(1, Math.Sign(t))</c>) would run even when the method's does not.
    /// </summary>
    private static bool MayThrow(CallExpr call) => IrWalker.Descendants(call).Any(node => node switch
    {
        CallExpr inner => inner.Function is MathFunction.Sign or MathFunction.Clamp
            || (inner.Function == MathFunction.Abs && inner.Type == NumericType.Int)
            || (inner.Function == MathFunction.Round && inner.Arguments.Count > 1),
        BinaryExpr { Operator: BinaryOperator.Divide or BinaryOperator.Remainder, Type: NumericType.Int } => true,
        _ => false,
    });

    private static bool Pure(CallExpr call)
        => !IrWalker.Descendants(call).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr);
}
