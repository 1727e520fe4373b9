using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Emission;

/// <summary>
/// What a static method's companion adds for <c>accumulate: false</c>: an overload that takes the flag after the
/// gradient buffers (the signature without it forwards to it with <c>true</c>, so that calls and method-group
/// conversions written against it still find it), the clears on entry that make the buffers receive the gradient instead
/// of adding to it, and their documentation.
/// </summary>
internal static class AccumulateEmission
{
    /// <summary>The signature without the flag: the overload with <c>accumulate: true</c>.</summary>
    public static void WriteForwarder(IndentedWriter writer, GradientProgram program, string version, string signature)
    {
        MethodIr method = program.Method;
        IEnumerable<string> arguments = method.Parameters.Where(p => !p.IsImplicit).Select(p => p.ModifierText + Identifier.Escape(p.Name))
            .Concat(program.Gradients.Where(g => !g.Parameter.IsImplicit).Select(g => (g.Parameter.Kind == ParameterKind.Scalar ? "ref " : string.Empty) + Identifier.Escape(g.GradientName)))
            .Append("true")
            .Concat(program.Outputs.Select(o => Identifier.Escape(o.SeedName)));
        if (!method.ReturnsVoid)
        {
            arguments = arguments.Append(Identifier.Escape(program.SeedName));
        }

        arguments = arguments.Concat(program.Outputs.Select(o => Identifier.Escape(o.InitialGradientName)));
        writer.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"SharpGrad\", \"" + version + "\")]");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line(signature);
        using (writer.OpenBlock())
        {
            writer.Line((method.ReturnsVoid ? string.Empty : "return ") + Identifier.Escape(method.Name) + GradientEmitter.Suffix + "(" + string.Join(", ", arguments) + ");");
        }
    }

    /// <summary>
    /// How many of the forward sweep's first statements run before the last copy of an output's seed into its adjoint:
    /// the clears come after them, as a seed may share memory with a gradient buffer (it is read before anything is written).
    /// </summary>
    public static int SeedsCopied(GradientProgram program)
        => program.Forward.Select((statement, k) => (statement, k))
            .Where(p => p.statement is CopyStmt { Source: ArrayRefExpr source } && program.Outputs.Any(o => o.SeedName == source.Array))
            .Select(p => p.k + 1).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Under <c>!accumulate</c>: every buffer set to zero before anything adds into it, except the one whose first
    /// writer overwrites it (<see cref="Optimization.FirstWriteOverwrite"/>).
    /// </summary>
    public static void WriteClears(IndentedWriter writer, GradientProgram program)
    {
        if (program.AccumulateName.Length == 0)
        {
            return;
        }

        var clears = new List<string>();
        foreach (GradientParameter gradient in program.Gradients.Where(g => !program.Overwritten.Contains(g.GradientName)))
        {
            string buffer = Identifier.Escape(gradient.GradientName);
            clears.Add(gradient.Parameter.Kind == ParameterKind.Scalar
                ? buffer + " = " + IrPrinter.Literal(ConstantExpr.Zero(gradient.Parameter.ElementType)) + ";"
                : buffer + ".Clear();");
        }

        clears.AddRange(program.Outputs.Select(o => Identifier.Escape(o.InitialGradientName) + ".Clear();"));
        string overwritten = string.Join(", ", program.Overwritten);
        if (clears.Count == 0 && overwritten.Length == 0)
        {
            return;
        }

        writer.Line("// With " + program.AccumulateName + " false, the buffers receive the gradient instead of adding it to their contents"
            + (overwritten.Length == 0 ? ", so they are cleared first." : "; " + overwritten + " is overwritten by the loop that first writes it" + (clears.Count == 0 ? "." : ", the others are cleared first.")));
        if (clears.Count > 0)
        {
            writer.Line("if (!" + Identifier.Escape(program.AccumulateName) + ")");
            using (writer.OpenBlock())
            {
                foreach (string clear in clears)
                {
                    writer.Line(clear);
                }
            }
        }

        writer.Line();
    }

    public static void WriteDocumentation(IndentedWriter writer, GradientProgram program)
        => writer.Line("/// <param name=\"" + program.AccumulateName + "\">True: the gradients are added to the buffers' contents, as by the overload without this parameter. False: they replace them, whatever the buffers held (PyTorch's <c>zero_grad(set_to_none=True)</c> before <c>backward()</c>), at no more cost than clearing them first, and less where the loop that first writes a buffer can overwrite it.</param>");
}
