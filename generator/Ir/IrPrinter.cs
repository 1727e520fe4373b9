using System.Globalization;
using System.Text;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator.Ir;

/// <summary>
/// Prints IR as C#: fully qualified for generated code, plain (<c>Math.Exp</c>) for comments and test dumps.
/// Literals use the invariant culture and round-trip exactly; parentheses appear only where precedence needs them.
/// </summary>
internal sealed class IrPrinter
{
    private const int Conditional = 3;
    private const int LogicalOr = 4;
    private const int LogicalAnd = 5;
    private const int BitwiseOr = 6;
    private const int ExclusiveOr = 7;
    private const int BitwiseAnd = 8;
    private const int Equality = 9;
    private const int Relational = 10;
    private const int Shift = 11;
    private const int Additive = 12;
    private const int Multiplicative = 13;
    private const int Unary = 14;
    private const int Primary = 16;

    private readonly bool _qualified;
    private readonly string _tapeName;

    public IrPrinter(bool qualified, string tapeName = "tape")
    {
        _qualified = qualified;
        _tapeName = tapeName;
    }

    /// <summary>The name of the tape local that pops read from.</summary>
    public string TapeName => _tapeName;

    private static readonly IrPrinter _plain = new(qualified: false);

    /// <summary>Plain C# text of an expression, for comments.</summary>
    public static string Print(IrExpr expression) => _plain.Expression(expression);

    /// <summary>Plain C# text of an assignment, for comments.</summary>
    public static string Print(AssignStmt assignment) => _plain.Assignment(assignment);

    /// <summary>The header of a loop as the user would write it: <c>for (int i = 0; i &lt; n; i++)</c>.</summary>
    public static string PrintHeader(ForStmt loop) => _plain.Header(loop, declare: true);

    public string Assignment(AssignStmt assignment)
        => Expression(assignment.Target) + (assignment.Kind == AssignKind.Add ? " += " : " = ") + Expression(assignment.Value);

    public string Header(ForStmt loop, bool declare)
    {
        string index = Identifier.Escape(loop.Index);
        string step = loop.Step switch
        {
            1 => index + "++",
            -1 => index + "--",
            > 0 => index + " += " + loop.Step.ToString(CultureInfo.InvariantCulture),
            _ => index + " -= " + (-loop.Step).ToString(CultureInfo.InvariantCulture),
        };
        return "for (" + (declare ? "int " : string.Empty) + index + " = " + Expression(loop.Start) + "; "
            + index + " " + Operator(loop.Condition) + " " + Expression(loop.Bound) + "; " + step + ")";
    }

    public string Expression(IrExpr expression)
    {
        var builder = new StringBuilder();
        Write(builder, expression, 0);
        return builder.ToString();
    }

    private void Write(StringBuilder output, IrExpr expression, int required)
    {
        int precedence = PrecedenceOf(expression);
        bool parenthesize = precedence < required;
        if (parenthesize)
        {
            output.Append('(');
        }

        switch (expression)
        {
            case ConstantExpr constant:
                output.Append(Literal(constant));
                break;
            case VariableExpr variable:
                output.Append(Identifier.Escape(variable.Name));
                break;
            case ElementExpr element:
                output.Append(Identifier.Escape(element.Array)).Append('[');
                Write(output, element.Index, 0);
                output.Append(']');
                break;
            case LengthExpr length:
                output.Append(Identifier.Escape(length.Array)).Append(".Length");
                break;
            case UnaryExpr unary:
                output.Append(unary.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.BitwiseNot => "~", _ => "!" });
                int start = output.Length;
                Write(output, unary.Operand, Unary);
                if (output.Length > start && output[start] == '-')
                {
                    // Keep "-(-x)" from printing as the decrement "--x".
                    output.Insert(start, '(').Append(')');
                }

                break;
            case BinaryExpr binary:
                Write(output, binary.Left, precedence);
                output.Append(' ').Append(Operator(binary.Operator)).Append(' ');
                Write(output, binary.Right, precedence + 1);
                break;
            case CallExpr call:
                output.Append(MathClass(call)).Append('.').Append(KnownMethods.MethodName(call.Function)).Append('(');
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(", ");
                    }

                    Write(output, call.Arguments[i], 0);
                }

                output.Append(')');
                break;
            case ConditionalExpr conditional:
                Write(output, conditional.Condition, LogicalOr);
                output.Append(" ? ");
                Write(output, conditional.WhenTrue, Conditional);
                output.Append(" : ");
                Write(output, conditional.WhenFalse, Conditional);
                break;
            case ConvertExpr convert:
                output.Append('(').Append(convert.Type.Keyword()).Append(')');
                Write(output, convert.Operand, Unary);
                break;
            case ArrayRefExpr array:
                output.Append(Identifier.Escape(array.Array));
                break;
            case SliceExpr slice:
                // A T[] parameter, a rented Span<T> local and a ReadOnlySpan<T> all convert to the span type named here.
                if (_qualified)
                {
                    output.Append("((global::System.").Append(slice.Writable ? "Span<" : "ReadOnlySpan<").Append(slice.Type.Keyword()).Append(">)").Append(Identifier.Escape(slice.Array)).Append(')');
                }
                else
                {
                    output.Append(Identifier.Escape(slice.Array));
                }

                output.Append(".Slice(");
                Write(output, slice.Offset, 0);
                output.Append(", ");
                Write(output, slice.Length, 0);
                output.Append(')');
                break;
            case StopGradientExpr stop:
                // The generated code needs only the value (the transform dropped the derivative), but keeps the
                // call: printed bare, Stop(y) == y would be y == y, which C# warns about (CS1718). It inlines to nothing.
                output.Append(_qualified ? "global::SharpGrad.Gradient.Stop(" : "Gradient.Stop(");
                Write(output, stop.Operand, 0);
                output.Append(')');

                break;
            case DifferentiableCallExpr differentiableCall:
                WriteCall(output, _qualified ? differentiableCall.Method : ShortName(differentiableCall.Method), differentiableCall.Arguments, differentiableCall.PassedIn);
                break;
            case ConstantCallExpr constantCall:
                WriteCall(output, _qualified ? constantCall.Method : ShortName(constantCall.Method), constantCall.Arguments, literals: constantCall.TextArguments);
                break;
            case TapePopExpr { Type: NumericType.UInt }:
                // A uint is recorded by its int bits.
                output.Append("unchecked((uint)").Append(_tapeName).Append(".PopInt32())");
                break;
            case TapePopExpr pop:
                // Each value is read back with the type it was recorded with.
                output.Append(_tapeName).Append(pop.Type switch
                {
                    NumericType.Float => ".PopSingle()",
                    NumericType.Int => ".PopInt32()",
                    NumericType.Long => ".PopInt64()",
                    NumericType.Bool => ".PopFlag()",
                    _ => ".Pop()",
                });
                break;
        }

        if (parenthesize)
        {
            output.Append(')');
        }
    }

    public void WriteCall(StringBuilder output, string method, System.Collections.Generic.IEnumerable<IrExpr> arguments, Helpers.EquatableArray<bool> passedIn = default, Helpers.EquatableArray<string> literals = default)
    {
        output.Append(method).Append('(');
        int i = 0;
        foreach (IrExpr argument in arguments)
        {
            if (i > 0)
            {
                output.Append(", ");
            }

            if (i < passedIn.Count && passedIn[i])
            {
                output.Append("in ");
            }

            i++;
            Write(output, argument, 0);
        }

        foreach (string literal in literals)
        {
            output.Append(i++ > 0 ? ", " : string.Empty).Append(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(literal, quote: true));
        }

        output.Append(')');
    }

    /// <summary><c>global::A.B.C.M</c> becomes <c>C.M</c>, for comments.</summary>
    private static string ShortName(string qualified)
    {
        string[] parts = qualified.Split('.');
        return parts.Length >= 2 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : qualified;
    }

    private string MathClass(CallExpr call)
    {
        if (call.Function is MathFunction.Sigmoid or MathFunction.Relu)
        {
            return _qualified ? "global::SharpGrad.Functions" : "Functions";
        }

        // MathF lacks Clamp and Sign returns int: both are called on Math, which has float overloads.
        bool useMathF = call.Type == NumericType.Float && call.Function is not (MathFunction.Clamp or MathFunction.Sign);
        string name = useMathF ? "MathF" : "Math";
        return _qualified ? "global::System." + name : name;
    }

    private static int PrecedenceOf(IrExpr expression) => expression switch
    {
        ConstantExpr constant when constant.Value < 0 || (constant.Value == 0 && 1 / constant.Value < 0) => Unary,
        UnaryExpr or ConvertExpr => Unary,
        BinaryExpr binary => binary.Operator switch
        {
            BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder => Multiplicative,
            BinaryOperator.Add or BinaryOperator.Subtract => Additive,
            BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => Relational,
            BinaryOperator.Equal or BinaryOperator.NotEqual => Equality,
            BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift => Shift,
            BinaryOperator.BitwiseAnd => BitwiseAnd,
            BinaryOperator.ExclusiveOr => ExclusiveOr,
            BinaryOperator.BitwiseOr => BitwiseOr,
            BinaryOperator.And => LogicalAnd,
            _ => LogicalOr,
        },
        ConditionalExpr => Conditional,
        _ => Primary,
    };

    public static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "&&",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.ExclusiveOr => "^",
        BinaryOperator.LeftShift => "<<",
        BinaryOperator.RightShift => ">>",
        BinaryOperator.UnsignedRightShift => ">>>",
        _ => "||",
    };

    /// <summary>A C# literal that round-trips exactly, formatted with the invariant culture.</summary>
    public static string Literal(ConstantExpr constant)
    {
        double value = constant.Value;
        switch (constant.Type)
        {
            case NumericType.Bool:
                return value != 0 ? "true" : "false";
            case NumericType.Int:
                return ((int)value).ToString(CultureInfo.InvariantCulture);
            case NumericType.Long:
                return ((long)value).ToString(CultureInfo.InvariantCulture) + "L";
            case NumericType.UInt:
                return ((uint)value).ToString(CultureInfo.InvariantCulture) + "U";
            case NumericType.Float:
            {
                float f = (float)value;
                if (float.IsNaN(f))
                {
                    return "float.NaN";
                }

                if (float.IsInfinity(f))
                {
                    return f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
                }

                return f.ToString("R", CultureInfo.InvariantCulture) + "f";
            }

            default:
                if (double.IsNaN(value))
                {
                    return "double.NaN";
                }

                if (double.IsInfinity(value))
                {
                    return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                }

                return value.ToString("R", CultureInfo.InvariantCulture) + "d";
        }
    }

    /// <summary>A readable dump of a statement list, one statement per line, for tests and debugging.</summary>
    public static string Dump(System.Collections.Generic.IEnumerable<IrStmt> statements)
    {
        var output = new StringBuilder();
        DumpInto(output, statements, 0);
        return output.ToString();
    }

    private static void DumpInto(StringBuilder output, System.Collections.Generic.IEnumerable<IrStmt> statements, int depth)
    {
        string indent = new(' ', depth * 4);
        foreach (IrStmt statement in statements)
        {
            switch (statement)
            {
                case AssignStmt assign:
                    output.Append(indent).Append(Print(assign)).AppendLine(";");
                    break;
                case DeclareStmt declare:
                    output.Append(indent).Append(declare.Type.Keyword()).Append(' ').Append(declare.Name).Append(" = ").Append(Print(declare.Value)).AppendLine(";");
                    break;
                case ForStmt loop:
                    output.Append(indent).AppendLine(PrintHeader(loop));
                    DumpInto(output, loop.Body, depth + 1);
                    break;
                case VectorLoopStmt vectorized:
                    output.Append(indent).Append("vectorized ").AppendLine(PrintHeader(vectorized.Source));
                    DumpInto(output, vectorized.Source.Body, depth + 1);
                    break;
                case CheckpointedLoopStmt checkpointed:
                    output.Append(indent).Append("checkpointed ").AppendLine(PrintHeader(checkpointed.Loop));
                    DumpInto(output, checkpointed.Loop.Body, depth + 1);
                    break;
                case CheckpointReplayStmt replay:
                    output.Append(indent).Append("replay from checkpoints ").AppendLine(PrintHeader(replay.Loop));
                    DumpInto(output, replay.ReverseBody, depth + 1);
                    break;
                case WhileStmt loop:
                    output.Append(indent).Append("while (").Append(Print(loop.Condition)).AppendLine(loop.IsDoWhile ? ") (do)" : ")");
                    DumpInto(output, loop.Body, depth + 1);
                    break;
                case IfStmt branch:
                    output.Append(indent).Append("if (").Append(Print(branch.Condition)).AppendLine(")");
                    DumpInto(output, branch.Then, depth + 1);
                    if (branch.Else.Count > 0)
                    {
                        output.Append(indent).AppendLine("else");
                        DumpInto(output, branch.Else, depth + 1);
                    }

                    break;
                case AllocateStmt allocate:
                    output.Append(indent).Append(allocate.ElementType.Keyword()).Append("[] ").Append(allocate.Name).Append(" = new ").Append(allocate.ElementType.Keyword()).Append('[').Append(Print(allocate.Length)).AppendLine("];");
                    break;
                case ReturnStmt ret:
                    output.Append(indent).Append("return ").Append(Print(ret.Value)).AppendLine(";");
                    break;
                case CommentStmt comment:
                    output.Append(indent).Append("// ").AppendLine(comment.Text);
                    break;
                case TapePushStmt push:
                    output.Append(indent).Append(ArrayView.IsView(push.Value) ? "tape.PushSpan(" : "tape.Push(").Append(Print(push.Value)).AppendLine(");");
                    break;
                case TapePopSpanStmt pop:
                    output.Append(indent).Append("tape.PopSpan(").Append(Print(pop.Destination)).AppendLine(");");
                    break;
                case CallStmt call:
                    output.Append(indent).Append(call.Result is null ? string.Empty : Print(call.Result) + " = ").Append(Print(call.Call)).AppendLine(";");
                    break;
                case KernelCallStmt kernel:
                    output.Append(indent).Append(kernel.Result is null ? string.Empty : Print(kernel.Result) + " = ").Append("Kernels.").Append(kernel.Kernel).Append('(')
                        .Append(string.Join(", ", System.Linq.Enumerable.Select(kernel.Arguments, Print))).AppendLine(");");
                    break;
            }
        }
    }
}
