using System.Reflection;
using CsCheck;
using SharpGrad.Gradients.Tests.Catalogue;

namespace SharpGrad.Gradients.Tests;

/// <summary>Every catalogue method's generated gradient against central finite differences at random points.</summary>
public sealed class CatalogueGradientTests
{
    public static TheoryData<string> Names => new(CatalogueCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_MatchesFiniteDifferences(string name)
    {
        GradientCase c = CatalogueCases.All[name];
        c.Domain.Where(Domains.IsGeneric).Sample(point => GradientCheck.AtPoint(c, point), iter: 12, threads: 1);
    }

    [Fact]
    public void EveryCatalogueMethod_HasACase()
    {
        string[] methods = DifferentiableMethodsIn(typeof(ArithmeticMethods).Assembly, typeof(ArithmeticMethods).Namespace!)
            .Where(name => !name.StartsWith("ControlFlowMethods.", StringComparison.Ordinal))
            .Where(name => !name.StartsWith("OutputMethods.", StringComparison.Ordinal) && !name.StartsWith("SliceMethods.", StringComparison.Ordinal) && !name.StartsWith("OutputControlFlow.", StringComparison.Ordinal)) // checked in OutputGradientTests
            .ToArray();

        Assert.Empty(methods.Except(CatalogueCases.All.Keys));
        Assert.True(methods.Length >= 80, $"the catalogue has {methods.Length} methods");
    }

    /// <summary>"Type.Method" for every [Differentiable] method in <paramref name="ns"/>.</summary>
    internal static IEnumerable<string> DifferentiableMethodsIn(Assembly assembly, string ns)
        => assembly.GetTypes()
            .Where(t => t.Namespace == ns)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null)
            .Select(m => m.DeclaringType!.Name + "." + m.Name)
            .Distinct();
}
