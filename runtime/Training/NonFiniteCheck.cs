using System.Numerics;
using System.Numerics.Tensors;

namespace SharpGrad.Training;

/// <summary>Finds NaN and infinite losses and gradients and turns them into a <see cref="NonFiniteException"/> that says where.</summary>
internal static class NonFiniteCheck
{
    private const string Advice = "Common causes: a learning rate that is too high (try lower, or clip gradients in BeforeStep), log or division of zero in the loss, or NaN in the data.";

    public static void Loss(double loss, int epoch, long step, int batch, int batchCount)
    {
        if (!double.IsFinite(loss))
        {
            throw new NonFiniteException(
                $"Training stopped at step {step} (epoch {epoch}, batch {batch} of {batchCount}): the loss is {Describe(loss)}. {Advice}",
                epoch,
                step);
        }
    }

    public static void ValidationLoss(double loss, int epoch, long step)
    {
        if (!double.IsFinite(loss))
        {
            throw new NonFiniteException(
                $"Training stopped after step {step} (epoch {epoch}): the validation loss is {Describe(loss)}. {Advice}",
                epoch,
                step);
        }
    }

    public static void Gradients<T>(IReadOnlyList<Parameter<T>> parameters, int epoch, long step, int batch, int batchCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Indexing, not foreach: enumerating the interface would allocate on every step.
        for (int p = 0; p < parameters.Count; p++)
        {
            Parameter<T> parameter = parameters[p];

            // One vectorized pass in the common, all-finite case; the slow scan runs only to build the message.
            ReadOnlySpan<T> gradient = parameter.Grad;
            if (TensorPrimitives.IsFiniteAll(gradient))
            {
                continue;
            }

            int first = -1;
            int nonFinite = 0;
            for (int i = 0; i < gradient.Length; i++)
            {
                if (!T.IsFinite(gradient[i]))
                {
                    nonFinite++;
                    if (first < 0)
                    {
                        first = i;
                    }
                }
            }

            string element = parameter.Shape.Length > 1 ? $" (element {ElementIndex(parameter.Shape, first)})" : string.Empty;
            throw new NonFiniteException(
                $"Training stopped at step {step} (epoch {epoch}, batch {batch} of {batchCount}): gradient of '{parameter.Name}' contains {Describe(double.CreateChecked(gradient[first]))} at index {first}{element}; {nonFinite} of {gradient.Length} values are not finite. {Advice}",
                epoch,
                step,
                parameter.Name,
                first);
        }
    }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";

    // Row-major flat index to [i0, i1, ...], so the element can be found in the layer's weight matrix.
    private static string ElementIndex(ReadOnlySpan<int> shape, int flatIndex)
    {
        var indices = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            indices[d] = flatIndex % shape[d];
            flatIndex /= shape[d];
        }

        return "[" + string.Join(", ", indices) + "]";
    }
}
