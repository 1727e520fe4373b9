using SharpGrad.Optimizers;

namespace SharpGrad.Runtime.Tests.Optimizers;

/// <summary>Every recorded PyTorch optimizer configuration, replayed step by step in double.</summary>
public sealed class OptimizerTrajectoryTests
{
    public static TheoryData<string> Configurations => new(PyTorchReference.Optimizers.Select(c => c.Name));

    [Fact]
    public void The_reference_data_has_every_configuration_with_25_steps()
    {
        Assert.Equal(19, PyTorchReference.Optimizers.Count);
        Assert.All(PyTorchReference.Optimizers, c => Assert.Equal(Enumerable.Range(1, 25), c.Steps.Select(s => s.Step)));
        Assert.Equal(["Adagrad", "Adam", "AdamW", "RMSprop", "SGD"], PyTorchReference.Optimizers.Select(c => c.Optimizer).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Replaying_the_recorded_gradients_reproduces_PyTorchs_parameters(string configuration)
    {
        OptimizerCase c = PyTorchReference.Optimizer(configuration);
        (Parameter<double> p, Parameter<double> q) = ReferenceOptimizers.InitialParameters<double>(c);
        Optimizer<double> optimizer = ReferenceOptimizers.Create(c, p, q);
        Assert.Equal(c.Optimizer, optimizer.Name);

        foreach (ReferenceStep step in c.Steps)
        {
            optimizer.ZeroGrad();
            ReferenceOptimizers.SetRecordedGradients(step, p, q);
            optimizer.Step();
            Tolerance.AssertClose(step.ParamsP, p.Data, Tolerance.Double, $"{configuration} step {step.Step} p");
            Tolerance.AssertClose(step.ParamsQ, q.Data, Tolerance.Double, $"{configuration} step {step.Step} q");
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Training_on_the_objective_itself_follows_PyTorchs_trajectory(string configuration)
    {
        // Gradients from the formula at SharpGrad's own iterates: the whole loop, not just one step at a time.
        OptimizerCase c = PyTorchReference.Optimizer(configuration);
        ReferenceProblem problem = PyTorchReference.Problem;
        (Parameter<double> p, Parameter<double> q) = ReferenceOptimizers.InitialParameters<double>(c);
        Optimizer<double> optimizer = ReferenceOptimizers.Create(c, p, q);
        double sign = c.Maximized ? -1 : 1;

        foreach (ReferenceStep step in c.Steps)
        {
            optimizer.ZeroGrad();
            double[] gradP = ProblemGradient.Of(p.Data, problem.C, problem.T);
            double[] gradQ = ProblemGradient.Of(q.Data, problem.D, problem.U);
            for (int i = 0; i < gradP.Length; i++)
            {
                p.Grad[i] = sign * gradP[i];
            }

            for (int i = 0; i < gradQ.Length; i++)
            {
                q.Grad[i] = sign * gradQ[i];
            }

            optimizer.Step();
            Tolerance.AssertClose(step.ParamsP, p.Data, Tolerance.Double, $"{configuration} step {step.Step} p");
            Tolerance.AssertClose(step.ParamsQ, q.Data, Tolerance.Double, $"{configuration} step {step.Step} q");
        }
    }

    [Fact]
    public void The_gradient_formula_matches_the_recorded_autograd_gradients()
    {
        // The float and whole-loop tests compute gradients from the formula; make sure it is PyTorch's objective.
        ReferenceProblem problem = PyTorchReference.Problem;
        foreach (OptimizerCase c in PyTorchReference.Optimizers)
        {
            double sign = c.Maximized ? -1 : 1;
            double[] p = c.InitialP;
            double[] q = c.InitialQ;
            foreach (ReferenceStep step in c.Steps)
            {
                Tolerance.AssertClose(step.GradP, [.. ProblemGradient.Of(p, problem.C, problem.T).Select(g => sign * g)], Tolerance.Double, $"{c.Name} step {step.Step} grad p");
                Tolerance.AssertClose(step.GradQ, [.. ProblemGradient.Of(q, problem.D, problem.U).Select(g => sign * g)], Tolerance.Double, $"{c.Name} step {step.Step} grad q");
                p = step.ParamsP;
                q = step.ParamsQ;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Float_optimizer_follows_the_double_trajectory_within_1e_4(string configuration)
    {
        OptimizerCase c = PyTorchReference.Optimizer(configuration);
        ReferenceProblem problem = PyTorchReference.Problem;
        (Parameter<float> p, Parameter<float> q) = ReferenceOptimizers.InitialParameters<float>(c);
        Optimizer<float> optimizer = ReferenceOptimizers.Create(c, p, q);
        double sign = c.Maximized ? -1 : 1;

        foreach (ReferenceStep step in c.Steps)
        {
            optimizer.ZeroGrad();
            double[] gradP = ProblemGradient.Of(ReferenceOptimizers.ToDoubles<float>(p.Data), problem.C, problem.T);
            double[] gradQ = ProblemGradient.Of(ReferenceOptimizers.ToDoubles<float>(q.Data), problem.D, problem.U);
            ReferenceOptimizers.Convert<float>([.. gradP.Select(g => sign * g)]).CopyTo(p.Grad);
            ReferenceOptimizers.Convert<float>([.. gradQ.Select(g => sign * g)]).CopyTo(q.Grad);
            optimizer.Step();
            Tolerance.AssertClose(step.ParamsP, ReferenceOptimizers.ToDoubles<float>(p.Data), 1e-4, $"{configuration} float step {step.Step} p");
            Tolerance.AssertClose(step.ParamsQ, ReferenceOptimizers.ToDoubles<float>(q.Data), 1e-4, $"{configuration} float step {step.Step} q");
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Vectorized_body_and_scalar_tail_compute_the_same_bits_in_float(string configuration) =>
        AssertVectorAndScalarAgree<float>(configuration);

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Vectorized_body_and_scalar_tail_compute_the_same_bits_in_double(string configuration) =>
        AssertVectorAndScalarAgree<double>(configuration);

    private static void AssertVectorAndScalarAgree<T>(string configuration)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        // A 7-element p goes through the scalar tail (float) or mostly through it (double); a 7*11-element copy
        // of it goes mostly through vectors. Elements are independent, so each copy must match bit for bit.
        const int Copies = 11;
        OptimizerCase c = PyTorchReference.Optimizer(configuration);
        (Parameter<T> p, Parameter<T> q) = ReferenceOptimizers.InitialParameters<T>(c);
        Optimizer<T> shortOptimizer = ReferenceOptimizers.Create(c, p, q);
        T[] repeated = [.. Enumerable.Range(0, Copies).SelectMany(_ => ReferenceOptimizers.Convert<T>(c.InitialP))];
        var longP = new Parameter<T>("p", repeated, repeated.Length);
        (_, Parameter<T> longQ) = ReferenceOptimizers.InitialParameters<T>(c);
        Optimizer<T> longOptimizer = ReferenceOptimizers.Create(c, longP, longQ);

        foreach (ReferenceStep step in c.Steps)
        {
            ReferenceOptimizers.SetRecordedGradients(step, p, q);
            ReferenceOptimizers.Convert<T>(step.GradQ).CopyTo(longQ.Grad);
            T[] gradient = ReferenceOptimizers.Convert<T>(step.GradP);
            for (int i = 0; i < longP.Length; i++)
            {
                longP.Grad[i] = gradient[i % gradient.Length];
            }

            shortOptimizer.Step();
            longOptimizer.Step();
            for (int i = 0; i < longP.Length; i++)
            {
                Assert.True(longP.Data[i].Equals(p.Data[i % p.Length]), $"{configuration} step {step.Step}: element {i} is {longP.Data[i]} but the scalar path gave {p.Data[i % p.Length]}.");
            }
        }
    }
}
