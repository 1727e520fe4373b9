using System.Collections.Generic;

namespace SharpGrad.Generator.Ir;

/// <summary>Small queries over IR trees shared by the analyses and passes.</summary>
internal static class IrWalker
{
    /// <summary>Every sub-expression of <paramref name="expression"/>, itself first.</summary>
    public static IEnumerable<IrExpr> Descendants(IrExpr expression)
    {
        yield return expression;
        foreach (IrExpr child in Children(expression))
        {
            foreach (IrExpr descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    public static IEnumerable<IrExpr> Children(IrExpr expression)
    {
        switch (expression)
        {
            case ElementExpr element:
                yield return element.Index;
                break;
            case UnaryExpr unary:
                yield return unary.Operand;
                break;
            case BinaryExpr binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case CallExpr call:
                foreach (IrExpr argument in call.Arguments)
                {
                    yield return argument;
                }

                break;
            case ConditionalExpr conditional:
                yield return conditional.Condition;
                yield return conditional.WhenTrue;
                yield return conditional.WhenFalse;
                break;
            case ConvertExpr convert:
                yield return convert.Operand;
                break;
            case StopGradientExpr stop:
                yield return stop.Operand;
                break;
            case DifferentiableCallExpr differentiableCall:
                foreach (IrExpr argument in differentiableCall.Arguments)
                {
                    yield return argument;
                }

                break;
            case ConstantCallExpr constantCall:
                foreach (IrExpr argument in constantCall.Arguments)
                {
                    yield return argument;
                }

                break;
            case SliceExpr slice:
                yield return slice.Offset;
                yield return slice.Length;
                break;
        }
    }

    /// <summary>The names of the scalar variables <paramref name="expression"/> reads.</summary>
    public static IEnumerable<string> VariablesRead(IrExpr expression)
    {
        foreach (IrExpr node in Descendants(expression))
        {
            if (node is VariableExpr variable)
            {
                yield return variable.Name;
            }
        }
    }

    /// <summary>The names of the arrays whose elements <paramref name="expression"/> reads.</summary>
    public static IEnumerable<string> ArraysRead(IrExpr expression)
    {
        foreach (IrExpr node in Descendants(expression))
        {
            if (node is ElementExpr element)
            {
                yield return element.Array;
            }
            else if (node is ArrayRefExpr array)
            {
                yield return array.Array;
            }
            else if (node is SliceExpr slice)
            {
                yield return slice.Array;
            }
        }
    }

    /// <summary>Every statement in <paramref name="statements"/>, nested ones included, in program order.</summary>
    public static IEnumerable<IrStmt> AllStatements(IEnumerable<IrStmt> statements)
    {
        foreach (IrStmt statement in statements)
        {
            yield return statement;
            IEnumerable<IrStmt> nested = statement switch
            {
                ForStmt loop => AllStatements(loop.Body),
                VectorLoopStmt vectorized => AllStatements([vectorized.Source]),
                CheckpointedLoopStmt checkpointed => AllStatements([checkpointed.Loop]),
                CheckpointReplayStmt replay => AllStatements([replay.Loop, .. replay.ReverseBody]),
                WhileStmt loop => AllStatements(loop.Body),
                IfStmt branch => AllStatements(ConcatBranches(branch)),
                _ => [],
            };
            foreach (IrStmt inner in nested)
            {
                yield return inner;
            }
        }
    }

    /// <summary>The expressions a statement evaluates (targets' indices included).</summary>
    public static IEnumerable<IrExpr> ExpressionsOf(IrStmt statement)
    {
        switch (statement)
        {
            case AssignStmt assign:
                if (assign.Target is ElementExpr element)
                {
                    yield return element.Index;
                }

                if (assign.Kind == AssignKind.Add)
                {
                    yield return assign.Target;
                }

                yield return assign.Value;
                break;
            case DeclareStmt declare:
                yield return declare.Value;
                break;
            case AllocateStmt allocate:
                yield return allocate.Length;
                break;
            case ForStmt loop:
                yield return loop.Start;
                yield return loop.Bound;
                break;
            case IfStmt branch:
                yield return branch.Condition;
                break;
            case WhileStmt loop:
                yield return loop.Condition;
                break;
            case ReturnStmt ret:
                yield return ret.Value;
                break;
            case TapePushStmt push:
                yield return push.Value;
                break;
            case TapePopSpanStmt pop:
                yield return pop.Destination;
                break;
            case KernelCallStmt kernel:
                if (kernel.Result is not null)
                {
                    yield return kernel.Result;
                }

                foreach (IrExpr argument in kernel.Arguments)
                {
                    yield return argument;
                }

                break;
            case GradientCallStmt call:
                foreach (IrExpr argument in call.Arguments)
                {
                    yield return argument;
                }

                foreach (IrExpr gradient in call.Gradients)
                {
                    yield return gradient;
                }

                foreach (IrExpr seed in call.OutputSeeds)
                {
                    yield return seed;
                }

                if (call.Seed is not null)
                {
                    yield return call.Seed;
                }

                foreach (IrExpr initial in call.InitialGradients)
                {
                    yield return initial;
                }

                break;
            case CallStmt call:
                yield return call.Call;
                if (call.Result is not null)
                {
                    yield return call.Result;
                }

                break;
            case CopyStmt copy:
                yield return copy.Source;
                yield return copy.Destination;
                break;
            case ClearStmt clear:
                yield return clear.Target;
                break;
        }
    }

    public static bool ContainsTapePop(IrStmt statement)
    {
        foreach (IrStmt inner in AllStatements([statement]))
        {
            if (inner is TapePopSpanStmt)
            {
                return true;
            }

            foreach (IrExpr expression in ExpressionsOf(inner))
            {
                foreach (IrExpr node in Descendants(expression))
                {
                    if (node is TapePopExpr)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static IEnumerable<IrStmt> ConcatBranches(IfStmt branch)
    {
        foreach (IrStmt statement in branch.Then)
        {
            yield return statement;
        }

        foreach (IrStmt statement in branch.Else)
        {
            yield return statement;
        }
    }
}
