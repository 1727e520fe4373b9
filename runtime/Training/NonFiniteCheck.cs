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
            ThrowForLoss(loss, epoch, step, batch, batchCount);
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
            Gradient(parameters[p], epoch, step, batch, batchCount);
        }
    }

    /// <summary>The check of <see cref="NonFiniteException.ThrowIfNotFinite{T}(double, ReadOnlySpan{Parameter{T}})"/>: a loss and gradients, outside the trainer, so without a position.</summary>
    public static void LossAndGradients<T>(double loss, ReadOnlySpan<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!double.IsFinite(loss))
        {
            ThrowForLoss(loss, epoch: 0, step: 0, batch: 0, batchCount: 0);
        }

        foreach (Parameter<T> parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            Gradient(parameter, epoch: 0, step: 0, batch: 0, batchCount: 0);
        }
    }

    /// <summary>NaN, +Infinity or -Infinity.</summary>
    public static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";

    /// <summary>The first non-finite element of <paramref name="values"/> and how many there are, or (-1, 0).</summary>
    public static (int First, int Count) FindNonFinite<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        // One vectorized pass in the common, all-finite case; the slow scan runs only to build a message.
        if (TensorPrimitives.IsFiniteAll(values))
        {
            return (-1, 0);
        }

        int first = -1;
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return (first, count);
    }

    /// <summary>" (element [i0, i1, ...])" for a parameter of rank 2 or more, so the element can be found in a weight matrix; empty otherwise.</summary>
    public static string ElementSuffix(ReadOnlySpan<int> shape, int flatIndex)
    {
        if (shape.Length < 2)
        {
            return string.Empty;
        }

        var indices = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            indices[d] = flatIndex % shape[d];
            flatIndex /= shape[d];
        }

        return " (element [" + string.Join(", ", indices) + "])";
    }

    private static void Gradient<T>(Parameter<T> parameter, int epoch, long step, int batch, int batchCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> gradient = parameter.Grad;
        (int first, int nonFinite) = FindNonFinite(gradient);
        if (first < 0)
        {
            return;
        }

        throw new NonFiniteException(
            $"{Where(epoch, step, batch, batchCount)}: gradient of '{parameter.Name}' contains {Describe(double.CreateChecked(gradient[first]))} at index {first}{ElementSuffix(parameter.Shape, first)}; {nonFinite} of {gradient.Length} values are not finite. {Advice}",
            epoch,
            step,
            parameter.Name,
            first);
    }

    private static void ThrowForLoss(double loss, int epoch, long step, int batch, int batchCount) =>
        throw new NonFiniteException($"{Where(epoch, step, batch, batchCount)}: the loss is {Describe(loss)}. {Advice}", epoch, step);

    // Step 0 means the check ran outside the trainer, which alone knows the position.
    private static string Where(int epoch, long step, int batch, int batchCount) =>
        step == 0 ? "Training stopped" : $"Training stopped at step {step} (epoch {epoch}, batch {batch} of {batchCount})";
}
