using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Loops;

namespace SharpGrad.Generator.Optimization;

/// <summary>
/// With <c>accumulate: false</c> the companion's gradient buffers receive the gradient instead of adding it to their
/// contents: the emitter clears them on entry, which costs a pass through memory (PyTorch's <c>zero_grad()</c>). This
/// pass removes that clear for the buffer whose first writer is a loop that reads each element once and then stores it,
/// the shape scalar replacement leaves (<c>xGrad_i = xGrad[i]; ...; xGrad[i] = xGrad_i</c>), or updates it once
/// (<c>xGrad[i] += e</c>): the load becomes <c>accumulate ? xGrad[i] : 0</c>, so that the loop writes the gradient over whatever the buffer held, in the one pass
/// it makes anyway (PyTorch's <c>zero_grad(set_to_none=True)</c>, where the next backward assigns <c>.grad</c>).
/// <para>
/// Sound when that loop is the first statement of the program that mentions any gradient buffer (they may all be one
/// array, so another buffer cleared on entry and written before would lose what it received; none may appear in the
/// loop either), it stands at the top level of a sweep (it runs whenever the method returns normally), it visits every
/// element (from 0 to the buffer's length, checked on entry to be its parameter's, by one up or down, with no break, continue or
/// write of its index) and the load and the store (or the one update) stand at the top level of its body and are its
/// only mentions of the buffer. The buffer's elements then each hold, after the loop, what they would have held had it been cleared first.
/// </para>
/// </summary>
internal sealed class FirstWriteOverwrite : IOptimizationPass
{
    public GradientProgram Run(GradientProgram program)
    {
        if (program.AccumulateName.Length == 0)
        {
            return program;
        }

        // Every span that receives gradients: they are checked apart from the arguments, not from each other.
        string[] buffers = program.Gradients.Where(g => g.Parameter.Kind != ParameterKind.Scalar).Select(g => g.GradientName)
            .Concat(program.Outputs.Select(o => o.InitialGradientName)).ToArray();
        IrStmt[] sweeps = [.. program.Forward, .. program.Reverse];
        for (int k = 0; k < sweeps.Length; k++)
        {
            string[] mentioned = buffers.Where(b => Mentions(sweeps[k], b)).ToArray();
            if (IrWalker.AllStatements([sweeps[k]]).Any(s => s is ReturnStmt))
            {
                return program;
            }

            if (mentioned.Length == 0)
            {
                continue;
            }

            if (mentioned.Length != 1 || sweeps[k] is not ForStmt loop || Overwriting(loop, mentioned[0], program) is not { } rewritten)
            {
                return program;
            }

            bool inForward = k < program.Forward.Count;
            return program with
            {
                Forward = inForward ? Replaced(program.Forward, k, rewritten) : program.Forward,
                Reverse = inForward ? program.Reverse : Replaced(program.Reverse, k - program.Forward.Count, rewritten),
                Overwritten = EquatableArray.Create(mentioned[0]),
            };
        }

        return program;
    }

    /// <summary>The loop with its load of <paramref name="buffer"/> read as zero when not accumulating, or null when it does not write every element.</summary>
    private static ForStmt? Overwriting(ForStmt loop, string buffer, GradientProgram program)
    {
        var index = new VariableExpr(loop.Index, NumericType.Int);
        // Every index from 0 to the length, in either order (a reverse sweep's loops run down).
        // Only a parameter's gradient buffer (an output's initial-contents gradient may be empty), whose length is checked on entry.
        if (program.Gradients.FirstOrDefault(g => g.GradientName == buffer) is not { } gradient
            || LoopRange.Of(loop) is not { Lowest: ConstantExpr { Value: 0 }, Count: LengthExpr count }
            || !(count.Array == buffer || count.Array == gradient.Parameter.Name))
        {
            return null;
        }

        List<IrStmt> all = IrWalker.AllStatements(loop.Body).ToList();
        if (all.Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt))
            || all.OfType<AssignStmt>().Any(a => a.Target is VariableExpr { Name: var name } && name == loop.Index))
        {
            return null;
        }

        var element = new ElementExpr(buffer, index, gradient.Parameter.ElementType);
        IrExpr loaded = new ConditionalExpr(new VariableExpr(program.AccumulateName, NumericType.Bool), element, ConstantExpr.Zero(element.Type), element.Type);
        int[] mentions = Enumerable.Range(0, loop.Body.Count).Where(k => Mentions(loop.Body[k], buffer)).ToArray();
        IrStmt? first = mentions switch
        {
            // One update, xGrad[i] += e (a loop scalar replacement left alone): xGrad[i] = (accumulate ? xGrad[i] : 0) + e.
            [int only] when loop.Body[only] is AssignStmt { Kind: AssignKind.Add } update && update.Target == element && !IrWalker.ArraysRead(update.Value).Contains(buffer)
                => update with { Kind = AssignKind.Set, Value = new BinaryExpr(BinaryOperator.Add, loaded, update.Value, element.Type) },

            // Scalar replacement's load and store: xGrad_i = xGrad[i]; ...; xGrad[i] = xGrad_i.
            [int load, int store] when Stores(loop.Body[store], buffer, index) => loop.Body[load] switch
            {
                AssignStmt { Kind: AssignKind.Set, Target: VariableExpr } assign when assign.Value == element => assign with { Value = loaded },
                DeclareStmt declare when declare.Value == element => declare with { Value = loaded },
                _ => null,
            },
            _ => null,
        };
        if (first is null)
        {
            return null;
        }

        var note = new CommentStmt("with " + program.AccumulateName + " false this loop writes " + buffer + " over its old contents, which it does not load");
        return loop with { Body = loop.Body.Take(mentions[0]).Append(note).Append(first).Concat(loop.Body.Skip(mentions[0] + 1)).ToEquatableArray() };
    }

    private static bool Stores(IrStmt statement, string buffer, VariableExpr index)
        => statement is AssignStmt { Kind: AssignKind.Set, Target: ElementExpr target } assign
            && target.Array == buffer && target.Index == index && !IrWalker.ArraysRead(assign.Value).Contains(buffer);

    /// <summary>Whether <paramref name="statement"/> (or anything inside it) reads, writes or passes on an element of <paramref name="array"/>.</summary>
    private static bool Mentions(IrStmt statement, string array)
        => IrWalker.AllStatements([statement]).Any(s =>
            (s is AssignStmt { Target: ElementExpr target } && target.Array == array)
            || IrWalker.ExpressionsOf(s).SelectMany(IrWalker.ArraysRead).Contains(array));

    private static EquatableArray<IrStmt> Replaced(EquatableArray<IrStmt> block, int index, IrStmt statement)
        => block.Select((s, k) => k == index ? statement : s).ToEquatableArray();
}
