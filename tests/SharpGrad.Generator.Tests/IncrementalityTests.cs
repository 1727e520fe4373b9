using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SharpGrad.Generator.Tests;

/// <summary>The pipeline reuses its work when nothing that matters changed, and redoes it when something did.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] _steps = [TrackingNames.Parse, TrackingNames.Differentiate, TrackingNames.Optimize, TrackingNames.Emit];

    [Fact]
    public void SameInputTwice_EveryStepIsCached()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(Sources.FlatLinearLoss, Sources.FlatLinearLoss);

        foreach (string step in _steps)
        {
            Assert.All(Outputs(second, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }

    [Fact]
    public void AddedCommentInsideMethod_RegeneratesNothing()
    {
        string edited = Sources.FlatLinearLoss.Replace("double error = prediction - targets[i];", "// the residual\n            double error = prediction - targets[i];");
        (GeneratorDriverRunResult second, _) = RunTwice(Sources.FlatLinearLoss, edited);

        // Parsing runs again (the syntax changed) but yields an equal model, so nothing after it runs.
        Assert.All(Outputs(second, TrackingNames.Parse), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        foreach (string step in _steps.Skip(1))
        {
            Assert.All(Outputs(second, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }
    }

    [Fact]
    public void ChangedOperator_Regenerates()
    {
        string edited = Sources.FlatLinearLoss.Replace("prediction - targets[i]", "prediction + targets[i]");
        (GeneratorDriverRunResult second, GeneratorDriverRunResult first) = RunTwice(Sources.FlatLinearLoss, edited);

        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Parse));
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Emit));
        Assert.NotEqual(first.GeneratedTrees[0].GetText().ToString(), second.GeneratedTrees[0].GetText().ToString());
    }

    [Fact]
    public void EditInOneMethod_RegeneratesOnlyThatMethod()
    {
        const string other = """

            public static partial class Other
            {
                [SharpGrad.Differentiable]
                public static double Square(double x) => x * x;
            }
            """;
        string edited = Sources.FlatLinearLoss.Replace("prediction - targets[i]", "prediction + targets[i]");
        (GeneratorDriverRunResult second, _) = RunTwice(Sources.FlatLinearLoss + other, edited + other);

        IncrementalStepRunReason[] emits = Outputs(second, TrackingNames.Emit).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, emits);
        Assert.Contains(IncrementalStepRunReason.Cached, emits);
    }

    [Fact]
    public void EditInsideCallee_RegeneratesTheCalleeOnly()
    {
        const string template = """
            using SharpGrad;
            public static partial class Physics
            {
                [Differentiable]
                public static double Energy(double v) => 0.5 * v * v;

                [Differentiable]
                public static double Total(double a, double b) => Energy(a) + Energy(b) * 2;
            }
            """;
        string edited = template.Replace("0.5 * v * v", "0.25 * v * v");
        (GeneratorDriverRunResult second, _) = RunTwice(template, edited);

        // The caller reaches the callee through its generated gradient, so its own model did not change.
        IncrementalStepRunReason[] emits = Outputs(second, TrackingNames.Emit).ToArray();
        Assert.Equal(2, emits.Length);
        Assert.Single(emits, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(emits, r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditInsideVectorCallee_RegeneratesTheCalleeOnly()
    {
        const string template = """
            using System;
            using SharpGrad;
            public static partial class Net
            {
                [Differentiable]
                public static void Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
                {
                    for (int i = 0; i < y.Length; i++) { y[i] = Math.Tanh(w[i] * x[i]); }
                }

                [Differentiable]
                public static double Loss(ReadOnlySpan<double> w, [NoGrad] ReadOnlySpan<double> x)
                {
                    double[] h = new double[w.Length];
                    Layer(w, x.Slice(0, w.Length), h);
                    return h[0] * h[1];
                }
            }
            """;
        string edited = template.Replace("Math.Tanh(w[i] * x[i])", "Math.Sin(w[i] * x[i])");
        (GeneratorDriverRunResult second, _) = RunTwice(template, edited);

        // The caller reaches the callee's outputs through its generated gradient: its own model did not change.
        IncrementalStepRunReason[] emits = Outputs(second, TrackingNames.Emit).ToArray();
        Assert.Equal(2, emits.Length);
        Assert.Single(emits, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(emits, r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void PipelineModels_HoldNoRoslynObjects()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(Sources.FlatLinearLoss, Sources.FlatLinearLoss);
        foreach (string step in _steps)
        {
            foreach (IncrementalGeneratorRunStep run in second.Results[0].TrackedSteps[step])
            {
                foreach ((object value, _) in run.Outputs)
                {
                    AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    internal static (GeneratorDriverRunResult Second, GeneratorDriverRunResult First) RunTwice(string first, string second)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(first);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorDriverRunResult firstResult = driver.GetRunResult();

        SyntaxTree oldTree = compilation.SyntaxTrees.Single();
        Compilation next = compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(second, GeneratorHarness.ParseOptions, oldTree.FilePath));
        driver = driver.RunGenerators(next);
        return (driver.GetRunResult(), firstResult);
    }

    internal static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorDriverRunResult result, string step)
    {
        Assert.True(result.Results[0].TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        return result.Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);
    }

    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or IOperation or Location or Compilation or SemanticModel,
            $"{step} holds a {type.Name}, which keeps a whole compilation alive and breaks caching");

        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertNoRoslynObjects(item, step, seen);
            }

            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, seen);
        }
    }
}
