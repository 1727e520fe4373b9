using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Moves a local array declared inside a loop or branch to the method's top level, just before the
/// statement that holds it, and clears it where it was declared:
/// <code>
/// for (...) { double[] t = new double[n]; ... }   becomes   double[] t = new double[n]; for (...) { for (k...) t[k] = 0; ... }
/// </code>
/// Every later stage then sees each local array allocated once, at the top level, and the clearing is an
/// ordinary overwrite that the reverse sweep records and undoes like any other. Runs before
/// <see cref="ControlFlowLowering"/>, which may nest top-level statements in guards.
/// </summary>
internal sealed class LocalArrayHoisting
{
    private readonly NameScope _names;
    private readonly List<IrLocal> _locals;
    private readonly List<AllocateStmt> _hoisted = [];
    private readonly List<AllocateStmt> _unhoistable = [];

    private LocalArrayHoisting(NameScope names, List<IrLocal> locals)
    {
        _names = names;
        _locals = locals;
    }

    /// <summary>
    /// Hoists the nested allocations of <paramref name="body"/>. An allocation whose length reads a variable
    /// assigned inside the statement that holds it cannot move; it is returned in <paramref name="unhoistable"/>.
    /// </summary>
    public static List<IrStmt> Hoist(List<IrStmt> body, NameScope names, List<IrLocal> locals, out List<AllocateStmt> unhoistable)
    {
        var hoisting = new LocalArrayHoisting(names, locals);
        var output = new List<IrStmt>();
        foreach (IrStmt statement in body)
        {
            if (statement is AllocateStmt or AssignStmt or ReturnStmt)
            {
                output.Add(statement);
                continue;
            }

            hoisting._hoisted.Clear();
            IrStmt rewritten = hoisting.Rewrite(statement, Assigned(statement));
            output.AddRange(hoisting._hoisted);
            output.Add(rewritten);
        }

        unhoistable = hoisting._unhoistable;
        return output;
    }

    private IrStmt Rewrite(IrStmt statement, HashSet<string> assignedInside) => statement switch
    {
        ForStmt loop => loop with { Body = RewriteBlock(loop.Body, assignedInside) },
        WhileStmt loop => loop with { Body = RewriteBlock(loop.Body, assignedInside) },
        IfStmt branch => branch with { Then = RewriteBlock(branch.Then, assignedInside), Else = RewriteBlock(branch.Else, assignedInside) },
        _ => statement,
    };

    private EquatableArray<IrStmt> RewriteBlock(EquatableArray<IrStmt> block, HashSet<string> assignedInside)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in block)
        {
            if (statement is not AllocateStmt allocate)
            {
                output.Add(Rewrite(statement, assignedInside));
                continue;
            }

            if (IrWalker.VariablesRead(allocate.Length).Concat(IrWalker.ArraysRead(allocate.Length)).Any(assignedInside.Contains))
            {
                _unhoistable.Add(allocate);
                continue;
            }

            // Allocated once, before the statement; each pass through the declaration starts from zeros again.
            _hoisted.Add(allocate);
            string k = _names.Fresh("k");
            _locals.Add(new IrLocal(k, NumericType.Int));
            var index = new VariableExpr(k, NumericType.Int);
            output.Add(new ForStmt(k, new ConstantExpr(0, NumericType.Int), BinaryOperator.Less, new LengthExpr(allocate.Name), 1, EquatableArray.Create<IrStmt>(
                new AssignStmt(new ElementExpr(allocate.Name, index, allocate.ElementType), ConstantExpr.Zero(allocate.ElementType)))));
        }

        return output.ToEquatableArray();
    }

    /// <summary>The variables and arrays a statement can change, loop indices included.</summary>
    private static HashSet<string> Assigned(IrStmt statement)
    {
        var names = new HashSet<string>();
        foreach (IrStmt inner in IrWalker.AllStatements([statement]))
        {
            switch (inner)
            {
                case AssignStmt assign:
                    names.Add(ActivityAnalysis.TargetName(assign.Target));
                    break;
                case ForStmt loop:
                    names.Add(loop.Index);
                    break;
            }
        }

        return names;
    }
}
