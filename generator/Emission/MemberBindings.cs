using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Models;

namespace SharpGrad.Generator.Emission;

/// <summary>
/// The entry of an instance companion: each member of <c>this</c> the method reads is bound to the local its
/// implicit parameter is named by, and each trainable one's gradient buffer to the module's own storage.
/// </summary>
internal static class MemberBindings
{
    public static void Write(IndentedWriter writer, GradientProgram program)
    {
        IrParameter[] members = program.Method.Parameters.Where(p => p.IsImplicit).ToArray();
        if (members.Length == 0)
        {
            return;
        }

        writer.Line("// The module's members this method reads, and the gradients of its parameters (accumulated in place).");
        foreach (IrParameter parameter in members)
        {
            MemberBinding binding = parameter.Member!;
            string member = "this." + Identifier.Escape(binding.MemberName);
            string value = binding.Kind == MemberBindingKind.ParameterObject ? member + ".Data" : member;
            writer.Line(parameter.TypeText + " " + Identifier.Escape(parameter.Name) + " = " + value + ";");
        }

        foreach (GradientParameter gradient in program.Gradients.Where(g => g.Parameter.IsImplicit))
        {
            MemberBinding binding = gradient.Parameter.Member!;
            string member = "this." + Identifier.Escape(binding.MemberName);
            string storage = binding.Kind == MemberBindingKind.ParameterObject
                ? member + ".Grad"
                : "ArrayParameter(ref this." + ModuleSymbols.ArrayStorageName(binding.MemberName) + ", " + member + ", \"" + binding.OwnerName + "." + binding.MemberName + "\").Grad";
            writer.Line("global::System.Span<" + gradient.Parameter.ElementType.Keyword() + "> " + Identifier.Escape(gradient.GradientName) + " = " + storage + ";");
        }

        writer.Line();
    }
}
