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
        List<AssignStmt> assignments = IrWalker.AllStatements(method.Body).OfType<AssignStmt>().ToList();
        IrExpr[] results = IrWalker.AllStatements(method.Body).OfType<ReturnStmt>().Select(r => r.Value).ToArray();

        // A module's instance method reads that module's parameters: the receiver ("this.fc1", never a local's name)
        // is a source of variation like a differentiated parameter.
        var varied = new HashSet<string>(method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.Name)
            .Concat(IrWalker.AllStatements(method.Body).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.Descendants).OfType<DifferentiableCallExpr>().Select(c => c.Receiver).OfType<string>()));
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (AssignStmt assignment in assignments)
            {
                string target = TargetName(assignment.Target);
                if (floatingLocals.Contains(target) && !varied.Contains(target) && DifferentiableReads(assignment.Value).Any(varied.Contains))
                {
                    changed |= varied.Add(target);
                }
            }
        }

        var useful = new HashSet<string>(results.SelectMany(DifferentiableReads));
        changed = true;
        while (changed)
        {
            changed = false;
            foreach (AssignStmt assignment in assignments)
            {
                if (useful.Contains(TargetName(assignment.Target)))
                {
                    foreach (string read in DifferentiableReads(assignment.Value))
                    {
                        changed |= useful.Add(read);
                    }
                }
            }
        }

        return new ActivityAnalysis(varied, useful);
    }

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
