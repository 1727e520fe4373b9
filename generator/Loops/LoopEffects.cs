using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>What statements write and read (scalars and arrays by name), and how a forward loop finds its reverse.</summary>
internal static class LoopEffects
{
    /// <summary>The position of the only top-level reverse loop over the same index and range, in the other direction, or null.</summary>
    public static int? Mirror(EquatableArray<IrStmt> reverse, ForStmt loop, LoopRange range)
    {
        int[] found = Enumerable.Range(0, reverse.Count)
            .Where(k => reverse[k] is ForStmt other && other.Index == loop.Index && LoopRange.Of(other) is { } mirrored
                && mirrored.Lowest == range.Lowest && mirrored.Count == range.Count && mirrored.Ascending != range.Ascending)
            .ToArray();
        return found.Length == 1 ? found[0] : null;
    }

    /// <summary>
    /// The arrays a loop may write without sharing memory with anything it reads: gradient buffers and outputs (checked
    /// against every argument on entry) and the method's own local arrays.
    /// </summary>
    public static HashSet<string> Writable(GradientProgram program)
        => new(program.Gradients.Where(g => g.Parameter.Kind != ParameterKind.Scalar).Select(g => g.GradientName)
            .Concat(program.Method.Parameters.Where(p => p.IsOutput).Select(p => p.Name))
            .Concat(IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).OfType<AllocateStmt>().Select(a => a.Name)));

    /// <summary>
    /// Who may share memory with whom among the arrays a loop writes: the method's own arrays (allocated or rented),
    /// which share it with nothing, and its gradient buffers and outputs, which may be one another.
    /// </summary>
    public static (HashSet<string> Local, HashSet<string> Shared) Ownership(GradientProgram program)
    {
        var local = new HashSet<string>(IrWalker.AllStatements(program.Forward.Concat(program.Reverse)).OfType<AllocateStmt>().Select(a => a.Name));
        return (local, new HashSet<string>(Writable(program).Where(a => !local.Contains(a))));
    }

    /// <summary>
    /// Whether <paramref name="expression"/> has the same value in every iteration of a loop that changes
    /// <paramref name="changed"/> (and <paramref name="index"/>): it reads none of them, nor the tape, nor a call.
    /// </summary>
    public static bool IsInvariant(IrExpr expression, HashSet<string> changed, string? index = null)
        => !IrWalker.VariablesRead(expression).Concat(IrWalker.ArraysRead(expression)).Any(name => name == index || changed.Contains(name))
        && !IrWalker.Descendants(expression).Any(node => node is TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr);

    /// <summary>The scalars one statement (not counting those nested in it) writes.</summary>
    public static IEnumerable<string> Written(IrStmt statement) => statement switch
    {
        AssignStmt { Target: VariableExpr v } => [v.Name],
        DeclareStmt d => [d.Name],
        ForStmt loop => [loop.Index],
        CallStmt { Result: { } result } => [result.Name],
        KernelCallStmt { Result: { } result } => [result.Name],
        GradientCallStmt call => call.Gradients.OfType<VariableExpr>().Select(g => g.Name),
        _ => [],
    };

    /// <summary>The arrays one statement (not counting those nested in it) writes.</summary>
    public static IEnumerable<string> WrittenArrays(IrStmt statement) => statement switch
    {
        AssignStmt { Target: ElementExpr e } => [e.Array],
        CallStmt call => ActivityAnalysis.OutputArrays(call.Call),
        KernelCallStmt { Kernel: "Dot" } => [],
        KernelCallStmt { Kernel: "AddScaled" } kernel => kernel.Arguments.Skip(3).Take(1).OfType<ArrayRefExpr>().Select(a => a.Array),
        KernelCallStmt { Kernel: "DotRows" } kernel => kernel.Arguments.Skip(7).Take(1).OfType<ArrayRefExpr>().Select(a => a.Array),
        KernelCallStmt { Kernel: "AddScaledRows" } kernel => kernel.Arguments.Skip(5).Take(1).OfType<ArrayRefExpr>().Select(a => a.Array),
        KernelCallStmt { Kernel: "MultiplyTransposed" } kernel => kernel.Arguments.Skip(7).Take(1).OfType<ArrayRefExpr>().Select(a => a.Array),
        KernelCallStmt { Kernel: "AddTransposedMultiply" } kernel => kernel.Arguments.Skip(3).Take(1).OfType<ArrayRefExpr>().Select(a => a.Array),
        KernelCallStmt kernel => kernel.Arguments.OfType<ArrayRefExpr>().Select(a => a.Array),
        GradientCallStmt call => call.Gradients.SelectMany(IrWalker.ArraysRead),
        CopyStmt copy => IrWalker.ArraysRead(copy.Destination),
        TapePopSpanStmt pop => IrWalker.ArraysRead(pop.Destination),
        ClearStmt clear => IrWalker.ArraysRead(clear.Target),
        AllocateStmt allocate => [allocate.Name],
        _ => [],
    };

    /// <summary>Every scalar and array the statements (and those nested in them) write.</summary>
    public static HashSet<string> Writes(IEnumerable<IrStmt> statements)
    {
        List<IrStmt> all = IrWalker.AllStatements(statements).ToList();
        return new HashSet<string>(all.SelectMany(Written).Concat(all.SelectMany(WrittenArrays)));
    }

    /// <summary>Every scalar and array the statements (and those nested in them) read.</summary>
    public static HashSet<string> Reads(IEnumerable<IrStmt> statements)
        => new(IrWalker.AllStatements(statements).SelectMany(IrWalker.ExpressionsOf).SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))));
}
