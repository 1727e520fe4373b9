using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Emission;

/// <summary>
/// Prints a checkpointed loop (<see cref="CheckpointedLoopStmt"/>) in the forward sweep and its replay
/// (<see cref="CheckpointReplayStmt"/>) in the reverse sweep: the loop records while the tape is within half its
/// budget; past that, the rest runs unrecorded with a checkpoint every segment, and the reverse sweep re-runs the
/// segments from their checkpoints, last first.
/// </summary>
internal static class CheckpointEmitter
{
    private const string Math = "global::System.Math.";

    public static void WriteForward(IndentedWriter writer, CheckpointedLoopStmt checkpointed, IrPrinter printer, Action<IEnumerable<IrStmt>> writeBody)
    {
        ForStmt loop = checkpointed.Loop;
        CheckpointLocals names = checkpointed.Locals;
        string tape = printer.TapeName;
        string index = Identifier.Escape(loop.Index);
        writer.Line("// " + IrPrinter.PrintHeader(loop) + ", checkpointed: it records while the tape holds at most half its budget.");
        writer.Line("// Past that, the rest of its iterations run without recording, and every segment of them first saves what they");
        writer.Line("// carry (" + Describe(checkpointed.State) + ") for the reverse sweep to re-run that segment from.");
        writer.Line(Name(names.Begin) + " = " + tape + ".RecordedBytes;");
        writer.Line(Name(names.Limit) + " = " + tape + ".CheckpointThreshold;");
        writer.Line(printer.Header(loop, declare: false));
        using (writer.OpenBlock())
        {
            writeBody(loop.Body);
            writer.Line("if (" + tape + ".RecordedBytes > " + Name(names.Limit) + ")");
            using (writer.OpenBlock())
            {
                writer.Line(index + (loop.Step == 1 ? "++;" : "--;"));
                writer.Line("break;");
            }
        }

        writer.Line();
        writer.Line(Name(names.Next) + " = " + index + ";");
        writer.Line(Name(names.Rest) + " = " + printer.Expression(checkpointed.Remaining) + ";");
        writer.Line("if (" + Name(names.Rest) + " > 0)");
        using (writer.OpenBlock())
        {
            writer.Line(Name(names.Length) + " = global::SharpGrad.Numerics.Tape.CheckpointSegment(" + tape + ".RecordedBytes - " + Name(names.Begin) + ", "
                + printer.Expression(checkpointed.Recorded) + ", " + Name(names.Rest) + ", " + StateBytes(checkpointed.State) + ");");
            writer.Line("for (" + Name(names.Counter) + " = 0; " + Name(names.Counter) + " < " + Name(names.Rest) + "; " + Name(names.Counter) + "++)");
            using (writer.OpenBlock())
            {
                writer.Line(index + " = " + Name(names.Next) + (loop.Step == 1 ? " + " : " - ") + Name(names.Counter) + ";");
                writer.Line("if (" + Name(names.Counter) + " % " + Name(names.Length) + " == 0)");
                using (writer.OpenBlock())
                {
                    writer.Line("// checkpoint: what the iterations carry, as this segment starts");
                    foreach (CheckpointValue value in checkpointed.State)
                    {
                        writer.Line(value.IsArray
                            ? tape + ".PushSpan<" + value.Type.Keyword() + ">(" + Name(value.Name) + ");"
                            : GradientEmitter.WritePush(printer, new TapePushStmt(new VariableExpr(value.Name, value.Type))));
                    }
                }

                writeBody(checkpointed.Unrecorded);
            }
        }
    }

    public static void WriteReplay(IndentedWriter writer, CheckpointReplayStmt replay, IrPrinter printer, Action<IEnumerable<IrStmt>> writeForward, Action<IEnumerable<IrStmt>> writeReverse)
    {
        ForStmt loop = replay.Loop;
        CheckpointLocals names = replay.Locals;
        string index = Identifier.Escape(loop.Index);
        string at = index + " = " + Name(names.Next) + (loop.Step == 1 ? " + " : " - ") + Name(names.Counter) + ";";
        writer.Line("// first the iterations it ran without recording: last segment first, each back to its checkpoint,");
        writer.Line("// re-run recording, then reversed.");
        writer.Line("if (" + Name(names.Rest) + " > 0)");
        using (writer.OpenBlock())
        {
            writer.Line("for (" + Name(names.Segment) + " = (" + Name(names.Rest) + " - 1) / " + Name(names.Length) + "; " + Name(names.Segment) + " >= 0; " + Name(names.Segment) + "--)");
            using (writer.OpenBlock())
            {
                writer.Line(Name(names.First) + " = " + Name(names.Segment) + " * " + Name(names.Length) + ";");
                writer.Line(Name(names.End) + " = " + Math + "Min(" + Name(names.First) + " + " + Name(names.Length) + ", " + Name(names.Rest) + ");");
                writer.Line("// back to the checkpoint");
                foreach (CheckpointValue value in replay.State.Reverse())
                {
                    writer.Line(value.IsArray
                        ? printer.TapeName + ".PopSpan<" + value.Type.Keyword() + ">(" + Name(value.Name) + ");"
                        : Name(value.Name) + " = " + printer.Expression(new TapePopExpr(value.Type)) + ";");
                }

                writer.Line("for (" + Name(names.Counter) + " = " + Name(names.First) + "; " + Name(names.Counter) + " < " + Name(names.End) + "; " + Name(names.Counter) + "++)");
                using (writer.OpenBlock())
                {
                    writer.Line(at);
                    writeForward(loop.Body);
                }

                writer.Line("for (" + Name(names.Counter) + " = " + Name(names.End) + " - 1; " + Name(names.Counter) + " >= " + Name(names.First) + "; " + Name(names.Counter) + "--)");
                using (writer.OpenBlock())
                {
                    writer.Line(at);
                    writeReverse(replay.ReverseBody);
                }
            }
        }

        writer.Line();
        writer.Line("// then the iterations it recorded");
    }

    private static string Name(string name) => Identifier.Escape(name);

    private static string Describe(IEnumerable<CheckpointValue> state)
    {
        string[] names = state.Select(v => v.IsArray ? v.Name + "[..]" : v.Name).ToArray();
        return names.Length == 0 ? "nothing" : string.Join(", ", names);
    }

    /// <summary>The size of one checkpoint in bytes, as a C# expression.</summary>
    private static string StateBytes(IEnumerable<CheckpointValue> state)
    {
        string[] terms = state.Select(v => v.IsArray
            ? (Size(v.Type) == 1 ? string.Empty : Size(v.Type).ToString(CultureInfo.InvariantCulture) + "L * ") + "(long)" + Name(v.Name) + ".Length"
            : Size(v.Type).ToString(CultureInfo.InvariantCulture) + "L").ToArray();
        return terms.Length == 0 ? "0L" : string.Join(" + ", terms);
    }

    private static int Size(NumericType type) => type switch
    {
        NumericType.Double or NumericType.Long => 8,
        NumericType.Bool => 1,
        _ => 4,
    };
}
