using System.Text.RegularExpressions;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Finite differences of a method that calls <c>Gradient.Stop</c> must hold each stopped value constant, as
/// the gradient does. The twin of a program is its text compiled without the generator, with
/// <c>[Differentiable]</c> removed and every <c>Gradient.Stop(e)</c> routed through <c>FuzzStop.Stop</c>, which
/// records the stopped values at the point being checked and replays them, in order, at the nearby points
/// central differences evaluate. A replay that runs out or has values left over (the control flow changed)
/// marks the nearby point as unusable.
/// </summary>
internal static partial class StopTwin
{
    public const string SupportSource = """
        namespace FuzzSupport
        {
            public static class FuzzStop
            {
                [System.ThreadStatic] private static System.Collections.Generic.List<double>? _values;
                [System.ThreadStatic] private static int _next;
                [System.ThreadStatic] private static int _mode;
                [System.ThreadStatic] private static bool _mismatch;

                /// <summary>Mode 1 records the stopped values, mode 2 replays them, 0 passes them through.</summary>
                public static void Begin(int mode)
                {
                    _mode = mode;
                    _next = 0;
                    _mismatch = false;
                    if (mode == 1)
                    {
                        (_values ??= new System.Collections.Generic.List<double>()).Clear();
                    }
                }

                public static bool End()
                {
                    bool ok = !_mismatch && (_mode != 2 || _next == _values!.Count);
                    _mode = 0;
                    return ok;
                }

                public static double Stop(double value)
                {
                    switch (_mode)
                    {
                        case 1:
                            _values!.Add(value);
                            return value;
                        case 2 when _next < _values!.Count:
                            return _values[_next++];
                        case 2:
                            _mismatch = true;
                            return value;
                        default:
                            return value;
                    }
                }

                public static float Stop(float value) => (float)Stop((double)value);
            }
        }
        """;

    [GeneratedRegex(@"\[Differentiable(\([^\]]*\))?\]")]
    private static partial Regex DifferentiableAttribute();

    [GeneratedRegex(@"\bGradient\.Stop\(")]
    private static partial Regex StopCall();

    public static bool Needed(FuzzSubject subject) => StopCall().IsMatch(subject.Types);

    /// <summary>The twin's file in namespace <paramref name="ns"/>.</summary>
    public static string Render(FuzzSubject subject, string ns)
        => StopCall().Replace(DifferentiableAttribute().Replace(subject.Render(ns), string.Empty), "global::FuzzSupport.FuzzStop.Stop(");
}
