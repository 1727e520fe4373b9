using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>Adjoints through expressions: the chain rule, one case per expression kind.</summary>
internal sealed partial class ReverseModeTransform
{
    /// <summary>Adds <paramref name="seed"/> times d(<paramref name="expression"/>)/du to the adjoint of every active u it reads.</summary>
    private void Propagate(IrExpr expression, IrExpr seed, List<IrStmt> output)
    {
        if (!_activity.IsActive(expression))
        {
            return;
        }

        switch (expression)
        {
            case VariableExpr:
            case ElementExpr:
                output.Add(new AssignStmt(AdjointOf(expression), seed, AssignKind.Add));
                break;
            case ConvertExpr convert:
                Propagate(convert.Operand, ConvertTo(seed, convert.Operand.Type), output);
                break;
            case UnaryExpr { Operator: UnaryOperator.Negate } negate:
                Propagate(negate.Operand, Neg(seed), output);
                break;
            case BinaryExpr binary:
                PropagateBinary(binary, seed, output);
                break;
            case ConditionalExpr conditional:
                output.Add(new IfStmt(
                    conditional.Condition,
                    PropagateInto(conditional.WhenTrue, seed),
                    PropagateInto(conditional.WhenFalse, seed)));
                break;
            case CallExpr call:
                PropagateCall(call, seed, output);
                break;
            case DifferentiableCallExpr call:
                PropagateDifferentiableCall(call, seed, output);
                break;
        }
    }

    /// <summary>
    /// A callee with a gradient method is differentiated by calling that method with the seed, not by
    /// inlining it: an edit inside the callee then regenerates only the callee.
    /// </summary>
    private void PropagateDifferentiableCall(DifferentiableCallExpr call, IrExpr seed, List<IrStmt> output)
    {
        output.Add(new CommentStmt("d/dargs " + IrPrinter.Print(call) + ": through " + call.GradientMethod.Split('.').Last()));
        if (NeedsOnlyParameters(call))
        {
            // Only the module's parameters need the derivative: its companion without gradient buffers.
            output.Add(new GradientCallStmt(call.GradientMethod, call.Arguments, call.PassedIn, EquatableArray<IrExpr>.Empty, ConvertTo(seed, call.Type)));
            return;
        }

        int start = output.Count;
        List<IrExpr> gradients = GradientArguments(call, output, out List<(IrExpr Argument, VariableExpr Gradient)> scalars);
        output.Add(new GradientCallStmt(call.GradientMethod, call.Arguments, call.PassedIn, gradients.ToEquatableArray(), ConvertTo(seed, call.Type)));
        RentWithin(output, start);
        foreach ((IrExpr argument, VariableExpr gradient) in scalars)
        {
            Propagate(argument, gradient, output);
        }
    }

    /// <summary>Whether a module method's call needs only the module's parameters' gradients (no argument is active).</summary>
    private bool NeedsOnlyParameters(DifferentiableCallExpr call)
        => call.HasParametersOnlyCompanion && !call.Arguments.Where((_, i) => call.Differentiated[i]).Any(_activity.IsActive);

    /// <summary>
    /// The gradient targets a companion call takes, one per differentiated argument: the adjoint of an array
    /// (the matching part of it, for a slice), a scratch buffer for one the caller holds constant, and for a
    /// scalar a zeroed temporary (in <paramref name="scalars"/>) whose value is then propagated into the argument.
    /// </summary>
    private List<IrExpr> GradientArguments(DifferentiableCallExpr call, List<IrStmt> output, out List<(IrExpr Argument, VariableExpr Gradient)> scalars)
    {
        var gradients = new List<IrExpr>();
        scalars = [];
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (!call.Differentiated[i])
            {
                continue;
            }

            IrExpr argument = call.Arguments[i];
            if (ArrayView.IsView(argument))
            {
                string array = ArrayView.BaseOf(argument);
                if (_activity.IsActive(array))
                {
                    gradients.Add(ArrayView.Over(argument, _arrayAdjoints[array], writable: true));
                }
                else
                {
                    // The callee differentiates what the caller holds constant: give it a scratch buffer.
                    string scratch = Temporary();
                    output.Add(new AllocateStmt(scratch, argument.Type, ArrayView.LengthOf(argument)));
                    gradients.Add(new ArrayRefExpr(scratch, argument.Type));
                }
            }
            else
            {
                var gradient = new VariableExpr(Temporary(), argument.Type);
                output.Add(new DeclareStmt(gradient.Name, argument.Type, Const(0, argument.Type)));
                gradients.Add(gradient);
                scalars.Add((argument, gradient));
            }
        }

        return gradients;
    }

    /// <summary>
    /// <see cref="Propagate"/>, skipped while <paramref name="adjoint"/> is 0 when a partial derivative of
    /// <paramref name="expression"/> can be infinite (a division by 0, log(0), sqrt(0), an overflowing exp):
    /// 0 times infinity is NaN, and a value that never reaches the result must not poison the gradient.
    /// </summary>
    private void PropagateUnlessZero(IrExpr expression, IrExpr seed, IrExpr adjoint, List<IrStmt> output)
    {
        var statements = new List<IrStmt>();
        Propagate(expression, seed, statements);
        if (statements.Count == 0 || !IrWalker.Descendants(expression).Any(MayHaveInfinitePartial) || adjoint is ConstantExpr)
        {
            output.AddRange(statements);
            return;
        }

        output.Add(new IfStmt(Compare(BinaryOperator.NotEqual, adjoint, Const(0, adjoint.Type)), statements.ToEquatableArray(), EquatableArray<IrStmt>.Empty));
    }

    private static bool MayHaveInfinitePartial(IrExpr node) => node switch
    {
        BinaryExpr { Operator: BinaryOperator.Divide or BinaryOperator.Remainder, Right: var denominator } => denominator is not ConstantExpr { Value: not 0 },
        CallExpr call => call.Function is not (MathFunction.Sin or MathFunction.Cos or MathFunction.Tanh or MathFunction.Sigmoid or MathFunction.Relu or MathFunction.Atan or MathFunction.Abs
            or MathFunction.Max or MathFunction.Min or MathFunction.Clamp or MathFunction.FusedMultiplyAdd),
        _ => false,
    };

    private EquatableArray<IrStmt> PropagateInto(IrExpr expression, IrExpr seed)
    {
        var statements = new List<IrStmt>();
        Propagate(expression, seed, statements);
        return statements.ToEquatableArray();
    }

    private void PropagateBinary(BinaryExpr binary, IrExpr seed, List<IrStmt> output)
    {
        bool leftActive = _activity.IsActive(binary.Left);
        bool rightActive = _activity.IsActive(binary.Right);
        if (leftActive && rightActive)
        {
            seed = Shared(seed, output);
        }

        switch (binary.Operator)
        {
            case BinaryOperator.Add:
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, seed, output);
                break;
            case BinaryOperator.Subtract:
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, Neg(seed), output);
                break;
            case BinaryOperator.Multiply when binary.Left == binary.Right:
                // d(a a) = 2 a da: one accumulation instead of two equal ones.
                Propagate(binary.Left, Mul(Mul(Const(2, binary.Type), seed), binary.Left), output);
                break;
            case BinaryOperator.Multiply:
                // Product rule: d(a b) = b da + a db.
                Propagate(binary.Left, Mul(seed, binary.Right), output);
                Propagate(binary.Right, Mul(binary.Left, seed), output);
                break;
            case BinaryOperator.Divide:
                // Quotient rule: d(a / b) = da / b - (a / b) db / b.
                Propagate(binary.Left, Div(seed, binary.Right), output);
                Propagate(binary.Right, Neg(Div(Mul(seed, binary), binary.Right)), output);
                break;
            case BinaryOperator.Remainder:
                // a % b = a - trunc(a / b) b: d/da = 1, d/db = -trunc(a / b).
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, Neg(Mul(seed, Call(MathFunction.Truncate, binary.Type, Div(binary.Left, binary.Right)))), output);
                break;
        }
    }

    private void PropagateCall(CallExpr call, IrExpr seed, List<IrStmt> output)
    {
        DerivativeRules.Partial[] partials = DerivativeRules.For(call).Where(p => _activity.IsActive(call.Arguments[p.Argument])).ToArray();
        if (partials.Length > 1)
        {
            seed = Shared(seed, output);
        }

        // Rules such as d tanh = 1 - tanh^2 reuse the call's value: compute it once, not once per use.
        int uses = partials.Sum(p => IrWalker.Descendants(p.Derivative).Count(node => node == call));
        VariableExpr? value = null;
        if (uses > 1)
        {
            value = new VariableExpr(Temporary(), call.Type);
            output.Add(new DeclareStmt(value.Name, call.Type, call));
        }

        foreach (DerivativeRules.Partial partial in partials)
        {
            output.Add(new CommentStmt(partial.Formula));
            IrExpr derivative = value is null
                ? partial.Derivative
                : Optimization.ExpressionRewriter.Rewrite(partial.Derivative, node => node == call ? value : node);
            Propagate(call.Arguments[partial.Argument], partial.Gate ? Gated(seed, (ConditionalExpr)derivative) : Mul(seed, ConvertTo(derivative, call.Type)), output);
        }
    }

    /// <summary>A gate rule's <c>c ? 1 : 0</c> (or <c>c ? 0 : 1</c>) applied to <paramref name="seed"/>: <c>c ? seed : 0</c>, selected, not multiplied.</summary>
    private static IrExpr Gated(IrExpr seed, ConditionalExpr gate)
    {
        IrExpr Arm(IrExpr factor) => factor is ConstantExpr { Value: 0 } ? Const(0, seed.Type) : seed;
        return Select(gate.Condition, Arm(gate.WhenTrue), Arm(gate.WhenFalse));
    }

    /// <summary>A seed used more than once is computed once, into a temporary.</summary>
    private IrExpr Shared(IrExpr seed, List<IrStmt> output)
    {
        if (seed is VariableExpr or ConstantExpr)
        {
            return seed;
        }

        string name = Temporary();
        output.Add(new DeclareStmt(name, seed.Type, seed));
        return new VariableExpr(name, seed.Type);
    }
}
