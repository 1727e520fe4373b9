using System;
using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Optimization;

/// <summary>Applies an expression rewrite bottom-up to every expression of a program.</summary>
internal static class ExpressionRewriter
{
    public static GradientProgram RewriteAll(GradientProgram program, Func<IrExpr, IrExpr> rewrite)
        => program with
        {
            Forward = Rewrite(program.Forward, rewrite),
            Reverse = Rewrite(program.Reverse, rewrite),
        };

    public static EquatableArray<IrStmt> Rewrite(IEnumerable<IrStmt> statements, Func<IrExpr, IrExpr> rewrite)
        => statements.Select(s => Rewrite(s, rewrite)).ToEquatableArray();

    private static IrStmt Rewrite(IrStmt statement, Func<IrExpr, IrExpr> rewrite) => statement switch
    {
        AssignStmt assign => assign with { Target = Rewrite(assign.Target, rewrite), Value = Rewrite(assign.Value, rewrite) },
        DeclareStmt declare => declare with { Value = Rewrite(declare.Value, rewrite) },
        AllocateStmt allocate => allocate with { Length = Rewrite(allocate.Length, rewrite) },
        ForStmt loop => loop with { Start = Rewrite(loop.Start, rewrite), Bound = Rewrite(loop.Bound, rewrite), Body = Rewrite(loop.Body, rewrite) },
        WhileStmt loop => loop with { Condition = Rewrite(loop.Condition, rewrite), Body = Rewrite(loop.Body, rewrite) },
        IfStmt branch => branch with { Condition = Rewrite(branch.Condition, rewrite), Then = Rewrite(branch.Then, rewrite), Else = Rewrite(branch.Else, rewrite) },
        ReturnStmt ret => ret with { Value = Rewrite(ret.Value, rewrite) },
        TapePushStmt push => push with { Value = Rewrite(push.Value, rewrite) },
        TapePopSpanStmt pop => pop with { Destination = Rewrite(pop.Destination, rewrite) },
        GradientCallStmt call => call with
        {
            Arguments = call.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray(),
            Gradients = call.Gradients.Select(g => Rewrite(g, rewrite)).ToEquatableArray(),
            Seed = call.Seed is null ? null : Rewrite(call.Seed, rewrite),
            OutputSeeds = call.OutputSeeds.Select(g => Rewrite(g, rewrite)).ToEquatableArray(),
            InitialGradients = call.InitialGradients.Select(g => Rewrite(g, rewrite)).ToEquatableArray(),
        },
        CallStmt call => call with { Call = Rewrite(call.Call, rewrite) as DifferentiableCallExpr ?? call.Call },
        CopyStmt copy => copy with { Source = Rewrite(copy.Source, rewrite), Destination = Rewrite(copy.Destination, rewrite) },
        ClearStmt clear => clear with { Target = Rewrite(clear.Target, rewrite) },
        _ => statement,
    };

    public static IrExpr Rewrite(IrExpr expression, Func<IrExpr, IrExpr> rewrite)
    {
        IrExpr rebuilt = expression switch
        {
            ElementExpr element => element with { Index = Rewrite(element.Index, rewrite) },
            UnaryExpr unary => unary with { Operand = Rewrite(unary.Operand, rewrite) },
            BinaryExpr binary => binary with { Left = Rewrite(binary.Left, rewrite), Right = Rewrite(binary.Right, rewrite) },
            CallExpr call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray() },
            ConditionalExpr conditional => conditional with
            {
                Condition = Rewrite(conditional.Condition, rewrite),
                WhenTrue = Rewrite(conditional.WhenTrue, rewrite),
                WhenFalse = Rewrite(conditional.WhenFalse, rewrite),
            },
            ConvertExpr convert => convert with { Operand = Rewrite(convert.Operand, rewrite) },
            StopGradientExpr stop => stop with { Operand = Rewrite(stop.Operand, rewrite) },
            DifferentiableCallExpr call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray() },
            ConstantCallExpr call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray() },
            SliceExpr slice => slice with { Offset = Rewrite(slice.Offset, rewrite), Length = Rewrite(slice.Length, rewrite) },
            _ => expression,
        };
        return rewrite(rebuilt);
    }
}
