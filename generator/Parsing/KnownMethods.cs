using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Maps .NET math methods to IR functions, in the spirit of a lookup table from .NET members to target
/// constructs: <c>System.Math</c> and <c>System.MathF</c> share names, and the argument count tells
/// <c>Log(x)</c> from <c>Log(x, base)</c>.
/// </summary>
internal static class KnownMethods
{
    private static readonly Dictionary<(string Name, int Arity), MathFunction> _mathFunctions = new()
    {
        [("Exp", 1)] = MathFunction.Exp,
        [("Log", 1)] = MathFunction.Log,
        [("Log", 2)] = MathFunction.LogBase,
        [("Log2", 1)] = MathFunction.Log2,
        [("Log10", 1)] = MathFunction.Log10,
        [("Sqrt", 1)] = MathFunction.Sqrt,
        [("Cbrt", 1)] = MathFunction.Cbrt,
        [("Pow", 2)] = MathFunction.Pow,
        [("Sin", 1)] = MathFunction.Sin,
        [("Cos", 1)] = MathFunction.Cos,
        [("Tan", 1)] = MathFunction.Tan,
        [("Asin", 1)] = MathFunction.Asin,
        [("Acos", 1)] = MathFunction.Acos,
        [("Atan", 1)] = MathFunction.Atan,
        [("Atan2", 2)] = MathFunction.Atan2,
        [("Sinh", 1)] = MathFunction.Sinh,
        [("Cosh", 1)] = MathFunction.Cosh,
        [("Tanh", 1)] = MathFunction.Tanh,
        [("Abs", 1)] = MathFunction.Abs,
        [("Max", 2)] = MathFunction.Max,
        [("Min", 2)] = MathFunction.Min,
        [("Clamp", 3)] = MathFunction.Clamp,
        [("FusedMultiplyAdd", 3)] = MathFunction.FusedMultiplyAdd,
        [("ScaleB", 2)] = MathFunction.ScaleB,
        [("Floor", 1)] = MathFunction.Floor,
        [("Ceiling", 1)] = MathFunction.Ceiling,
        [("Round", 1)] = MathFunction.Round,
        [("Truncate", 1)] = MathFunction.Truncate,
        [("Sign", 1)] = MathFunction.Sign,
    };

    /// <summary>The runtime's own functions the IR knows as math functions (on <c>SharpGrad.Functions</c>).</summary>
    private static readonly Dictionary<(string Name, int Arity), MathFunction> _runtimeFunctions = new()
    {
        [("Sigmoid", 1)] = MathFunction.Sigmoid,
        [("Relu", 1)] = MathFunction.Relu,
    };

    /// <summary>
    /// Finds the IR function for a call to <paramref name="method"/>, if it is a known math method: on
    /// <c>Math</c>, <c>MathF</c>, or the generic-math statics of <c>double</c> and <c>float</c>
    /// (<c>double.Exp(x)</c> is <c>Math.Exp(x)</c>).
    /// </summary>
    public static bool TryGetMathFunction(IMethodSymbol method, out MathFunction function)
    {
        function = default;
        INamedTypeSymbol type = method.ContainingType;
        if (type is not null && method.IsStatic && type.Name == "Functions" && type.ContainingNamespace?.ToDisplayString() == "SharpGrad"
            && method.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single))
        {
            return _runtimeFunctions.TryGetValue((method.Name, method.Parameters.Length), out function);
        }

        bool mathType = type is not null && type.ContainingNamespace?.ToDisplayString() == "System"
            && (type.Name is "Math" or "MathF" || (method.IsStatic && type.SpecialType is SpecialType.System_Double or SpecialType.System_Single));
        if (!mathType)
        {
            return false;
        }

        return _mathFunctions.TryGetValue((method.Name, method.Parameters.Length), out function);
    }

    /// <summary>The .NET method name of <paramref name="function"/>.</summary>
    public static string MethodName(MathFunction function) => function switch
    {
        MathFunction.LogBase => "Log",
        _ => function.ToString(),
    };
}
