using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Models;

internal enum ModelMemberKind
{
    /// <summary><c>[Parameter] Parameter&lt;T&gt;</c>.</summary>
    Parameter,

    /// <summary><c>[Parameter] T[]</c>: the model file generates its gradient storage.</summary>
    ParameterArray,

    /// <summary><c>[Module]</c>: a nested <c>Module&lt;T&gt;</c>.</summary>
    Module,
}

/// <summary>A <c>[Parameter]</c> or <c>[Module]</c> member, as the model file lists it.</summary>
internal sealed record ModelMember(string Name, ModelMemberKind Kind);

/// <summary>
/// A model class: where it is declared and its marked members in declaration order. Plain values only, so an
/// edit to a method body (which leaves this equal) regenerates no model file.
/// </summary>
internal sealed record ModelDescription(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    NumericType ElementType,
    EquatableArray<ModelMember> Members)
{
    public string TypeName => ContainingTypes[ContainingTypes.Count - 1].Name;

    public string HintName
        => (Namespace.Length == 0 ? string.Empty : Namespace + ".") + string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name)) + ".Module.g.cs";
}
