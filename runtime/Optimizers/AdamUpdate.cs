using System.Numerics;
using static SharpGrad.Optimizers.HyperparameterNames;

namespace SharpGrad.Optimizers;

/// <summary>What Adam and AdamW share: their state, checks and per-parameter step (they differ only in
/// how weight decay is applied).</summary>
internal static class AdamUpdate
{
    public const string ExpAvg = "exp_avg";
    public const string ExpAvgSq = "exp_avg_sq";
    public const string MaxExpAvgSq = "max_exp_avg_sq";

    public static readonly string[] BufferNames = [ExpAvg, ExpAvgSq, MaxExpAvgSq];
    public static readonly string[] RequiredBufferNames = [ExpAvg, ExpAvgSq];

    public static Dictionary<string, double> Defaults(double lr, (double Beta1, double Beta2) betas, double eps, double weightDecay, bool amsGrad, bool maximize) => new()
    {
        [LearningRate] = lr,
        [Beta1] = betas.Beta1,
        [Beta2] = betas.Beta2,
        [Epsilon] = eps,
        [WeightDecay] = weightDecay,
        [AmsGrad] = amsGrad ? 1 : 0,
        [Maximize] = maximize ? 1 : 0,
    };

    public static void Validate(IReadOnlyDictionary<string, double> hyperparameters, string context)
    {
        HyperparameterRules.LearningRate(hyperparameters, context);
        HyperparameterRules.Epsilon(hyperparameters, context);
        HyperparameterRules.Beta(hyperparameters, Beta1, 0, context);
        HyperparameterRules.Beta(hyperparameters, Beta2, 1, context);
        HyperparameterRules.NonNegativeValue(hyperparameters, WeightDecay, "weightDecay", context);
        HyperparameterRules.Switch(hyperparameters, AmsGrad, context);
        HyperparameterRules.Switch(hyperparameters, Maximize, context);
    }

    /// <summary>Advances the parameter's step count and applies one update.</summary>
    public static void Apply<T>(ParameterGroup<T> group, Parameter<T> parameter, ParameterState<T> state, bool decoupledWeightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GroupConstants constants = group.Derived(Cache<T>.ConstantsOf);
        bool amsGrad = constants.AmsGrad;
        T[] expAvg = state.GetOrAddBuffer(ExpAvg, T.Zero);
        T[] expAvgSq = state.GetOrAddBuffer(ExpAvgSq, T.Zero);
        Span<T> maxExpAvgSq = amsGrad ? state.GetOrAddBuffer(MaxExpAvgSq, T.Zero) : default;
        long step = ++state.Step;

        // Scalars in double, as PyTorch computes them in Python floats, then rounded to T once.
        double lr = constants.LearningRate;
        (double beta1, double beta2) = (constants.Beta1, constants.Beta2);
        double weightDecay = constants.WeightDecay;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var settings = new AdamKernel.Settings<T>(
            NegativeStepSize: T.CreateTruncating(-(lr / biasCorrection1)),
            BiasCorrection2Sqrt: T.CreateTruncating(Math.Sqrt(biasCorrection2)),
            Epsilon: T.CreateTruncating(constants.Epsilon),
            Beta2: T.CreateTruncating(beta2),
            OneMinusBeta2: T.CreateTruncating(1 - beta2),
            FirstMoment: new Lerp<T>(1 - beta1),
            WeightDecay: T.CreateTruncating(weightDecay),
            DecoupledDecayFactor: T.CreateTruncating(1 - (lr * weightDecay)),
            Maximize: constants.Maximize,
            HasL2WeightDecay: !decoupledWeightDecay && weightDecay != 0,
            HasDecoupledWeightDecay: decoupledWeightDecay && weightDecay != 0,
            AmsGrad: amsGrad);
        AdamKernel.Update(parameter.Data, parameter.Grad, expAvg, expAvgSq, maxExpAvgSq, settings);
    }

    /// <summary>A group's hyperparameters, read by name once per change instead of once per parameter and step.</summary>
    private readonly record struct GroupConstants(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool AmsGrad, bool Maximize);

    private static class Cache<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Func<ParameterGroup<T>, GroupConstants> ConstantsOf = static group =>
            new(group.LearningRate, group.Betas.Beta1, group.Betas.Beta2, group.Epsilon, group.WeightDecay, group.AmsGrad, group.Maximize);
    }
}
