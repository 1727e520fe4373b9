using System.Numerics;
using SharpGrad.Optimizers;
using SharpGrad.Training;

namespace SharpGrad.Checkpoints;

// A checkpoint of NaN or infinite values would resume a broken run and replace the last good checkpoint, so
// Save refuses one unless CheckpointSaveOptions.AllowNonFinite says otherwise.
public static partial class Checkpoint
{
    private static void RequireFinite<T>(string path, Parameter<T>[] parameters, OptimizerState? state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (Parameter<T> parameter in parameters)
        {
            ReadOnlySpan<T> values = parameter.Data;
            (int first, int count) = NonFiniteCheck.FindNonFinite(values);
            if (first >= 0)
            {
                throw Refused(path, $"parameter '{parameter.Name}' holds {NonFiniteCheck.Describe(double.CreateChecked(values[first]))} at index {first}{NonFiniteCheck.ElementSuffix(parameter.Shape, first)}; {count} of {values.Length} values are not finite");
            }
        }

        if (state is null)
        {
            return;
        }

        foreach (string key in state.Scalars.Keys.Order(StringComparer.Ordinal))
        {
            double value = state.Scalars[key];
            if (!double.IsFinite(value))
            {
                throw Refused(path, $"optimizer state '{key}' ({state.OptimizerName}) is {NonFiniteCheck.Describe(value)}");
            }
        }

        foreach (string key in state.Buffers.Keys.Order(StringComparer.Ordinal))
        {
            double[] values = state.Buffers[key];
            (int first, int count) = NonFiniteCheck.FindNonFinite<double>(values);
            if (first >= 0)
            {
                throw Refused(path, $"optimizer state '{key}' ({state.OptimizerName}) holds {NonFiniteCheck.Describe(values[first])} at index {first}; {count} of {values.Length} values are not finite");
            }
        }
    }

    private static CheckpointException Refused(string path, string problem) =>
        new(path, $"Checkpoint '{path}' was not saved: {problem}. Resuming from it would continue a broken run; to save it anyway, pass new CheckpointSaveOptions {{ AllowNonFinite = true }}. Any previous checkpoint there is unchanged.");
}
