using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Which values need adjoints. A value is <em>varied</em> when it depends on a differentiated parameter and
/// <em>useful</em> when the result depends on it; only values that are both (active) get adjoint code.
/// Flow-insensitive and conservative: a fixed point over every assignment, so loops and branches need no
/// special care, at the price of occasionally keeping an adjoint that is always zero.
/// </summary>
internal sealed class ActivityAnalysis
{
    private readonly HashSet<string> _varied;
    private readonly HashSet<string> _useful;

    private ActivityAnalysis(HashSet<string> varied, HashSet<string> useful)
    {
        _varied = varied;
        _useful = useful;
    }

    /// <summary>Whether <paramref name="name"/> (a scalar or an array) carries a derivative to the result.</summary>
    public bool IsActive(string name) => _varied.Contains(name) && _useful.Contains(name);

    /// <summary>Whether <paramref name="expression"/> depends on a differentiated parameter through a path with a possibly nonzero derivative.</summary>
    public bool IsVaried(IrExpr expression) => DifferentiableReads(expression).Any(_varied.Contains);

    /// <summary>Whether the result can depend on <paramref name="name"/> at all.</summary>
    public bool IsUseful(string name) => _useful.Contains(name);

    /// <summary>Whether <paramref name="expression"/> reads an active value where its derivative is not zero.</summary>
    public bool IsActive(IrExpr expression) => DifferentiableReads(expression).Any(IsActive);

    public static ActivityAnalysis Run(MethodIr method)
    {
        // Everything an assignment can make varied: floating-point locals, local arrays and writable array parameters.
        var floatingLocals = new HashSet<string>(
            method.Locals.Where(l => l.Type.IsFloatingPoint()).Select(l => l.Name)
                .Concat(method.Parameters.Where(p => p.Kind != ParameterKind.Scalar && p.ElementType.IsFloatingPoint()).Select(p => p.Name)));
        List<(string[] Targets, string[] Reads)> effects = IrWalker.AllStatements(method.Body).Select(EffectOf).Where(e => e.Targets.Length > 0).ToList();
        IrExpr[] results = IrWalker.AllStatements(method.Body).OfType<ReturnStmt>().Select(r => r.Value).ToArray();
        string[] outputs = method.Parameters.Where(p => p.IsOutput).Select(p => p.Name).ToArray();

        // An output's contents on entry are an input too (the companion can return their gradient), and its
        // contents on exit are a result.
        var varied = new HashSet<string>(method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.Name).Concat(outputs)
            // A module's instance method reads that module's parameters: the receiver ("this.fc1", never a local's
            // name) is a source of variation like a differentiated parameter.
            .Concat(IrWalker.AllStatements(method.Body).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.Descendants).OfType<DifferentiableCallExpr>().Select(c => c.Receiver).OfType<string>()));
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach ((string[] targets, string[] reads) in effects)
            {
                if (reads.Any(varied.Contains))
                {
                    foreach (string target in targets.Where(floatingLocals.Contains))
                    {
                        changed |= varied.Add(target);
                    }
                }
            }
        }

        var useful = new HashSet<string>(results.SelectMany(DifferentiableReads).Concat(outputs));
        changed = true;
        while (changed)
        {
            changed = false;
            foreach ((string[] targets, string[] reads) in effects)
            {
                if (targets.Any(useful.Contains))
                {
                    foreach (string read in reads)
                    {
                        changed |= useful.Add(read);
                    }
                }
            }
        }

        return new ActivityAnalysis(varied, useful);
    }

    /// <summary>
    /// What a statement writes and what it reads with a possibly nonzero derivative: an assignment its target
    /// from its value; a call with outputs its outputs and result from its differentiated arguments and from the
    /// outputs' previous contents (which the callee may read).
    /// </summary>
    private static (string[] Targets, string[] Reads) EffectOf(IrStmt statement) => statement switch
    {
        AssignStmt assign => ([TargetName(assign.Target)], DifferentiableReads(assign.Value).ToArray()),
        CallStmt call => (OutputTargets(call).ToArray(), DifferentiableReads(call.Call).Concat(OutputArrays(call.Call)).ToArray()),
        _ => ([], []),
    };

    /// <summary>The arrays a call writes through the callee's outputs.</summary>
    public static IEnumerable<string> OutputArrays(DifferentiableCallExpr call)
        => call.Arguments.Where((_, i) => call.IsOutput(i)).Select(ArrayView.BaseOf).Distinct();

    /// <summary>Everything a <see cref="CallStmt"/> assigns: its outputs' arrays and its result.</summary>
    public static IEnumerable<string> OutputTargets(CallStmt call)
        => call.Result is null ? OutputArrays(call.Call) : OutputArrays(call.Call).Append(call.Result.Name);

    public static string TargetName(IrExpr target) => target switch
    {
        VariableExpr variable => variable.Name,
        ElementExpr element => element.Array,
        _ => string.Empty,
    };

    /// <summary>
    /// The scalars and arrays an expression reads through a path with a possibly nonzero derivative: not
    /// through indices, conditions, conversions to int or piecewise-constant functions.
    /// </summary>
    public static IEnumerable<string> DifferentiableReads(IrExpr expression)
    {
        if (!expression.Type.IsFloatingPoint())
        {
            yield break;
        }

        switch (expression)
        {
            case VariableExpr variable:
                yield return variable.Name;
                yield break;
            case ElementExpr element:
                yield return element.Array;
                yield break;
            case ArrayRefExpr array:
                yield return array.Array;
                yield break;
            case SliceExpr slice:
                yield return slice.Array;
                yield break;
            case ConditionalExpr conditional:
                foreach (string name in DifferentiableReads(conditional.WhenTrue).Concat(DifferentiableReads(conditional.WhenFalse)))
                {
                    yield return name;
                }

                yield break;
            case CallExpr call when DerivativeRules.For(call).Length == 0:
                yield break;
            case StopGradientExpr or ConstantCallExpr:
                yield break;
            case DifferentiableCallExpr differentiableCall:
                if (differentiableCall.Receiver is { } receiver)
                {
                    yield return receiver;
                }

                for (int i = 0; i < differentiableCall.Arguments.Count; i++)
                {
                    if (differentiableCall.Differentiated[i])
                    {
                        foreach (string name in DifferentiableReads(differentiableCall.Arguments[i]))
                        {
                            yield return name;
                        }
                    }
                }

                yield break;
        }

        foreach (IrExpr child in IrWalker.Children(expression))
        {
            foreach (string name in DifferentiableReads(child))
            {
                yield return name;
            }
        }
    }
}
