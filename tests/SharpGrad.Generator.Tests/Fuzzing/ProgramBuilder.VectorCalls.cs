using System.Globalization;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Calls to the runtime's vector-valued layer functions (<c>SharpGrad.Nn.Functional</c>: a span in, a span out) as
/// statements, on whole arrays or on slices of them: the caller side of vector outputs (the output's previous
/// contents restored, the callee's companion seeded with the output's adjoint, the adjoint of the previous contents
/// taken back) in the random contexts the rest of the program builds (loops, branches, accumulations).
/// </summary>
internal sealed partial class ProgramBuilder
{
    private static readonly string[] _vectorFunctions = ["Relu", "Tanh", "Sigmoid", "LogSoftmax", "Softmax", "LeakyRelu", "GeluTanh"];

    /// <summary>Writable arrays of the method's real type that a call may take as its output: local arrays and writable parameters, not stack spans.</summary>
    private IEnumerable<FuzzVariable> VectorOutputs()
        => _scope.Visible.Where(v => v.IsArray && v.Writable && v.Type == _real && v.Length > 0 && !(v.Shape == ParamShape.Span && v.Name.StartsWith("buf", StringComparison.Ordinal)));

    private FuzzStmt VectorCall()
    {
        FuzzVariable output = _r.Pick(VectorOutputs().ToList());
        List<FuzzVariable> inputs = _scope.Visible.Where(v => v.IsArray && v.Type == _real && v.Length > 0 && v.Name != output.Name).ToList();
        if (inputs.Count == 0)
        {
            return Declaration();
        }

        FuzzVariable input = _r.Pick(inputs);
        int length = Math.Min(input.Length, output.Length);
        string function = _r.Pick(_vectorFunctions);
        string inputText;
        string outputText;
        if (_r.Chance(0.5))
        {
            // Slices: k elements of each, at offsets that fit.
            int k = _r.Int(1, length);
            int inputStart = _r.Int(0, input.Length - k);
            int outputStart = _r.Int(0, output.Length - k);
            inputText = Slice(input, inputStart, k);
            outputText = Slice(output, outputStart, k);
        }
        else
        {
            // Whole arrays: the function writes the first input.Length elements of the output (the rest stay as they were).
            if (input.Length > output.Length)
            {
                inputText = Slice(input, 0, output.Length);
            }
            else
            {
                inputText = input.Name;
            }

            outputText = output.Name;
        }

        string extra = function == "LeakyRelu" ? ", " + (_r.Chance(0.5) ? "0.01" : "0.2") + (_real == FuzzType.Float ? "f" : string.Empty) : string.Empty;
        return FuzzStmt.Line("global::SharpGrad.Nn.Functional." + function + "(" + inputText + extra + ", " + outputText + ");");
    }

    /// <summary>A slice of an array (<c>AsSpan</c>) or span (<c>Slice</c>, or the range form).</summary>
    private string Slice(FuzzVariable array, int start, int length)
    {
        string from = start.ToString(CultureInfo.InvariantCulture);
        string count = length.ToString(CultureInfo.InvariantCulture);
        if (array.Shape == ParamShape.Array)
        {
            return array.Name + ".AsSpan(" + from + ", " + count + ")";
        }

        return _r.Chance(0.5)
            ? array.Name + ".Slice(" + from + ", " + count + ")"
            : array.Name + "[" + from + ".." + (start + length).ToString(CultureInfo.InvariantCulture) + "]";
    }
}
