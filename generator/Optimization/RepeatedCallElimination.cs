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
        var names = new NameScope(IrWalker.AllStatements(program.Forward.Concat(program.Reverse))
            .SelectMany(s => IrWalker.ExpressionsOf(s).SelectMany(IrWalker.VariablesRead).Concat(s is DeclareStmt d ? [d.Name] : []))
            .Concat(program.Method.Parameters.Select(p => p.Name)).Concat(program.Locals.Select(l => l.Name))
            .Concat(program.Gradients.Select(g => g.GradientName)).Append(program.TapeName).Append(program.SeedName).Append(program.ResultName));
        EquatableArray<IrStmt> forward = Block(program.Forward, names), reverse = Block(program.Reverse, names);
        return forward == program.Forward && reverse == program.Reverse ? program : program with { Forward = forward, Reverse = reverse };
    }

    private static EquatableArray<IrStmt> Block(EquatableArray<IrStmt> block, NameScope names)
    {
        var statements = block.Select(s => s switch
        {
            ForStmt loop => loop with { Body = Block(loop.Body, names) },
            WhileStmt loop => loop with { Body = Block(loop.Body, names) },
            IfStmt branch => branch with { Then = Block(branch.Then, names), Else = Block(branch.Else, names) },
            _ => s,
        }).ToList();

        // Reuse a local that holds the call: t = f(u) (or T t = f(u)), then f(u) again.
        for (int k = 0; k < statements.Count; k++)
        {
            if (Definition(statements[k]) is { } held)
            {
                Replace(statements, k + 1, held.Value, new VariableExpr(held.Name, held.Value.Type), held.Name);
            }
        }

        // Share a call that two statements of this block evaluate.
        for (int k = 0; k < statements.Count; k++)
        {
            foreach (CallExpr call in OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).OfType<CallExpr>().Where(c => Pure(c) && !MayThrow(c)).ToList())
            {
                int uses = Uses(statements, k, call);
                if (uses < 2 || !OwnExpressions(statements[k]).SelectMany(IrWalker.Descendants).Contains(call))
                {
                    continue;
                }

                string name = names.Fresh(call.Function.ToString().ToLowerInvariant() + "Value");
                var local = new VariableExpr(name, call.Type);
                statements.Insert(k, new DeclareStmt(name, call.Type, call));
                Replace(statements, k + 1, call, local, name);
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

        return result.ToEquatableArray();
    }

    /// <summary>How many of the statements from <paramref name="start"/> on evaluate <paramref name="call"/> before something it reads changes.</summary>
    private static int Uses(List<IrStmt> statements, int start, CallExpr call)
    {
        int uses = 0;
        for (int k = start; k < statements.Count; k++)
        {
            IrStmt statement = statements[k];
            if (IrWalker.AllStatements([statement]).Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt)))
            {
                break;
            }

            uses += IrWalker.AllStatements([statement]).SelectMany(OwnExpressions).SelectMany(IrWalker.Descendants).Count(e => e == call);
            if (Writes(statement, call))
            {
                break;
            }
        }

        return uses;
    }

    /// <summary>Replaces <paramref name="call"/> by <paramref name="local"/> from <paramref name="start"/> on, until something it reads or the local changes.</summary>
    private static bool Replace(List<IrStmt> statements, int start, IrExpr call, VariableExpr local, string localName)
    {
        for (int k = start; k < statements.Count; k++)
        {
            IrStmt statement = statements[k];
            switch (statement)
            {
                case AssignStmt assign:
                    statements[k] = assign with { Value = Substitute(assign.Value, call, local), Target = assign.Target is ElementExpr e ? e with { Index = Substitute(e.Index, call, local) } : assign.Target };
                    break;
                case DeclareStmt declare:
                    statements[k] = declare with { Value = Substitute(declare.Value, call, local) };
                    break;
                case IfStmt branch when !IrWalker.AllStatements([branch]).Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt)):
                    var then = branch.Then.ToList();
                    var otherwise = branch.Else.ToList();
                    bool thenAlive = Replace(then, 0, call, local, localName), elseAlive = Replace(otherwise, 0, call, local, localName);
                    statements[k] = branch with { Condition = Substitute(branch.Condition, call, local), Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() };
                    if (!thenAlive || !elseAlive)
                    {
                        return false;
                    }

                    continue;
                case CommentStmt:
                    continue;
                default:
                    return false;
            }

            if (Writes(statement, call) || (statement is AssignStmt { Target: VariableExpr w } && w.Name == localName))
            {
                return false;
            }
        }

        return true;
    }

    private static (string Name, CallExpr Value)? Definition(IrStmt statement) => statement switch
    {
        AssignStmt { Kind: AssignKind.Set, Target: VariableExpr target, Value: CallExpr call } when Pure(call) && !IrWalker.VariablesRead(call).Contains(target.Name) => (target.Name, call),
        DeclareStmt { Value: CallExpr call } declare when Pure(call) && !IrWalker.VariablesRead(call).Contains(declare.Name) => (declare.Name, call),
        _ => null,
    };

    /// <summary>
    /// Whether the call can throw (<c>Math.Sign(NaN)</c>, <c>Math.Clamp</c> with its bounds reversed, <c>Math.Abs(int.MinValue)</c>,
    /// <c>Math.Round</c> with a digit count out of range): the shared local is computed before the statement, where a call
    /// inside one arm of a conditional (<c>c ? 1 : Math.Sign(t)</c>) would run even when the method's does not.
    /// </summary>
    private static bool MayThrow(CallExpr call) => call.Function is MathFunction.Sign or MathFunction.Clamp
        || (call.Function == MathFunction.Abs && call.Type == NumericType.Int)
        || (call.Function == MathFunction.Round && call.Arguments.Count > 1);

    private static bool Pure(CallExpr call)
        => !IrWalker.Descendants(call).Any(n => n is TapePopExpr or DifferentiableCallExpr or ConstantCallExpr);

    /// <summary>Whether <paramref name="statement"/> writes something <paramref name="call"/> reads.</summary>
    private static bool Writes(IrStmt statement, IrExpr call)
    {
        var reads = new HashSet<string>(IrWalker.VariablesRead(call));
        var arrays = new HashSet<string>(IrWalker.ArraysRead(call));
        return IrWalker.AllStatements([statement]).Any(s => s switch
        {
            AssignStmt { Target: VariableExpr v } => reads.Contains(v.Name),
            AssignStmt { Target: ElementExpr e } => arrays.Contains(e.Array),
            DeclareStmt d => reads.Contains(d.Name),
            _ => false,
        });
    }

    /// <summary>The expressions of a simple statement (not of the statements nested in it).</summary>
    private static IEnumerable<IrExpr> OwnExpressions(IrStmt statement)
        => statement is AssignStmt or DeclareStmt ? IrWalker.ExpressionsOf(statement) : [];

    private static IrExpr Substitute(IrExpr expression, IrExpr call, VariableExpr local)
        => ExpressionRewriter.Rewrite(expression, e => e == call ? local : e);
}
