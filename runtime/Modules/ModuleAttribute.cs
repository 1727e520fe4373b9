namespace SharpGrad;

/// <summary>
/// Marks a field or property of a <see cref="Module{T}"/> class that holds a nested module (PyTorch: a
/// submodule such as <c>self.fc1 = nn.Linear(4, 16)</c>). Its parameters are listed by
/// <see cref="Module{T}.Parameters"/> under the member's name (<c>fc1.weight</c>), <see cref="Module{T}.Train"/>
/// and <see cref="Module{T}.Eval"/> reach it, and a <c>[Differentiable]</c> method may call its
/// <c>[Differentiable]</c> instance methods (<c>fc1.Forward(x, h)</c>): the gradient flows into its parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ModuleAttribute : Attribute
{
}
