using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Models;

/// <summary>
/// An instance method of a module with differentiated arguments gets a second companion that differentiates
/// only the module's parameters (its own and its nested modules'): <c>model.LossWithGradient(features, targets)</c>
/// is the training step, with no gradient buffers for the data (and none of the work of filling them). The full
/// companion, with a buffer per differentiated argument, is what callers differentiating through the method use;
/// a caller whose arguments carry no derivative calls this one (<see cref="DifferentiableCallExpr.HasParametersOnlyCompanion"/>),
/// which is why every module method with differentiated arguments has it, even one that trains nothing itself.
/// </summary>
internal static class ParametersOnlyCompanion
{
    public static EquatableArray<MethodIr> WithVariant(MethodIr method)
    {
        if (!HasVariant(method.IsModuleMethod, method.Parameters.Where(p => !p.IsImplicit).Select(p => p.IsDifferentiated)))
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

    /// <summary>Whether a method has the variant: an instance method of a module with a differentiated argument.</summary>
    public static bool HasVariant(bool isModuleMethod, System.Collections.Generic.IEnumerable<bool> differentiatedArguments)
        => isModuleMethod && differentiatedArguments.Any(d => d);
}
