using System.Numerics;

namespace SharpGrad;

/// <summary>
/// Fills parameters with initial values (PyTorch: <c>torch.nn.init</c>). Each method overwrites
/// <see cref="Parameter{T}.Data"/> in place, leaves the gradient alone and returns the parameter, so a
/// declaration can initialize in one expression: <c>var w = Init.XavierUniform(new Parameter&lt;float&gt;("w", 64, 32), random);</c>.
/// </summary>
/// <remarks>
/// <para>
/// Random initializers draw from the <see cref="Random"/> the caller passes (PyTorch: the <c>generator</c>
/// argument). Seed it, e.g. <c>new Random(42)</c>, for reproducible runs: the same seed, shape and sequence of
/// calls give the same values. Values are drawn in row-major order; normal values come from the Box–Muller
/// transform, two per pair of uniform draws. The numbers therefore differ from PyTorch's for the same seed;
/// only the distributions match.
/// </para>
/// <para>
/// Fans follow PyTorch's <c>_calculate_fan_in_and_fan_out</c>: for a shape <c>[out, in, k1, k2, ...]</c> the
/// receptive field is <c>k1·k2·…</c>, <c>fan_in = in·receptive</c> and <c>fan_out = out·receptive</c>. A linear
/// layer's weight is therefore stored <c>[out, in]</c>, as in <c>nn.Linear</c>.
/// </para>
/// </remarks>
public static class Init
{
    private static RandomGenerator _defaultGenerator = new(0);

    /// <summary>
    /// The generator that layers draw their initial parameters from when none is passed (PyTorch: the default
    /// generator behind <c>torch.manual_seed</c>). It starts seeded with 0, so a program builds the same model on
    /// every run; <see cref="ManualSeed"/> restarts it. Not thread-safe: build models on one thread, or pass each
    /// layer its own generator.
    /// </summary>
    public static Random DefaultGenerator => _defaultGenerator;

    /// <summary>Restarts <see cref="DefaultGenerator"/> from <paramref name="seed"/> (PyTorch: <c>torch.manual_seed(seed)</c>).</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(long seed) => _defaultGenerator = new RandomGenerator(seed);

    /// <summary>Sets every value to 0 (PyTorch: <c>zeros_</c>).</summary>
    public static Parameter<T> Zeros<T>(Parameter<T> parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Data.Clear();
        return parameter;
    }

    /// <summary>Sets every value to 1 (PyTorch: <c>ones_</c>).</summary>
    public static Parameter<T> Ones<T>(Parameter<T> parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Data.Fill(T.One);
        return parameter;
    }

    /// <summary>Sets every value to <paramref name="value"/> (PyTorch: <c>constant_(tensor, val)</c>).</summary>
    public static Parameter<T> Constant<T>(Parameter<T> parameter, double value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Data.Fill(T.CreateChecked(value));
        return parameter;
    }

    /// <summary>
    /// Draws every value from the uniform distribution U(<paramref name="low"/>, <paramref name="high"/>)
    /// (PyTorch: <c>uniform_(tensor, a=0.0, b=1.0, generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, excluded (a float parameter may round a value up to it).</param>
    public static Parameter<T> Uniform<T>(Parameter<T> parameter, Random random, double low = 0, double high = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"Uniform initialization of '{parameter.Name}' needs finite bounds with low <= high, but got low = {low}, high = {high}.");
        }

        FillUniform(parameter.Data, random, low, high);
        return parameter;
    }

    /// <summary>
    /// Draws every value from the normal distribution N(<paramref name="mean"/>, <paramref name="std"/>²)
    /// (PyTorch: <c>normal_(tensor, mean=0.0, std=1.0, generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation; must be non-negative.</param>
    public static Parameter<T> Normal<T>(Parameter<T> parameter, Random random, double mean = 0, double std = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"Normal initialization of '{parameter.Name}' needs a finite mean.");
        }

        if (!(std >= 0) || double.IsInfinity(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, $"Normal initialization of '{parameter.Name}' needs a finite, non-negative standard deviation.");
        }

        FillNormal(parameter.Data, random, mean, std);
        return parameter;
    }

    /// <summary>
    /// Xavier/Glorot uniform initialization: U(−b, b) with b = gain·√(6 / (fan_in + fan_out))
    /// (PyTorch: <c>xavier_uniform_(tensor, gain=1.0, generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill; it needs at least two dimensions.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="gain">A scale, usually <see cref="CalculateGain"/> of the following activation.</param>
    /// <exception cref="ArgumentException">The parameter has fewer than two dimensions.</exception>
    public static Parameter<T> XavierUniform<T>(Parameter<T> parameter, Random random, double gain = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        RequireGain(gain);
        (int fanIn, int fanOut) = FansOf(parameter);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std; // U(-b, b) has variance b²/3
        FillUniform(parameter.Data, random, -bound, bound);
        return parameter;
    }

    /// <summary>
    /// Xavier/Glorot normal initialization: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out))
    /// (PyTorch: <c>xavier_normal_(tensor, gain=1.0, generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill; it needs at least two dimensions.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="gain">A scale, usually <see cref="CalculateGain"/> of the following activation.</param>
    /// <exception cref="ArgumentException">The parameter has fewer than two dimensions.</exception>
    public static Parameter<T> XavierNormal<T>(Parameter<T> parameter, Random random, double gain = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        RequireGain(gain);
        (int fanIn, int fanOut) = FansOf(parameter);
        FillNormal(parameter.Data, random, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
        return parameter;
    }

    /// <summary>
    /// Kaiming/He uniform initialization: U(−b, b) with b = gain·√(3 / fan), where fan is fan_in or fan_out
    /// (PyTorch: <c>kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill; it needs at least two dimensions.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of a following leaky ReLU; used only with <see cref="Nonlinearity.LeakyRelu"/>.</param>
    /// <param name="mode">Which fan to use.</param>
    /// <param name="nonlinearity">The following activation; the default with <paramref name="a"/> = 0 gives ReLU's gain √2.</param>
    /// <exception cref="ArgumentException">The parameter has fewer than two dimensions.</exception>
    public static Parameter<T> KaimingUniform<T>(Parameter<T> parameter, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        double std = KaimingStd(parameter, a, mode, nonlinearity);
        double bound = Math.Sqrt(3.0) * std;
        FillUniform(parameter.Data, random, -bound, bound);
        return parameter;
    }

    /// <summary>
    /// Kaiming/He normal initialization: N(0, σ²) with σ = gain / √fan, where fan is fan_in or fan_out
    /// (PyTorch: <c>kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator)</c>).
    /// </summary>
    /// <param name="parameter">The parameter to fill; it needs at least two dimensions.</param>
    /// <param name="random">The source of randomness; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of a following leaky ReLU; used only with <see cref="Nonlinearity.LeakyRelu"/>.</param>
    /// <param name="mode">Which fan to use.</param>
    /// <param name="nonlinearity">The following activation; the default with <paramref name="a"/> = 0 gives ReLU's gain √2.</param>
    /// <exception cref="ArgumentException">The parameter has fewer than two dimensions.</exception>
    public static Parameter<T> KaimingNormal<T>(Parameter<T> parameter, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        FillNormal(parameter.Data, random, 0, KaimingStd(parameter, a, mode, nonlinearity));
        return parameter;
    }

    /// <summary>
    /// The fans of a weight of shape <c>[out, in, k1, k2, ...]</c>: fan_in = in·k1·k2·… and
    /// fan_out = out·k1·k2·… (PyTorch: <c>torch.nn.init._calculate_fan_in_and_fan_out</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions, or a dimension is not positive.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException($"Fan in and fan out can not be computed for a shape with fewer than 2 dimensions, but got [{string.Join(", ", shape.ToArray())}].", nameof(shape));
        }

        long receptiveField = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
            {
                throw new ArgumentException($"Dimension {i} of shape [{string.Join(", ", shape.ToArray())}] is not positive.", nameof(shape));
            }

            if (i >= 2)
            {
                receptiveField *= shape[i];
            }
        }

        long fanIn = shape[1] * receptiveField;
        long fanOut = shape[0] * receptiveField;
        if (fanIn > int.MaxValue || fanOut > int.MaxValue)
        {
            throw new ArgumentException($"The fans of shape [{string.Join(", ", shape.ToArray())}] do not fit in an int.", nameof(shape));
        }

        return ((int)fanIn, (int)fanOut);
    }

    /// <summary>
    /// The recommended scale for an activation (PyTorch: <c>torch.nn.init.calculate_gain(nonlinearity, param=None)</c>):
    /// 1 for linear and sigmoid, 5/3 for tanh, √2 for ReLU, √(2 / (1 + slope²)) for leaky ReLU and 3/4 for SELU.
    /// </summary>
    /// <param name="nonlinearity">The activation.</param>
    /// <param name="param">The negative slope of a leaky ReLU; <see langword="null"/> means PyTorch's default 0.01. Ignored otherwise.</param>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null)
    {
        return nonlinearity switch
        {
            Nonlinearity.Linear or Nonlinearity.Sigmoid => 1.0,
            Nonlinearity.Tanh => 5.0 / 3.0,
            Nonlinearity.Relu => Math.Sqrt(2.0),
            Nonlinearity.LeakyRelu => LeakyReluGain(param ?? 0.01),
            Nonlinearity.Selu => 3.0 / 4.0,
            _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Unknown nonlinearity."),
        };
    }

    private static double LeakyReluGain(double negativeSlope)
    {
        if (!double.IsFinite(negativeSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope of a leaky ReLU must be finite.");
        }

        return Math.Sqrt(2.0 / (1.0 + (negativeSlope * negativeSlope)));
    }

    private static double KaimingStd<T>(Parameter<T> parameter, double a, FanMode mode, Nonlinearity nonlinearity)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int fanIn, int fanOut) = FansOf(parameter);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fan mode."),
        };
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }

    // Names the parameter in the error, which PyTorch cannot do.
    private static (int FanIn, int FanOut) FansOf<T>(Parameter<T> parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parameter.Shape.Length < 2)
        {
            throw new ArgumentException($"Fan in and fan out can not be computed for parameter '{parameter.Name}' with fewer than 2 dimensions (shape {parameter.ShapeText}); use Uniform, Normal or Constant for biases.", nameof(parameter));
        }

        return CalculateFanInAndFanOut(parameter.Shape);
    }

    private static void RequireGain(double gain)
    {
        if (!(gain >= 0) || double.IsInfinity(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be finite and non-negative.");
        }
    }

    private static void FillUniform<T>(Span<T> values, Random random, double low, double high)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double width = high - low;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked(low + (width * random.NextDouble()));
        }
    }

    // Box–Muller: each pair of uniforms gives two independent standard normals, stored in consecutive elements.
    private static void FillNormal<T>(Span<T> values, Random random, double mean, double std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(); // in (0, 1], so the logarithm is finite
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            double angle = 2.0 * Math.PI * u2;
            values[i] = T.CreateChecked(mean + (std * radius * Math.Cos(angle)));
            if (i + 1 < values.Length)
            {
                values[i + 1] = T.CreateChecked(mean + (std * radius * Math.Sin(angle)));
            }
        }
    }
}
