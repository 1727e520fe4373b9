using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Models;

/// <summary>
/// An instance method that reads trainable members and also has differentiated arguments gets a second
/// companion that differentiates only the members: <c>model.LossWithGradient(features, targets)</c> is the
/// training step, with no gradient buffers for the data (and none of the work of filling them). The full
/// companion, with a buffer per differentiated argument, is what callers differentiating through the method use.
/// </summary>
internal static class ParametersOnlyCompanion
{
    public static EquatableArray<MethodIr> WithVariant(MethodIr method)
    {
        bool trainsMembers = method.Parameters.Any(p => p.IsImplicit && p.IsDifferentiated);
        bool differentiatesArguments = method.Parameters.Any(p => !p.IsImplicit && p.IsDifferentiated);
        if (method.IsStatic || !trainsMembers || !differentiatesArguments)
        {
            return EquatableArray.Create(method);
        }

        MethodIr parametersOnly = method with
        {
            Parameters = method.Parameters.Select(p => p.IsImplicit ? p : p with { IsDifferentiated = false }).ToEquatableArray(),
            ParametersOnly = true,
        };
        return EquatableArray.Create(method, parametersOnly);
    }
}
