namespace SharpGrad;

/// <summary>
/// Differentiable building blocks: activations, reductions and losses, in <see cref="double"/> and
/// <see cref="float"/>. Each is a <see cref="DifferentiableAttribute">[Differentiable]</see> method (or one with
/// a hand-written <see cref="CustomGradientAttribute">[CustomGradient]</see>), so a <c>[Differentiable]</c> loss
/// may call it, and each has a generated <c>{Name}WithGradient</c> companion for direct use.
/// </summary>
/// <remarks>
/// The differentiable methods return one scalar, as the generator requires. Functions that PyTorch applies to
/// a whole tensor therefore come either as reductions (<see cref="LogSumExp(ReadOnlySpan{double})"/>,
/// <see cref="SoftmaxCrossEntropy(ReadOnlySpan{double}, int)"/>) or element by element
/// (<see cref="Softmax(ReadOnlySpan{double}, int)"/>, <see cref="LogSoftmax(ReadOnlySpan{double}, int)"/>).
/// </remarks>
public static partial class Functions
{
    private const double SqrtTwoOverPi = 0.79788456080286535588;
    private const double GeluCubicCoefficient = 0.044715;
    private const float SqrtTwoOverPiF = 0.7978846f;
    private const float GeluCubicCoefficientF = 0.044715f;

    // ---- Activations ---------------------------------------------------------------------------------

    /// <summary>The logistic sigmoid 1 / (1 + e^-x) (PyTorch: <c>torch.sigmoid</c>), without overflow for large |x|.</summary>
    /// <param name="x">The input.</param>
    /// <returns>A value in [0, 1].</returns>
    [CustomGradient(nameof(SigmoidWithGradient))]
    public static double Sigmoid(double x)
    {
        // Only ever exponentiate a non-positive number, so neither branch overflows.
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <inheritdoc cref="Sigmoid(double)"/>
    [CustomGradient(nameof(SigmoidWithGradient))]
    public static float Sigmoid(float x)
    {
        if (x >= 0)
        {
            return 1 / (1 + MathF.Exp(-x));
        }

        float e = MathF.Exp(x);
        return e / (1 + e);
    }

    /// <summary>
    /// Computes <see cref="Sigmoid(double)"/> and adds <paramref name="outputGradient"/> x sigmoid'(x) into
    /// <paramref name="xGrad"/>, using sigmoid'(x) = s (1 - s), which stays finite for every x.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="xGrad">Receives outputGradient x d sigmoid / dx.</param>
    /// <param name="outputGradient">The gradient of the loss with respect to the result.</param>
    /// <returns>sigmoid(x).</returns>
    public static double SigmoidWithGradient(double x, ref double xGrad, double outputGradient = 1)
    {
        double s = Sigmoid(x);
        xGrad += outputGradient * s * (1 - s);
        return s;
    }

    /// <inheritdoc cref="SigmoidWithGradient(double, ref double, double)"/>
    public static float SigmoidWithGradient(float x, ref float xGrad, float outputGradient = 1)
    {
        float s = Sigmoid(x);
        xGrad += outputGradient * s * (1 - s);
        return s;
    }

    /// <summary>
    /// softplus(x) = log(1 + e^x) (PyTorch: <c>torch.nn.functional.softplus</c> with beta 1), computed as
    /// max(x, 0) + log1p(e^-|x|) so that it neither overflows for large x nor rounds to 0 for very negative x.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>A positive value.</returns>
    [CustomGradient(nameof(SoftplusWithGradient))]
    public static double Softplus(double x) => Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x)));

    /// <inheritdoc cref="Softplus(double)"/>
    [CustomGradient(nameof(SoftplusWithGradient))]
    public static float Softplus(float x) => (float)Softplus((double)x);

    /// <summary>
    /// Computes <see cref="Softplus(double)"/> and adds <paramref name="outputGradient"/> x sigmoid(x), its
    /// derivative, into <paramref name="xGrad"/>.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="xGrad">Receives outputGradient x d softplus / dx.</param>
    /// <param name="outputGradient">The gradient of the loss with respect to the result.</param>
    /// <returns>softplus(x).</returns>
    public static double SoftplusWithGradient(double x, ref double xGrad, double outputGradient = 1)
    {
        xGrad += outputGradient * Sigmoid(x);
        return Softplus(x);
    }

    /// <inheritdoc cref="SoftplusWithGradient(double, ref double, double)"/>
    public static float SoftplusWithGradient(float x, ref float xGrad, float outputGradient = 1)
    {
        xGrad += outputGradient * Sigmoid(x);
        return Softplus(x);
    }

    /// <summary>
    /// max(x, 0) (PyTorch: <c>torch.relu</c>). As in PyTorch, NaN gives NaN, the derivative is 0 at and below 0
    /// and 1 above, and at NaN the incoming gradient passes through unchanged (PyTorch's
    /// <c>threshold_backward</c> keeps it wherever <c>x &lt;= 0</c> is false), so a NaN reaches both the loss and
    /// the gradient instead of being replaced by 0.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>0 if x is at most 0, otherwise x (NaN for NaN).</returns>
    [Differentiable]
    public static double Relu(double x) => x <= 0 ? 0 : x;

    /// <inheritdoc cref="Relu(double)"/>
    [Differentiable]
    public static float Relu(float x) => x <= 0 ? 0 : x;

    /// <summary>
    /// x for positive x, <paramref name="negativeSlope"/> x otherwise (PyTorch:
    /// <c>torch.nn.functional.leaky_relu(x, negative_slope)</c>). The slope is a fixed hyperparameter, not
    /// differentiated; PyTorch's default is 0.01. NaN gives NaN (through the slope's branch, whose derivative is the
    /// slope, as in PyTorch's <c>leaky_relu_backward</c>).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="negativeSlope">The slope for negative inputs.</param>
    /// <returns>The activation.</returns>
    [Differentiable]
    public static double LeakyRelu(double x, [NoGrad] double negativeSlope) => x > 0 ? x : negativeSlope * x;

    /// <inheritdoc cref="LeakyRelu(double, double)"/>
    [Differentiable]
    public static float LeakyRelu(float x, [NoGrad] float negativeSlope) => x > 0 ? x : negativeSlope * x;

    /// <summary>
    /// The Gaussian error linear unit in its tanh approximation,
    /// 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))) (PyTorch:
    /// <c>torch.nn.functional.gelu(x, approximate='tanh')</c>; PyTorch's default, the exact erf form, differs
    /// from it by less than 1e-3).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    [Differentiable]
    public static double Gelu(double x)
    {
        double inner = SqrtTwoOverPi * (x + GeluCubicCoefficient * x * x * x);
        return 0.5 * x * (1 + Math.Tanh(inner));
    }

    /// <inheritdoc cref="Gelu(double)"/>
    [Differentiable]
    public static float Gelu(float x)
    {
        float inner = SqrtTwoOverPiF * (x + GeluCubicCoefficientF * x * x * x);
        return 0.5f * x * (1 + MathF.Tanh(inner));
    }

    // ---- Reductions ----------------------------------------------------------------------------------

    /// <summary>
    /// The largest element (PyTorch: <c>torch.max</c> of the whole tensor), or negative infinity for an empty
    /// span. Its gradient goes to the first largest element; PyTorch splits it evenly among ties. NaN counts as
    /// larger than everything, as in <see cref="Math.Max(double, double)"/> and PyTorch: any NaN makes the result
    /// NaN, and the gradient goes to the first NaN, not to a number that was not selected.
    /// </summary>
    /// <param name="x">The values.</param>
    /// <returns>The largest value.</returns>
    [Differentiable]
    public static double Max(ReadOnlySpan<double> x)
    {
        double largest = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            // A branch rather than Math.Max, whose derivative rule compares with >= and so would send the
            // gradient past a NaN to a later element; here the first NaN is selected and keeps it.
            if (x[i] > largest || (double.IsNaN(x[i]) && !double.IsNaN(largest)))
            {
                largest = x[i];
            }
        }

        return largest;
    }

    /// <inheritdoc cref="Max(ReadOnlySpan{double})"/>
    [Differentiable]
    public static float Max(ReadOnlySpan<float> x)
    {
        float largest = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > largest || (float.IsNaN(x[i]) && !float.IsNaN(largest)))
            {
                largest = x[i];
            }
        }

        return largest;
    }

    /// <summary>
    /// log(sum_i e^x_i) (PyTorch: <c>torch.logsumexp</c>), shifted by the largest element so that no
    /// exponential overflows. Its gradient is the softmax of <paramref name="x"/>.
    /// </summary>
    /// <param name="x">The values; empty gives negative infinity.</param>
    /// <returns>The log-sum-exp.</returns>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        // The result does not depend on the shift, so its gradient needs no path through the max.
        double shift = Gradient.Stop(Max(x));
        if (!double.IsFinite(shift))
        {
            shift = 0;
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - shift);
        }

        return shift + Math.Log(sum);
    }

    /// <inheritdoc cref="LogSumExp(ReadOnlySpan{double})"/>
    [Differentiable]
    public static float LogSumExp(ReadOnlySpan<float> x)
    {
        float shift = Gradient.Stop(Max(x));
        if (!float.IsFinite(shift))
        {
            shift = 0;
        }

        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += MathF.Exp(x[i] - shift);
        }

        return shift + MathF.Log(sum);
    }

    /// <summary>
    /// Element <paramref name="index"/> of log_softmax(<paramref name="logits"/>), that is
    /// logits[index] - logsumexp(logits) (PyTorch: <c>torch.log_softmax(logits, 0)[index]</c>).
    /// </summary>
    /// <param name="logits">Unnormalised log-probabilities.</param>
    /// <param name="index">The element wanted.</param>
    /// <returns>The log-probability of <paramref name="index"/>.</returns>
    [Differentiable]
    public static double LogSoftmax(ReadOnlySpan<double> logits, int index) => logits[index] - LogSumExp(logits);

    /// <inheritdoc cref="LogSoftmax(ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float LogSoftmax(ReadOnlySpan<float> logits, int index) => logits[index] - LogSumExp(logits);

    /// <summary>
    /// Element <paramref name="index"/> of softmax(<paramref name="logits"/>) (PyTorch:
    /// <c>torch.softmax(logits, 0)[index]</c>). A differentiable method returns one scalar, so the softmax is
    /// differentiated one element at a time; a loss on the whole distribution is better written with
    /// <see cref="LogSoftmax(ReadOnlySpan{double}, int)"/> or <see cref="SoftmaxCrossEntropy(ReadOnlySpan{double}, int)"/>,
    /// which cost one pass each.
    /// </summary>
    /// <param name="logits">Unnormalised log-probabilities.</param>
    /// <param name="index">The element wanted.</param>
    /// <returns>The probability of <paramref name="index"/>.</returns>
    [Differentiable]
    public static double Softmax(ReadOnlySpan<double> logits, int index) => Math.Exp(LogSoftmax(logits, index));

    /// <inheritdoc cref="Softmax(ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float Softmax(ReadOnlySpan<float> logits, int index) => MathF.Exp(LogSoftmax(logits, index));

    /// <summary>
    /// Writes softmax(<paramref name="logits"/>) into <paramref name="probabilities"/> (PyTorch:
    /// <c>torch.softmax(logits, 0)</c>) and returns logsumexp(logits). This overload is for inference and
    /// metrics: it is not differentiable (a <c>[Differentiable]</c> method that calls it gets an error), use
    /// <see cref="Softmax(ReadOnlySpan{double}, int)"/> or <see cref="LogSoftmax(ReadOnlySpan{double}, int)"/> there.
    /// </summary>
    /// <param name="logits">Unnormalised log-probabilities.</param>
    /// <param name="probabilities">Receives the probabilities; as long as <paramref name="logits"/>.</param>
    /// <returns>The log normaliser, logsumexp(logits).</returns>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public static double Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        if (probabilities.Length != logits.Length)
        {
            throw new ArgumentException($"'{nameof(probabilities)}' has length {probabilities.Length} but '{nameof(logits)}' has length {logits.Length}; they must match.", nameof(probabilities));
        }

        double logNormalizer = LogSumExp(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp(logits[i] - logNormalizer);
        }

        return logNormalizer;
    }

    /// <inheritdoc cref="Softmax(ReadOnlySpan{double}, Span{double})"/>
    public static float Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        if (probabilities.Length != logits.Length)
        {
            throw new ArgumentException($"'{nameof(probabilities)}' has length {probabilities.Length} but '{nameof(logits)}' has length {logits.Length}; they must match.", nameof(probabilities));
        }

        float logNormalizer = LogSumExp(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - logNormalizer);
        }

        return logNormalizer;
    }

    /// <summary>sum_i a_i b_i (PyTorch: <c>torch.dot</c>). The spans must have the same length.</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector.</param>
    /// <returns>The dot product.</returns>
    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <inheritdoc cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    // ---- Losses --------------------------------------------------------------------------------------

    /// <summary>
    /// mean_i (prediction_i - target_i)^2 (PyTorch: <c>torch.nn.functional.mse_loss</c>, reduction 'mean').
    /// Like PyTorch, it is differentiated with respect to both arguments.
    /// </summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, as many as the predictions.</param>
    /// <returns>The mean squared error.</returns>
    [Differentiable]
    public static double MeanSquaredError(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double error = prediction[i] - target[i];
            sum += error * error;
        }

        return sum / prediction.Length;
    }

    /// <inheritdoc cref="MeanSquaredError(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float MeanSquaredError(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target)
    {
        float sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            float error = prediction[i] - target[i];
            sum += error * error;
        }

        return sum / prediction.Length;
    }

    /// <summary>
    /// The binary cross-entropy of the probability sigmoid(<paramref name="logit"/>) against
    /// <paramref name="target"/>, -[t log sigmoid(z) + (1 - t) log(1 - sigmoid(z))], computed stably as
    /// softplus(z) - t z (PyTorch: <c>torch.nn.functional.binary_cross_entropy_with_logits</c>). Like PyTorch,
    /// it is differentiated with respect to both arguments.
    /// </summary>
    /// <param name="logit">The logit z.</param>
    /// <param name="target">The target probability t, usually 0 or 1.</param>
    /// <returns>The loss.</returns>
    [Differentiable]
    public static double BinaryCrossEntropyWithLogits(double logit, double target) => Softplus(logit) - (target * logit);

    /// <inheritdoc cref="BinaryCrossEntropyWithLogits(double, double)"/>
    [Differentiable]
    public static float BinaryCrossEntropyWithLogits(float logit, float target) => Softplus(logit) - (target * logit);

    /// <summary>
    /// The mean of <see cref="BinaryCrossEntropyWithLogits(double, double)"/> over the elements (PyTorch:
    /// <c>torch.nn.functional.binary_cross_entropy_with_logits</c>, reduction 'mean').
    /// </summary>
    /// <param name="logits">The logits.</param>
    /// <param name="targets">The target probabilities, as many as the logits.</param>
    /// <returns>The mean loss.</returns>
    [Differentiable]
    public static double BinaryCrossEntropyWithLogits(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
    {
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += BinaryCrossEntropyWithLogits(logits[i], targets[i]);
        }

        return sum / logits.Length;
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    [Differentiable]
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
    {
        float sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += BinaryCrossEntropyWithLogits(logits[i], targets[i]);
        }

        return sum / logits.Length;
    }

    /// <summary>
    /// The cross-entropy of softmax(<paramref name="logits"/>) against the class <paramref name="target"/>,
    /// logsumexp(logits) - logits[target] (PyTorch: <c>torch.nn.functional.cross_entropy</c> for one sample),
    /// stable for logits of any size. Its gradient is softmax(logits) - onehot(target).
    /// </summary>
    /// <param name="logits">Unnormalised log-probabilities, one per class.</param>
    /// <param name="target">The index of the true class.</param>
    /// <returns>The loss.</returns>
    [Differentiable]
    public static double SoftmaxCrossEntropy(ReadOnlySpan<double> logits, int target) => LogSumExp(logits) - logits[target];

    /// <inheritdoc cref="SoftmaxCrossEntropy(ReadOnlySpan{double}, int)"/>
    [Differentiable]
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int target) => LogSumExp(logits) - logits[target];

    /// <summary>
    /// The Huber loss of one prediction: 0.5 d^2 where |d| &lt;= delta, delta (|d| - 0.5 delta) beyond, with
    /// d = prediction - target (PyTorch: <c>torch.nn.functional.huber_loss</c>). Differentiated with respect to
    /// the prediction and the target; <paramref name="delta"/> is a fixed hyperparameter. A NaN difference gives
    /// a NaN loss and NaN gradients, as in PyTorch.
    /// </summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive (PyTorch's default is 1).</param>
    /// <returns>The loss.</returns>
    [Differentiable]
    public static double Huber(double prediction, double target, [NoGrad] double delta)
    {
        // Written without Math.Abs: a NaN error falls through both comparisons to the quadratic branch, whose value
        // and derivative (the error itself) are NaN, as PyTorch's huber_loss_backward gives. The derivative rule of
        // Math.Abs calls Math.Sign, which throws for NaN.
        double error = prediction - target;
        return error > delta ? delta * (error - (0.5 * delta))
            : error < -delta ? -delta * (error + (0.5 * delta))
            : 0.5 * error * error;
    }

    /// <inheritdoc cref="Huber(double, double, double)"/>
    [Differentiable]
    public static float Huber(float prediction, float target, [NoGrad] float delta)
    {
        float error = prediction - target;
        return error > delta ? delta * (error - (0.5f * delta))
            : error < -delta ? -delta * (error + (0.5f * delta))
            : 0.5f * error * error;
    }

    /// <summary>
    /// The mean of <see cref="Huber(double, double, double)"/> over the elements (PyTorch:
    /// <c>torch.nn.functional.huber_loss</c>, reduction 'mean').
    /// </summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, as many as the predictions.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive (PyTorch's default is 1).</param>
    /// <returns>The mean loss.</returns>
    [Differentiable]
    public static double Huber(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, [NoGrad] double delta)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            sum += Huber(prediction[i], target[i], delta);
        }

        return sum / prediction.Length;
    }

    /// <inheritdoc cref="Huber(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>
    [Differentiable]
    public static float Huber(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, [NoGrad] float delta)
    {
        float sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            sum += Huber(prediction[i], target[i], delta);
        }

        return sum / prediction.Length;
    }

    /// <summary>log(1 + z), accurate for tiny z where 1 + z rounds (Goldberg's correction; .NET's LogP1 is not).</summary>
    private static double LogOnePlus(double z)
    {
        double u = 1 + z;
        return u == 1 ? z : Math.Log(u) * z / (u - 1);
    }
}
