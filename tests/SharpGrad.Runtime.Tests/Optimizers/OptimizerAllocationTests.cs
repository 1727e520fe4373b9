using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>A training step must not allocate: <c>ZeroGrad</c> and <c>Step</c> of every optimizer, with two
/// groups and a frozen parameter, allocate nothing once their state buffers exist.</summary>
public class OptimizerAllocationTests
{
    public static TheoryData<string> Optimizers => ["sgd", "sgd-momentum", "adam", "adamw", "rmsprop", "adagrad"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Step_and_zero_grad_allocate_nothing_after_warm_up(string kind)
    {
        var weight = new Parameter<float>("weight", 16, 8);
        var bias = new Parameter<float>("bias", 16);
        var frozen = new Parameter<float>("frozen", 4) { RequiresGrad = false };
        ParameterGroup<float>[] groups = [new([weight, frozen]), new ParameterGroup<float>([bias]) { LearningRate = 0.5e-3 }];
        Optimizer<float> optimizer = kind switch
        {
            "sgd" => new Sgd<float>(groups, lr: 1e-3),
            "sgd-momentum" => new Sgd<float>(groups, lr: 1e-3, momentum: 0.9, nesterov: true),
            "adam" => new Adam<float>(groups, lr: 1e-3),
            "adamw" => new AdamW<float>(groups, lr: 1e-3),
            "rmsprop" => new RmsProp<float>(groups, lr: 1e-3, momentum: 0.5, centered: true),
            "adagrad" => new Adagrad<float>(groups, lr: 1e-3),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            Train(optimizer, weight, bias);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            Train(optimizer, weight, bias);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(weight.Data.ToArray(), value => Assert.True(float.IsFinite(value)));
        Assert.NotEqual(0f, bias.Data[0]);
    }

    private static void Train(Optimizer<float> optimizer, Parameter<float> weight, Parameter<float> bias)
    {
        optimizer.ZeroGrad();
        for (int i = 0; i < weight.Grad.Length; i++)
        {
            weight.Grad[i] = 0.01f * (i % 7) - 0.02f;
        }

        bias.Grad.Fill(0.25f);
        optimizer.Step();
    }
}
