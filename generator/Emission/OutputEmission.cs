using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Emission;

/// <summary>
/// What a companion adds for the method's outputs: a <c>ReadOnlySpan&lt;T&gt;</c> seed per output after the
/// gradient buffers (before <c>outputGradient</c>), an optional <c>Span&lt;T&gt;</c> initial-contents gradient
/// per output at the end (<c>= default</c>, so callers may leave it out), their length checks, the checks that
/// an output shares no memory with another array argument, and their documentation.
/// </summary>
internal static class OutputEmission
{
    public static IEnumerable<string> SeedParameters(GradientProgram program)
        => program.Outputs.Select(o => "global::System.ReadOnlySpan<" + o.Parameter.ElementType.Keyword() + "> " + Identifier.Escape(o.SeedName));

    public static IEnumerable<string> InitialGradientParameters(GradientProgram program)
        => program.Outputs.Select(o => "global::System.Span<" + o.Parameter.ElementType.Keyword() + "> " + Identifier.Escape(o.InitialGradientName) + " = default");

    public static void WriteChecks(IndentedWriter writer, GradientProgram program)
    {
        foreach (OutputParameter output in program.Outputs)
        {
            string name = Identifier.Escape(output.Parameter.Name);
            string seed = Identifier.Escape(output.SeedName);
            string initial = Identifier.Escape(output.InitialGradientName);
            writer.Line("if (" + seed + ".Length != " + name + ".Length)");
            using (writer.OpenBlock())
            {
                writer.Line("global::SharpGrad.Numerics.GradientArguments.ThrowLengthMismatch(\"" + output.SeedName + "\", " + seed + ".Length, \"" + output.Parameter.Name + "\", " + name + ".Length);");
            }

            writer.Line();
            writer.Line("if (" + initial + ".Length != 0 && " + initial + ".Length != " + name + ".Length)");
            using (writer.OpenBlock())
            {
                writer.Line("global::SharpGrad.Numerics.GradientArguments.ThrowLengthMismatch(\"" + output.InitialGradientName + "\", " + initial + ".Length, \"" + output.Parameter.Name + "\", " + name + ".Length);");
            }

            writer.Line();
        }

        // An output written while another array argument is read would be differentiated as if they were apart.
        IrParameter[] arrays = program.Method.Parameters.Where(p => p.Kind != ParameterKind.Scalar).ToArray();
        bool wrote = false;
        foreach (OutputParameter output in program.Outputs)
        {
            string name = Identifier.Escape(output.Parameter.Name);
            foreach (IrParameter other in arrays.Where(p => p.ElementType == output.Parameter.ElementType && p.Name != output.Parameter.Name))
            {
                if (other.IsOutput && string.CompareOrdinal(other.Name, output.Parameter.Name) < 0)
                {
                    continue; // each pair of outputs once
                }

                writer.Line("global::SharpGrad.Numerics.GradientArguments.ThrowIfOutputOverlapping(" + name + ", " + Identifier.Escape(other.Name) + ", \"" + output.Parameter.Name + "\", \"" + other.Name + "\");");
                wrote = true;
            }

            foreach (IrParameter other in arrays.Where(p => p.ElementType == output.Parameter.ElementType))
            {
                writer.Line("global::SharpGrad.Numerics.GradientArguments.ThrowIfOverlapping(" + Identifier.Escape(output.InitialGradientName) + ", " + Identifier.Escape(other.Name) + ", \"" + output.InitialGradientName + "\", \"" + other.Name + "\");");
                wrote = true;
            }
        }

        if (wrote)
        {
            writer.Line();
        }
    }

    public static void WriteSeedDocumentation(IndentedWriter writer, GradientProgram program)
    {
        foreach (OutputParameter output in program.Outputs)
        {
            writer.Line("/// <param name=\"" + output.SeedName + "\">The gradient flowing into the output <paramref name=\"" + output.Parameter.Name + "\"/> (d(loss)/d(" + output.Parameter.Name + "), PyTorch's <c>" + output.Parameter.Name + ".backward(gradient)</c>); the same length as it. Read before the method writes anything, so it may share memory with any argument.</param>");
        }
    }

    public static void WriteInitialGradientDocumentation(IndentedWriter writer, GradientProgram program)
    {
        foreach (OutputParameter output in program.Outputs)
        {
            writer.Line("/// <param name=\"" + output.InitialGradientName + "\">Optional (empty by default): receives d(loss)/d(the contents of <paramref name=\"" + output.Parameter.Name + "\"/> on entry), added to its contents; nonzero only where the method reads an element of it before writing it, or leaves the element as it was.</param>");
        }
    }
}
