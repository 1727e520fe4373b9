using System.Numerics;
using System.Numerics.Tensors;

namespace SharpGrad.Optimizers;

/// <summary>Stochastic gradient descent (PyTorch: <c>torch.optim.SGD</c>).</summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates SGD with learning rate <paramref name="lr"/>.</summary>
    public Sgd(IEnumerable<Parameter<T>> parameters, double lr)
        : base(parameters)
    {
        if (!(lr >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, $"Invalid learning rate: {lr}");
        }

        LearningRate = lr;
    }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; set; }

    /// <inheritdoc/>
    public override void Step()
    {
        T minusLr = T.CreateChecked(-LearningRate);
        foreach (Parameter<T> parameter in Parameters)
        {
            if (parameter.RequiresGrad)
            {
                // p += -lr * g, one fused vectorized pass.
                TensorPrimitives.FusedMultiplyAdd(parameter.Grad, minusLr, parameter.Data, parameter.Data);
            }
        }
    }
}
