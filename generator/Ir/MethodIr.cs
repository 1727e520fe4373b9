using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Ir;

internal enum ParameterKind
{
    Scalar,
    Array,
    Span,
    ReadOnlySpan,
}

/// <summary>A parameter of a differentiable method.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="TypeText">Its type, fully qualified, as written in the generated signature.</param>
/// <param name="ModifierText">A modifier written before the type (<c>in </c>, <c>scoped </c>) or empty.</param>
/// <param name="ElementType">The scalar type, or the element type of an array or span.</param>
/// <param name="Kind">Scalar, array or span.</param>
/// <param name="IsDifferentiated">Whether the generated method computes this parameter's gradient.</param>
/// <param name="IsOutput">
/// Whether it is an output: a <c>Span&lt;T&gt;</c> the method writes its results into (<c>[Output]</c>, or any
/// writable span of a <c>void</c> method). The companion takes a seed for it instead of a gradient buffer.
/// </param>
/// <param name="Member">
/// For an instance method, a member of <c>this</c> the method reads, made an implicit parameter by the parser:
/// the companion binds it on entry instead of taking it as an argument (see <see cref="MemberBinding"/>).
/// Null for a parameter of the method's signature.
/// </param>
internal sealed record IrParameter(string Name, string TypeText, string ModifierText, NumericType ElementType, ParameterKind Kind, bool IsDifferentiated, bool IsOutput = false, MemberBinding? Member = null)
{
    /// <summary>Whether the parameter is a member of <c>this</c> bound on entry, not an argument.</summary>
    public bool IsImplicit => Member is not null;
}

/// <summary>How an implicit parameter reads a member of <c>this</c>.</summary>
internal enum MemberBindingKind
{
    /// <summary>A <c>[Parameter] Parameter&lt;T&gt;</c>: its <c>Data</c>, gradient into its <c>Grad</c>.</summary>
    ParameterObject,

    /// <summary>A <c>[Parameter] T[]</c>: the array, gradient into the storage the model file generates for it.</summary>
    ParameterArray,

    /// <summary>Any other field or property (a size, a flag, a constant array): its value, no gradient.</summary>
    Value,
}

/// <summary>A member of <c>this</c> bound to an implicit parameter.</summary>
/// <param name="MemberName">The field or property, as declared.</param>
/// <param name="Kind">What is read and where the gradient goes.</param>
/// <param name="OwnerName">The type that declares the member (for generated messages and storage names).</param>
internal sealed record MemberBinding(string MemberName, MemberBindingKind Kind, string OwnerName);

/// <summary>
/// A local of the method, renamed when needed so that every local has a distinct name. A local array
/// (<c>new T[n]</c> or <c>stackalloc T[n]</c>) has its element type and is allocated by an <see cref="AllocateStmt"/>.
/// </summary>
internal sealed record IrLocal(string Name, NumericType Type, bool IsArray = false);

/// <summary>A type that contains the method: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>) and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// A differentiable method, parsed: everything the later stages need and nothing Roslyn owns. A method that
/// returns <c>void</c> (<see cref="ReturnsVoid"/>) has outputs instead; its <see cref="ReturnType"/> is then
/// the element type of its outputs and means nothing else.
/// <c>IsModuleMethod</c>: an instance method of a <c>Module&lt;T&gt;</c> class. <c>ParametersOnly</c>: the variant of
/// such a method that differentiates only the module's parameters (see <c>ParametersOnlyCompanion</c>).
/// </summary>
internal sealed record MethodIr(
    string Name,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Accessibility,
    bool IsStatic,
    NumericType ReturnType,
    EquatableArray<IrParameter> Parameters,
    EquatableArray<IrLocal> Locals,
    EquatableArray<IrStmt> Body,
    bool ReturnsVoid = false,
    bool ParametersOnly = false,
    bool IsModuleMethod = false)
{
    public string HintName
    {
        get
        {
            string types = string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name));
            // The parameter types and modifiers keep overloads apart (F(double) and F(in double) are two
            // methods); FNV-1a keeps the name short and stable across runs.
            uint hash = 2166136261;
            foreach (IrParameter parameter in Parameters)
            {
                foreach (char c in parameter.ModifierText + parameter.TypeText + ",")
                {
                    hash = unchecked((hash ^ c) * 16777619);
                }
            }

            return (Namespace.Length == 0 ? string.Empty : Namespace + ".") + types + "." + Name + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + (ParametersOnly ? ".parameters" : string.Empty) + ".g.cs";
        }
    }
}
