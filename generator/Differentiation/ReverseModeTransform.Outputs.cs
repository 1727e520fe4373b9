using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// The method's own outputs. Each gets a scratch adjoint that starts as its seed (d(loss)/d(output on exit)),
/// copied before the forward sweep runs, so a seed may share memory with anything. The reverse sweep carries it
/// back like any overwritten array; what is left at the end is d(loss)/d(output on entry), added into the
/// optional initial-gradient span when the caller passes one (generated callers do: the callee may read an
/// output before writing it, or leave some elements as they were).
/// </summary>
internal sealed partial class ReverseModeTransform
{
    private List<OutputParameter> SeedOutputs()
    {
        var outputs = new List<OutputParameter>();
        foreach (IrParameter parameter in _method.Parameters.Where(p => p.IsOutput))
        {
            string seed = _names.Fresh(parameter.Name + "Grad");
            string initial = _names.Fresh(parameter.Name + "InitialGrad");
            string adjoint = ArrayAdjoint(parameter.Name, parameter.ElementType, new LengthExpr(parameter.Name), _prologue);
            _prologue.Add(new CopyStmt(new ArrayRefExpr(seed, parameter.ElementType), new ArrayRefExpr(adjoint, parameter.ElementType)));

            string k = _names.Fresh("k");
            _extraLocals.Add(new IrLocal(k, NumericType.Int));
            var index = new VariableExpr(k, NumericType.Int);
            var addBack = new ForStmt(k, Const(0, NumericType.Int), BinaryOperator.Less, new LengthExpr(parameter.Name), 1, EquatableArray.Create<IrStmt>(
                new AssignStmt(new ElementExpr(initial, index, parameter.ElementType), new ElementExpr(adjoint, index, parameter.ElementType), AssignKind.Add)));
            _epilogue.Add(new IfStmt(Compare(BinaryOperator.NotEqual, new LengthExpr(initial), Const(0, NumericType.Int)), EquatableArray.Create<IrStmt>(addBack), EquatableArray<IrStmt>.Empty));
            outputs.Add(new OutputParameter(parameter, seed, initial, adjoint));
        }

        return outputs;
    }

    /// <summary>
    /// The reverse sweep puts back values the forward sweep overwrote, outputs included; an output it touches is
    /// copied aside when the forward sweep ends and copied back at the very end, so the companion leaves the
    /// outputs as the method does.
    /// </summary>
    private void KeepFinalOutputs(List<IrStmt> forward, List<IrStmt> reverse)
    {
        foreach (IrParameter output in _method.Parameters.Where(p => p.IsOutput))
        {
            bool restored = IrWalker.AllStatements(reverse).OfType<AssignStmt>().Any(a => a.Target is ElementExpr element && element.Array == output.Name);
            if (!restored)
            {
                continue;
            }

            string final = _names.Fresh(output.Name + "Final");
            var whole = new ArrayRefExpr(output.Name, output.ElementType);
            forward.Add(new CommentStmt("keep " + output.Name + " as the method leaves it: the reverse sweep restores what it overwrote"));
            forward.Add(new AllocateStmt(final, output.ElementType, new LengthExpr(output.Name)));
            forward.Add(new CopyStmt(whole, new ArrayRefExpr(final, output.ElementType)));
            reverse.Add(new CopyStmt(new ArrayRefExpr(final, output.ElementType), whole));
        }
    }
}
