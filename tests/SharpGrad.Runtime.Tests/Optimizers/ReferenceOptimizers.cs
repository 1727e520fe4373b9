using System.Numerics;
using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>Builds SharpGrad's counterpart of a recorded PyTorch configuration: groups [p] and [q], q with its own lr.</summary>
internal static class ReferenceOptimizers
{
    public static Optimizer<T> Create<T>(OptimizerCase c, Parameter<T> p, Parameter<T> q)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterGroup<T>[] groups = [new([p]), new([q]) { LearningRate = c.GroupQLearningRate }];
        double lr = c.Number("lr");
        return c.Optimizer switch
        {
            "SGD" => new Sgd<T>(groups, lr, c.Number("momentum"), c.Number("dampening"), c.Number("weight_decay"), c.Switch("nesterov"), c.Switch("maximize")),
            "Adam" => new Adam<T>(groups, lr, c.Betas, c.Number("eps"), c.Number("weight_decay"), c.Switch("amsgrad"), c.Switch("maximize")),
            "AdamW" => new AdamW<T>(groups, lr, c.Betas, c.Number("eps"), c.Number("weight_decay"), c.Switch("amsgrad"), c.Switch("maximize")),
            "RMSprop" => new RmsProp<T>(groups, lr, c.Number("alpha"), c.Number("eps"), c.Number("weight_decay"), c.Number("momentum"), c.Switch("centered"), c.Switch("maximize")),
            "Adagrad" => new Adagrad<T>(groups, lr, c.Number("lr_decay"), c.Number("weight_decay"), c.Number("initial_accumulator_value"), c.Number("eps")),
            _ => throw new InvalidDataException($"Unknown optimizer {c.Optimizer}"),
        };
    }

    /// <summary>Parameters p [7] and q [2, 3] at the configuration's initial values.</summary>
    public static (Parameter<T> P, Parameter<T> Q) InitialParameters<T>(OptimizerCase c)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (new Parameter<T>("p", Convert<T>(c.InitialP), 7), new Parameter<T>("q", Convert<T>(c.InitialQ), 2, 3));

    public static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => [.. values.Select(T.CreateTruncating)];

    public static double[] ToDoubles<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    /// <summary>Sets both gradients to the recorded ones of <paramref name="step"/>.</summary>
    public static void SetRecordedGradients<T>(ReferenceStep step, Parameter<T> p, Parameter<T> q)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Convert<T>(step.GradP).CopyTo(p.Grad);
        Convert<T>(step.GradQ).CopyTo(q.Grad);
    }
}
