using SharpGrad;

namespace Mnist;

/// <summary>PyTorch's default initialization of <c>nn.Linear</c> and <c>nn.Conv2d</c>.</summary>
internal static class PyTorchInit
{
    /// <summary>
    /// <c>reset_parameters()</c> of <c>nn.Linear</c> / <c>nn.Conv2d</c>: the weight Kaiming-uniform with a = √5
    /// (uniform in ±1/√fan_in), the bias uniform in ±1/√fan_in.
    /// </summary>
    public static void Linear(Parameter<float> weight, Parameter<float> bias, Random random)
    {
        Init.KaimingUniform(weight, random, a: Math.Sqrt(5));
        (int fanIn, _) = Init.CalculateFanInAndFanOut(weight.Shape);
        double bound = 1 / Math.Sqrt(fanIn);
        Init.Uniform(bias, random, -bound, bound);
    }
}
