using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Models;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Members of <c>this</c> read by an instance method. Each becomes an implicit parameter of the IR, bound by the
/// companion on entry: a <c>[Parameter]</c> is a differentiated span whose gradient goes into the module's own
/// storage, any other field or property a constant. The reverse transform sees ordinary parameters.
/// </summary>
internal sealed partial class MethodParser
{
    private readonly Dictionary<string, IrParameter> _memberParameters = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, (Location Location, string What)> _invalidMembers = new(System.StringComparer.Ordinal);

    /// <summary>A plain array [Parameter] outside a Module&lt;T&gt; of its element type has no gradient storage: refuse its uses.</summary>
    private void ReportInvalidMembers()
    {
        foreach ((Location location, string what) in _invalidMembers.Values)
        {
            Report(Diagnostics.DiagnosticDescriptors.UnsupportedExpression, location, what, "a plain array parameter needs gradient storage, which SharpGrad generates only in a class deriving from SharpGrad.Module<T> of the array's element type; derive from Module<float> or Module<double>, or use a Parameter<T>");
        }
    }

    /// <summary>The field or property of <c>this</c> that <paramref name="operation"/> reads, or null.</summary>
    private static ISymbol? MemberOfThis(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Field.IsStatic: false, Field.IsConst: false, Instance: IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Property.IsStatic: false, Property.IsIndexer: false, Property.ReturnsByRef: false, Property.ReturnsByRefReadonly: false, Instance: IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    /// <summary>
    /// The implicit span parameter for an array-like member read: <c>this.w</c> (a <c>T[]</c>), <c>this.weight</c> or
    /// <c>this.weight.Data</c> (a <c>Parameter&lt;T&gt;</c>); null when <paramref name="operation"/> is none of these.
    /// </summary>
    private IrParameter? ArrayMember(IOperation operation)
    {
        if (operation is IPropertyReferenceOperation { Property.Name: "Data", Instance: { } owner } && MemberOfThis(owner) is { } dataOwner
            && ModuleSymbols.ParameterElementType(ModuleSymbols.MemberType(dataOwner)) is not null)
        {
            return ArrayMember(owner);
        }

        if (MemberOfThis(operation) is not { } member)
        {
            return null;
        }

        ITypeSymbol? type = ModuleSymbols.MemberType(member);
        bool marked = ModuleSymbols.HasAttribute(member, ModuleSymbols.ParameterAttributeName);
        if (ModuleSymbols.ParameterElementType(type) is { } parameterElement)
        {
            return BindMember(member, MemberBindingKind.ParameterObject, parameterElement, ParameterKind.ReadOnlySpan);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array && ToNumericType(array.ElementType) is { } element)
        {
            bool trainable = marked && element.IsFloatingPoint() && ModuleSymbols.ModuleElementType(_method.ContainingType) == element;
            if (marked && !trainable && !_invalidMembers.ContainsKey(member.Name))
            {
                // Reported once, after the body is parsed (this runs inside pattern guards, possibly more than once per use).
                _invalidMembers.Add(member.Name, (operation.Syntax.GetLocation(), $"the [Parameter] '{member.Name}' of type '{type.ToDisplayString()}'"));
            }

            return BindMember(member, trainable ? MemberBindingKind.ParameterArray : MemberBindingKind.Value, element, ParameterKind.ReadOnlySpan);
        }

        return null;
    }

    /// <summary>A scalar member read (a size, a rate, <c>IsTraining</c>): a constant implicit parameter.</summary>
    private IrExpr? ParseScalarMember(IOperation operation, ISymbol member, NumericType type)
    {
        if (ModuleSymbols.HasAttribute(member, ModuleSymbols.ParameterAttributeName))
        {
            return Unsupported(operation, $"the [Parameter] '{member.Name}' of type '{ModuleSymbols.MemberType(member)?.ToDisplayString()}'", "a trainable parameter is a Parameter<float>, Parameter<double>, float[] or double[]; a scalar parameter is a Parameter<T> of shape [1]");
        }

        return new VariableExpr(BindMember(member, MemberBindingKind.Value, type, ParameterKind.Scalar).Name, type);
    }

    private IrParameter BindMember(ISymbol member, MemberBindingKind kind, NumericType element, ParameterKind parameterKind)
    {
        if (_memberParameters.TryGetValue(member.Name, out IrParameter? bound))
        {
            return bound;
        }

        string name = member.Name;
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
        {
            name = member.Name + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string typeText = parameterKind == ParameterKind.Scalar ? element.Keyword() : "global::System.ReadOnlySpan<" + element.Keyword() + ">";
        var parameter = new IrParameter(name, typeText, string.Empty, element, parameterKind, kind != MemberBindingKind.Value, Member: new MemberBinding(member.Name, kind, member.ContainingType.Name));
        _memberParameters.Add(member.Name, parameter);
        _parameters.Add(name, parameter);
        _parameterList.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// The receiver of an instance call a [Differentiable] method may make: its own type (<c>this</c>) or a
    /// <c>[Module]</c> member (<c>fc1.Forward(x)</c>), whose companion adds into that module's gradients. Null otherwise.
    /// </summary>
    private static string? ReceiverText(IOperation? instance)
    {
        if (instance is IInstanceReferenceOperation)
        {
            return "this";
        }

        return instance is not null && MemberOfThis(instance) is { } member && ModuleSymbols.HasAttribute(member, ModuleSymbols.ModuleAttributeName)
            ? "this." + Identifier.Escape(member.Name)
            : null;
    }
}
