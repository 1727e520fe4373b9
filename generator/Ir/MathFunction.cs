namespace SharpGrad.Generator.Ir;

/// <summary>
/// The math functions the IR knows. Each maps from <c>System.Math</c>/<c>System.MathF</c>, or from the runtime's
/// <c>SharpGrad.Functions</c> (see Parsing/KnownMethods.cs), and has a derivative rule (see
/// Differentiation/DerivativeRules.cs).
/// </summary>
internal enum MathFunction
{
    Exp,
    Log,
    LogBase,
    Log2,
    Log10,
    Sqrt,
    Cbrt,
    Pow,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Abs,
    Max,
    Min,
    Clamp,
    FusedMultiplyAdd,
    ScaleB,
    Floor,
    Ceiling,
    Round,
    Truncate,
    Sign,

    /// <summary>
    /// <c>SharpGrad.Functions.Sigmoid</c>: known, rather than called through its hand-written companion, so that its
    /// derivative <c>s (1 - s)</c> reuses the value the forward sweep computed and a loop of it can be vectorized.
    /// </summary>
    Sigmoid,

    /// <summary>
    /// <c>SharpGrad.Functions.Relu</c>, <c>x &lt;= 0 ? 0 : x</c>: known for the same reason, so that a loop of it (a hidden
    /// layer's activation, and its reverse) is vectorized. Its derivative passes the adjoint where <c>x &gt; 0</c> (or x is
    /// NaN) and drops it elsewhere, as its companion and PyTorch's <c>threshold_backward</c> do.
    /// </summary>
    Relu,
}
