namespace SharpGrad;

/// <summary>
/// Marks a field or property of a <see cref="Module{T}"/> class as a trainable parameter (PyTorch: an
/// <c>nn.Parameter</c> attribute of an <c>nn.Module</c>). Its type is <see cref="Parameter{T}"/> or a plain
/// <c>T[]</c>; for an array SharpGrad generates the gradient storage. <c>[Differentiable]</c> instance methods
/// of the class read it (<c>weight.Data[i]</c>, <c>w[i]</c>), and their generated <c>...WithGradient</c>
/// companions add its gradient into <see cref="Parameter{T}.Grad"/>.
/// </summary>
/// <remarks>
/// SharpGrad generates an override of <see cref="Module{T}.VisitMembers"/> that lists every <c>[Parameter]</c> and
/// <see cref="ModuleAttribute">[Module]</see> member in declaration order, so <see cref="Module{T}.Parameters"/>
/// names this parameter by its member name (<c>weight</c>, or <c>fc1.weight</c> inside a nested module).
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
}
