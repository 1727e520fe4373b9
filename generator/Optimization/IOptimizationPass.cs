using SharpGrad.Generator.Differentiation;

namespace SharpGrad.Generator.Optimization;

/// <summary>One rewrite of a gradient program that keeps its meaning and makes it simpler.</summary>
internal interface IOptimizationPass
{
    GradientProgram Run(GradientProgram program);
}
