using System.Globalization;
using SharpGrad.Numerics;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Checks one probed method at a few random points: the companion returns exactly the method's value (or
/// both NaN, or both throw the same exception; for a vectorized companion, within <see cref="VectorizedTolerance"/>), the default seed is 1, pre-filled buffers end as
/// pre + seed * gradient (as seed * gradient with <c>accumulate: false</c>), a wrong-length span buffer is rejected, and each gradient component matches
/// Richardson-extrapolated central differences. A component is skipped where the function is not smooth,
/// detected by two step sizes disagreeing, or not finite nearby.
/// </summary>
internal sealed class GradientChecker
{
    /// <summary>Runs the method on the differentiated inputs.</summary>
    public delegate double ValueProbe(double[] x);

    /// <summary>Runs the companion: buffers start at <c>pre</c> and end in <c>grad</c>; mode 0 omits the seed, 2 passes a wrong-length buffer.</summary>
    public delegate double GradientProbe(double[] x, double[] pre, double seed, double[] grad, int mode);

    private const int Points = 3;
    private const double Seed = -0.5;
    private readonly ProbeMethod _method;
    private readonly ValueProbe _value;
    private readonly GradientProbe _gradient;
    private readonly ValueProbe? _twin;
    private readonly Action<int>? _beginStop;
    private readonly Func<bool>? _endStop;
    private readonly Random _random;
    private readonly double _step;
    private readonly double _smoothTolerance;
    private readonly double _gradientTolerance;
    private readonly double _epsilon;
    private int _compared;
    private int _skipped;
    private int _singular;
    private int _checkpointed;

    /// <param name="twin">For a method that stops gradients, its <see cref="StopTwin"/>, with FuzzStop's Begin and End.</param>
    public GradientChecker(ProbeMethod method, ValueProbe value, GradientProbe gradient, (ValueProbe Run, Action<int> Begin, Func<bool> End)? twin, int seed)
    {
        _method = method;
        _value = value;
        _gradient = gradient;
        (_twin, _beginStop, _endStop) = twin is { } t ? (t.Run, t.Begin, t.End) : (null, null, null);
        _random = new Random(seed);
        // Powers of two keep x +- h exact in the method's own precision.
        _step = method.IsFloat ? 1.0 / 64 : 1.0 / 512;
        _smoothTolerance = method.IsFloat ? 2e-3 : 1e-6;
        _gradientTolerance = method.IsFloat ? 5e-3 : 1e-5;
        _epsilon = method.IsFloat ? 1.2e-7 : 2.3e-16;
    }

    public GradientStats Stats => new(1, _compared, _skipped, _singular, _method.Vectorized ? 1 : 0, _checkpointed, _method.OverwritingLoop ? 1 : 0);

    /// <summary>The first defect found, or null.</summary>
    public (FuzzOutcome Outcome, string Detail)? Run()
    {
        for (int point = 0; point < Points; point++)
        {
            double[] x = Enumerable.Range(0, _method.Inputs).Select(_ => RandomInput()).ToArray();
            if (CheckPoint(x, point == 0) is { } defect)
            {
                return (defect.Outcome, $"{_method.Display} at x = {Format(x)}: {defect.Detail}");
            }
        }

        return null;
    }

    /// <summary><c>accumulate: false</c>: buffers pre-filled with anything end as seed * gradient, and the value is unchanged.</summary>
    private (FuzzOutcome Outcome, string Detail)? CheckOverwrite(double[] x, double value, double[] gradient)
    {
        int n = _method.Inputs;
        double[] pre = Enumerable.Range(0, n).Select(_ => (double)(float)((_random.NextDouble() * 200) - 100)).ToArray();
        var overwritten = new double[n];
        (double result, Exception? error) = Try(() => _gradient(x, pre, Seed, overwritten, 3));
        if (error is not null)
        {
            return (FuzzOutcome.ExceptionMismatch, $"with accumulate: false the companion throws {error.GetType().Name}: {error.Message}");
        }

        if (!SameValue(value, result))
        {
            return (FuzzOutcome.ValueMismatch, $"method returns {value:R}, companion with accumulate: false {result:R}{VectorizedNote}");
        }

        for (int i = 0; i < n; i++)
        {
            double expected = Seed * gradient[i];
            double tolerance = (_method.IsFloat ? 1e-4 : 1e-9) * Math.Max(1, Math.Abs(expected));
            if (!(Math.Abs(overwritten[i] - expected) <= tolerance) && !(double.IsNaN(expected) && double.IsNaN(overwritten[i])) && !(expected == overwritten[i]))
            {
                return (FuzzOutcome.Accumulation, $"buffer {i} pre-filled with {pre[i]:R}, accumulate: false, seed {Seed}: ends at {overwritten[i]:R}, expected seed * {gradient[i]:R} = {expected:R}");
            }
        }

        return null;
    }

    private double RandomInput()
    {
        double magnitude = 0.2 + (1.8 * (0.0137 + (0.9726 * _random.NextDouble())));
        // Inputs are floats, so that a float parameter of a double method sees x +- h exactly too.
        return (float)(_random.Next(2) == 0 ? magnitude : -magnitude);
    }

    private (FuzzOutcome Outcome, string Detail)? CheckPoint(double[] x, bool checkBuffer)
    {
        int n = _method.Inputs;
        (double value, Exception? valueError) = Try(() => _value(x));
        var gradient = new double[n];
        (double plain, Exception? plainError) = Try(() => _gradient(x, new double[n], 1, gradient, 0));
        if (valueError is not null || plainError is not null)
        {
            return valueError?.GetType() == plainError?.GetType()
                ? null
                : (FuzzOutcome.ExceptionMismatch, $"method {Describe(value, valueError)}, companion {Describe(plain, plainError)}");
        }

        if (!SameValue(value, plain))
        {
            return (FuzzOutcome.ValueMismatch, $"method returns {value:R}, companion {plain:R}{VectorizedNote}");
        }

        if (CheckBudgets(x, plain, gradient) is { } checkpointDefect)
        {
            return checkpointDefect;
        }

        double[] pre = Enumerable.Range(0, n).Select(_ => (double)(float)((_random.NextDouble() * 4) - 2)).ToArray();
        var accumulated = new double[n];
        (double seeded, Exception? seededError) = Try(() => _gradient(x, pre, Seed, accumulated, 1));
        if (seededError is not null)
        {
            return (FuzzOutcome.ExceptionMismatch, $"with seed {Seed} the companion throws {seededError.GetType().Name}: {seededError.Message}");
        }

        if (!SameValue(value, seeded))
        {
            return (FuzzOutcome.ValueMismatch, $"method returns {value:R}, companion with a seed {seeded:R}{VectorizedNote}");
        }

        for (int i = 0; i < n; i++)
        {
            double expected = pre[i] + (Seed * gradient[i]);
            double tolerance = (_method.IsFloat ? 1e-4 : 1e-9) * Math.Max(1, Math.Max(Math.Abs(pre[i]), Math.Abs(Seed * gradient[i])));
            if (!(Math.Abs(accumulated[i] - expected) <= tolerance) && !(double.IsNaN(expected) && double.IsNaN(accumulated[i])) && !(expected == accumulated[i]))
            {
                return (FuzzOutcome.Accumulation, $"buffer {i} pre-filled with {pre[i]:R}, seed {Seed}: ends at {accumulated[i]:R}, expected pre + seed * {gradient[i]:R} = {expected:R}");
            }
        }

        if (_method.Overwrites && CheckOverwrite(x, value, gradient) is { } overwriteDefect)
        {
            return overwriteDefect;
        }

        if (checkBuffer && _method.HasArrayGradient)
        {
            (_, Exception? lengthError) = Try(() => _gradient(x, new double[n], 1, new double[n], 2));
            if (lengthError is not ArgumentException)
            {
                return (FuzzOutcome.BufferCheck, "a gradient buffer one element too long " + (lengthError is null ? "was accepted" : "threw " + lengthError.GetType().Name));
            }
        }

        return double.IsFinite(value) ? CompareWithDifferences(x, gradient) : null;
    }

    /// <summary>
    /// The same call under small tape budgets. A top-level loop that records then switches to checkpoints and re-runs its
    /// segments in the reverse sweep, which must give the same bits; a call whose tape does not fit even so is refused with
    /// the budget's error, and nothing else.
    /// </summary>
    private (FuzzOutcome Outcome, string Detail)? CheckBudgets(double[] x, double value, double[] gradient)
    {
        foreach (long budget in new long[] { 16, 48, 160, 1024 })
        {
            long before = Tape.ThreadCheckpointedLoops;
            var bounded = new double[x.Length];
            Tape.ThreadMemoryBudget = budget;
            (double result, Exception? error) = Try(() => _gradient(x, new double[x.Length], 1, bounded, 0));
            Tape.ThreadMemoryBudget = null;
            if (error is InvalidOperationException refused && refused.Message.Contains("Tape.ThreadMemoryBudget", StringComparison.Ordinal))
            {
                continue;
            }

            if (error is not null)
            {
                return (FuzzOutcome.CheckpointMismatch, $"under a {budget}-byte tape budget the companion throws {error.GetType().Name}: {error.Message}");
            }

            int differs = Enumerable.Range(0, x.Length).FirstOrDefault(i => !bounded[i].Equals(gradient[i]), -1);
            if (!result.Equals(value) || differs >= 0)
            {
                return (FuzzOutcome.CheckpointMismatch, $"under a {budget}-byte tape budget the companion returns {result:R} and gradient {Format(bounded)}; without one {value:R} and {Format(gradient)}");
            }

            if (Tape.ThreadCheckpointedLoops > before)
            {
                _checkpointed++;
            }
        }

        return null;
    }

    private (FuzzOutcome Outcome, string Detail)? CompareWithDifferences(double[] x, double[] gradient)
    {
        double center = Evaluate(x, 0, 0, record: true);
        if (!double.IsFinite(center))
        {
            _skipped += x.Length;
            return null;
        }

        for (int i = 0; i < x.Length; i++)
        {
            double h = _step;
            // D(s) = (f(x + s e_i) - f(x - s e_i)) / 2s at s = h/2, h, 2h, 4h; Richardson: R(s) = (4 D(s/2) - D(s)) / 3.
            double[] d = new double[4];
            double[] curvature = new double[2];
            double largest = Math.Abs(center);
            bool finite = true;
            for (int k = 0; k < 4; k++)
            {
                double s = h * (1 << k) / 2;
                double plus = Evaluate(x, i, s);
                double minus = Evaluate(x, i, -s);
                finite &= double.IsFinite(plus) && double.IsFinite(minus);
                largest = Math.Max(largest, Math.Max(Math.Abs(plus), Math.Abs(minus)));
                d[k] = (plus - minus) / (2 * s);
                if (k < 2)
                {
                    curvature[k] = (plus + minus - (2 * center)) / s;
                }
            }

            double fine = ((4 * d[0]) - d[1]) / 3;
            double coarse = ((4 * d[2]) - d[3]) / 3;
            double noise = (_method.IsFloat ? 64 : 1024) * _epsilon * largest / h;
            double scale = Math.Max(1, Math.Abs(fine));
            // (f(x+s) + f(x-s) - 2 f(x)) / s is s f'' where f is smooth, but a kink's slope change at x itself,
            // which central differences average away: halving s must halve it.
            bool kink = Math.Abs(curvature[0]) > (0.75 * Math.Abs(curvature[1])) + (_smoothTolerance * scale) + (4 * noise);
            if (!finite || kink || !(Math.Abs(fine - coarse) <= (_smoothTolerance * scale) + noise))
            {
                _skipped++;
                continue;
            }

            string reference = "central differences";
            switch (FineScale(x, i, center, fine, scale, noise, largest))
            {
                case null:
                    _skipped++;
                    continue;
                case { } flat when flat.Step > 0:
                    // Flat far below h, where rounding in an intermediate larger than f also makes stairs
                    // (t - (u + t) with t near 4e6 moves in steps of 5e-10): the slope is 0 or, if the stairs
                    // are rounding's, the one central differences see; anything else is wrong.
                    reference = flat.Deep
                        ? $"flat at x +- {flat.Step:G3}, so 0 (or {fine:R}, the central differences, if rounding made the stairs); not"
                        : $"flat at x +- {flat.Step:G3} although central differences say {fine:R}, so";
                    if (flat.Deep && Math.Abs(gradient[i] - fine) <= (_gradientTolerance * scale) + noise)
                    {
                        break;
                    }

                    (fine, scale, noise) = (0, 1, flat.Noise);
                    break;
            }

            if (!double.IsFinite(gradient[i]))
            {
                // Where f is smooth but the chain rule passes through an intermediate whose derivative is
                // infinite or undefined at this point (cbrt(a - a), atan2(0, c - c)), the partials meet as
                // 0 times infinity: NaN, as in PyTorch and JAX. It is loud (the runtime's non-finite checks
                // stop on it), so it is counted apart, never as agreement; any wrong finite value is a defect.
                _singular++;
                continue;
            }

            _compared++;
            double error = Math.Abs(gradient[i] - fine);
            if (!(error <= (_gradientTolerance * scale) + noise))
            {
                return (FuzzOutcome.WrongGradient, (double.IsFinite(gradient[i]) ? string.Empty : "NonFinite: ") + $"d/dx[{i}] generated {gradient[i]:R}, {reference} {fine:R} (coarser step {coarse:R}); gradient {Format(gradient)}");
            }
        }

        return null;
    }

    /// <summary>
    /// Looks at f with steps far below h. A staircase finer than the steps (truncate(exp(5 y y)) jumps every
    /// 1/100 in y; truncate(1e11 exp(y)) every 4e-12) looks smooth at h/2..4h, where the differences
    /// average the jumps into the slope of the curve beneath, yet its derivative is 0 wherever it exists.
    /// Where f is exactly flat at x +- s and x +- s/2, its slope is 0 up to what rounding hides at that step
    /// (a smooth f with a larger slope would have moved): the step and that noise are returned, to compare the
    /// gradient with 0. At h/64 the noise of f's own rounding bounds that; further down (Deep) rounding in an
    /// intermediate far larger than f can make stairs too, so there the gradient may also match the differences. Where the difference at h/64 disagrees with the extrapolated one, f is not smooth at
    /// that scale and central differences decide nothing: null. Otherwise (0, _): compare with them.
    /// Steps below h/64 stay above the input's float spacing in a float method, and their noise is reckoned
    /// in float precision wherever the program has anything float, as a double method may round to float inside.
    /// </summary>
    private (double Step, double Noise, bool Deep)? FineScale(double[] x, int i, double center, double fine, double scale, double noise, double largest)
    {
        double tiny = _step / 64;
        if (IsFlat(x, i, tiny, center))
        {
            return (tiny, noise * 64, false);
        }

        double difference = (Evaluate(x, i, tiny) - Evaluate(x, i, -tiny)) / (2 * tiny);
        if (!(Math.Abs(difference - fine) <= (_smoothTolerance * scale) + (noise * 64)))
        {
            return null;
        }

        int deepest = _method.IsFloat ? 2 : 6; // h / 64^6 = 2^-45 in a double method: x +- step stays exact
        for (int k = 2; k <= deepest; k++)
        {
            double step = _step / Math.Pow(64, k);
            if (IsFlat(x, i, step, center))
            {
                // f(x + step) = f(x - step) bounds a smooth slope by half an ulp of f over the step: a few
                // epsilons of f per step (a float's where anything may round to float).
                return (step, 4 * (_method.MayRoundToFloat ? 1.2e-7 : _epsilon) * largest / step, true);
            }
        }

        return (0, noise, false);
    }

    /// <summary>Whether f is exactly <paramref name="center"/> at x +- <paramref name="step"/> and x +- step / 2 along component <paramref name="i"/>.</summary>
    private bool IsFlat(double[] x, int i, double step, double center)
        => new[] { step, -step, step / 2, -step / 2 }.All(s => Evaluate(x, i, s).Equals(center));

    /// <summary>f(x + step e_i), by the twin (replaying the values recorded at x) when the method stops gradients.</summary>
    private double Evaluate(double[] x, int i, double step, bool record = false)
    {
        double[] probe = (double[])x.Clone();
        if (probe.Length > 0)
        {
            probe[i] += step;
        }

        if (_twin is null)
        {
            return Try(() => _value(probe)).Value;
        }

        _beginStop!(record ? 1 : 2);
        double value = Try(() => _twin(probe)).Value;
        return _endStop!() ? value : double.NaN;
    }

    private static bool Same(double a, double b) => a.Equals(b) || (double.IsNaN(a) && double.IsNaN(b));

    /// <summary>
    /// The documented tolerance of a vectorized companion's value (README, "Vectorized loops"): its sums add in
    /// another order and VectorMath's exp/tanh are within 2-3 ulp, so |companion - method| &lt;= 1e-12 (double) or
    /// 1e-5 (float) times max(1, |method|). Every other companion returns the method's value exactly.
    /// </summary>
    public static double VectorizedTolerance(bool isFloat) => isFloat ? 1e-5 : 1e-12;

    private bool SameValue(double method, double companion)
        => Same(method, companion)
        || (_method.Vectorized && Math.Abs(method - companion) <= VectorizedTolerance(_method.MayRoundToFloat) * Math.Max(1, Math.Abs(method)));

    private string VectorizedNote => _method.Vectorized ? " (vectorized: beyond the tolerance " + VectorizedTolerance(_method.MayRoundToFloat).ToString("E0", CultureInfo.InvariantCulture) + " x max(1, |value|))" : string.Empty;

    private static (double Value, Exception? Error) Try(Func<double> run)
    {
        try
        {
            return (run(), null);
        }
        catch (Exception exception)
        {
            return (double.NaN, exception);
        }
    }

    private static string Describe(double value, Exception? error)
        => error is null ? "returns " + value.ToString("R", CultureInfo.InvariantCulture) : "throws " + error.GetType().Name + ": " + error.Message;

    private static string Format(double[] values) => "[" + string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";
}
