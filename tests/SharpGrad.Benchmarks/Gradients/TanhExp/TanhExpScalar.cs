using System.Numerics;

namespace SharpGrad.Benchmarks.Gradients.TanhExp;

/// <summary>
/// W4 by hand, scalar: with t = tanh(0.75 x - 0.25) and e = exp(-x), the value t^2 e and the derivative
/// 2 t (1 - t^2) 0.75 e - t^2 e = t e (1.5 (1 - t^2) - t). In double it is the reference.
/// </summary>
public sealed class TanhExpScalar<T> : IStepImplementation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _x;
    private readonly T[] _grad = new T[TanhExpData.Length];

    public TanhExpScalar(TanhExpData data) => _x = Spans.To<T>(data.X);

    public string Name => "hand scalar " + Spans.Name<T>();

    public double Step()
    {
        T a = T.CreateTruncating(0.75), b = T.CreateTruncating(0.25), c = T.CreateTruncating(1.5);
        T sum = T.Zero;
        for (int i = 0; i < _x.Length; i++)
        {
            T t = T.Tanh((a * _x[i]) - b);
            T e = T.Exp(-_x[i]);
            sum += t * t * e;
            _grad[i] = t * e * ((c * (T.One - (t * t))) - t);
        }

        return double.CreateTruncating(sum);
    }

    /// <summary>The value alone (for the hand-written primal).</summary>
    public double Primal()
    {
        T a = T.CreateTruncating(0.75), b = T.CreateTruncating(0.25);
        T sum = T.Zero;
        for (int i = 0; i < _x.Length; i++)
        {
            T t = T.Tanh((a * _x[i]) - b);
            sum += t * t * T.Exp(-_x[i]);
        }

        return double.CreateTruncating(sum);
    }

    public double[][] Parameters() => [Agreement.Widen<T>(_x)];

    public double[][] Gradients() => [Agreement.Widen<T>(_grad)];
}
